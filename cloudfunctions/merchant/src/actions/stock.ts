// merchant.stock — merchants only; read-only. Every material (a workshop has tens, at most
// MAX_MATERIALS: saveMaterial refuses more) by name, with its levels and usage, and the open
// restock tasks.
import type { StockView } from '@/domain/merchant-views'
import { ok } from '@/domain/result'
import {
  MAX_MATERIALS,
  toRestockTask,
  type MaterialRecord,
  type RestockTaskRecord,
} from '@/domain/stock'
import { command, readList } from '@/cloud/database'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { materials, restockTasks } from '@/cloud/stock'
import { materialViews } from '../stock-views'

const TASKS_LIMIT = 50

export const stock = defineMerchantAction(merchantApi.stock, async (_input) => {
  const [list, tasks] = await Promise.all([
    readList<MaterialRecord>(
      // Names are never empty, so this is every material, read through the name index.
      materials()
        .where({ name: command.gt('') })
        .orderBy('name', 'asc')
        .limit(MAX_MATERIALS),
    ),
    readList<RestockTaskRecord>(
      restockTasks().where({ status: 'open' }).orderBy('createdAt', 'desc').limit(TASKS_LIMIT),
    ),
  ])
  const view: StockView = { items: await materialViews(list), tasks: tasks.map(toRestockTask) }
  return ok(view)
})
