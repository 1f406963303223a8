// merchant.adjustStock — merchants only. Changes a material's on-hand quantity by a whole
// delta in one transaction (re-read, so concurrent orders' reservations are respected). It may
// not cut into reserved units unless the reason is a stock-count correction; then the answer
// reports the shortfall and how many orders it affects (merchant.flagStockOut flags them).
import { type AdjustStockView } from '@/domain/merchant-views'
import { fail, ok } from '@/domain/result'
import { adjust, toRestockTask, type RestockTaskRecord } from '@/domain/stock'
import { withShards } from '@/domain/stock-shards'
import { inTransaction, readDoc } from '@/cloud/database'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { readStock, restockTasks } from '@/cloud/stock'
import { writeSpread } from '@/cloud/stock-spread'
import { currentTime } from '@/cloud/clock'
import { materialViews } from '../stock-views'

export const adjustStock = defineMerchantAction(merchantApi.adjustStock, async (input) => {
  const now = currentTime()
  const result = await inTransaction(async (transaction) => {
    const { material: current, shards } = await readStock(transaction, input.materialId)
    if (!current) return fail('NOT_FOUND', '材料不存在')
    // Checked on the whole (shards' reservations counted); the spare is then spread anew.
    const adjusted = adjust(withShards(current, shards), input.delta, input.reason, now)
    if (!adjusted.ok) return adjusted
    const changed = { ...current, quantity: adjusted.data.material.quantity, updatedAt: now }
    const material = await writeSpread(transaction, changed, shards, now)
    return ok({ material, shortfall: adjusted.data.shortfall })
  })
  if (!result.ok) return result
  const { material, shortfall } = result.data
  const [view, task] = await Promise.all([
    materialViews([material]),
    material.openTaskId
      ? readDoc<RestockTaskRecord>(restockTasks().doc(material.openTaskId))
      : Promise.resolve(null),
  ])
  const answer: AdjustStockView = {
    material: view[0],
    task: task ? toRestockTask({ ...task, _id: material.openTaskId as string }) : null,
    shortfall,
  }
  return ok(answer)
})
