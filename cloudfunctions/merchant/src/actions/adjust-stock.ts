// merchant.adjustStock — merchants only. Changes a material's on-hand quantity by a whole
// delta in one transaction (re-read, so concurrent orders' reservations are respected). It may
// not cut into reserved units unless the reason is a stock-count correction; then the answer
// reports the shortfall and how many orders it affects (merchant.flagStockOut flags them).
import { type AdjustStockView } from '@/domain/merchant-views'
import { COLLECTIONS } from '@/domain/names'
import { fail, ok } from '@/domain/result'
import { adjust, toRestockTask, type MaterialRecord, type RestockTaskRecord } from '@/domain/stock'
import { inTransaction, readDoc } from '@/cloud/database'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { restockTasks, writeMaterial } from '@/cloud/stock'
import { currentTime } from '@/cloud/clock'
import { materialViews } from '../stock-views'

export const adjustStock = defineMerchantAction(merchantApi.adjustStock, async (input) => {
  const now = currentTime()
  const result = await inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.materials).doc(input.materialId)
    const current = await readDoc<MaterialRecord>(ref)
    if (!current) return fail('NOT_FOUND', '材料不存在')
    const adjusted = adjust(current, input.delta, input.reason, now)
    if (!adjusted.ok) return adjusted
    const material = await writeMaterial(transaction, adjusted.data.material, now)
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
