// merchant.saveMaterial — merchants only. Creates a material (with its opening quantity) or
// edits one's name, unit, safety level and usage; quantities change only through adjustStock.
// Usage lines must name existing products, once each. One transaction (re-reads the material).
// A new material past MAX_MATERIALS is refused (MATERIAL_LIMIT): the stock page and the order
// timer read them all in one query. Counted before the transaction (a query), so two created
// at the very same moment at the limit may make it one over; both then list the first by name.
import { randomBytes } from 'node:crypto'
import type { SaveMaterialView } from '@/domain/merchant-views'
import { fail, ok } from '@/domain/result'
import { MAX_MATERIALS, type MaterialRecord } from '@/domain/stock'
import { command, countOf, inTransaction } from '@/cloud/database'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { materials, readStock, writeMaterial } from '@/cloud/stock'
import { currentTime } from '@/cloud/clock'
import { materialViews, productNamesOf } from '../stock-views'

export const saveMaterial = defineMerchantAction(merchantApi.saveMaterial, async (input) => {
  const productIds = input.usage.map((u) => u.productId)
  if (new Set(productIds).size !== productIds.length)
    return fail('INVALID_INPUT', '同一商品只能填写一次用量', 'usage')
  if (input.id !== undefined && input.quantity !== undefined)
    return fail('INVALID_INPUT', '库存数量请通过“调整库存”修改', 'quantity')
  const [names, kept] = await Promise.all([
    productNamesOf(productIds),
    input.id === undefined ? countOf(materials().where({ name: command.gt('') })) : 0,
  ])
  if (kept >= MAX_MATERIALS)
    return fail(
      'MATERIAL_LIMIT',
      `最多管理 ${MAX_MATERIALS} 种材料，请修改不再使用的材料，而不是新增`,
    )
  const unknown = productIds.findIndex((pid) => !(pid in names))
  if (unknown >= 0) return fail('NOT_FOUND', '商品不存在', `usage.${unknown}.productId`)

  const now = currentTime()
  const materialId = input.id ?? `mat_${randomBytes(6).toString('hex')}`
  const saved = await inTransaction(async (transaction) => {
    const { material: current, shards } = await readStock(transaction, materialId)
    if (input.id !== undefined && !current) return fail('NOT_FOUND', '材料不存在')
    const base: MaterialRecord = current ?? {
      _id: materialId,
      name: input.name,
      unit: input.unit,
      quantity: input.quantity ?? 0,
      reserved: 0,
      safetyLevel: input.safetyLevel,
      usage: [],
      productIds: [],
      openTaskId: null,
      taskSeq: 0,
      createdAt: now,
      updatedAt: now,
    }
    const next: MaterialRecord = {
      ...base,
      name: input.name,
      unit: input.unit,
      safetyLevel: input.safetyLevel,
      usage: input.usage,
      productIds,
      updatedAt: now,
    }
    return ok(await writeMaterial(transaction, next, now, shards))
  })
  if (!saved.ok) return saved
  const [material] = await materialViews([saved.data])
  const view: SaveMaterialView = { material }
  return ok(view)
})
