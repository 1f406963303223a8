// merchant.flagStockOut — merchants only. Flags an out_of_stock exception, with the remedies to
// offer, on every order holding a reservation of this material that stock cannot cover (oldest
// reservations are covered first). One applyOrderEvent per order; the answer reports each.
import { ok, fail } from '@/domain/result'
import { REMEDY_TYPES } from '@/domain/order-types'
import { array, id, object, optional, string, type Check } from '@/domain/validate'
import type { MaterialRecord } from '@/domain/stock'
import { readDoc } from '@/cloud/database'
import { requireMerchant } from '@/cloud/merchants'
import { defineAction } from '@/cloud/router'
import { materials } from '@/cloud/stock'
import { actEach } from '../act-each'
import { uncoveredOf } from '../stock-views'

const remedyShape: Check<Record<string, unknown>> = (value, path) =>
  typeof value === 'object' &&
  value !== null &&
  (REMEDY_TYPES as readonly unknown[]).includes((value as { type?: unknown }).type)
    ? { ok: true, value: value as Record<string, unknown> }
    : { ok: false, path, message: '处理方式不正确' }

const payload = object({
  materialId: id('材料'),
  note: optional(string({ label: '说明', max: 200 })),
  // Shape here; the rest (a new ETA not in the past, coupon amount) by the order machine's
  // flag_exception input rules, the same as order.act.
  offered: array(remedyShape, { label: '处理方式', min: 1, max: REMEDY_TYPES.length }),
})

export const flagStockOut = defineAction(payload, async (input, caller) => {
  const merchant = await requireMerchant(caller)
  if (!merchant.ok) return merchant
  const material = await readDoc<MaterialRecord>(materials().doc(input.materialId))
  if (!material) return fail('NOT_FOUND', '材料不存在')
  const affected = await uncoveredOf(material)
  const note = input.note ?? `「${material.name}」库存不足，暂时无法按期制作`
  const orderNos = Object.fromEntries(affected.map((r) => [r.orderId, r.orderNo]))
  return ok(
    await actEach(
      merchant.data,
      affected.map((r) => r.orderId),
      'flag_exception',
      { kind: 'out_of_stock', note, offered: input.offered },
      orderNos,
    ),
  )
})
