// merchant.flagStockOut — merchants only. Flags an out_of_stock exception, with the remedies to
// offer, on every order holding a reservation of this material that stock cannot cover (oldest
// reservations are covered first). One applyOrderEvent per order; the answer reports each.
import { ok, fail } from '@/domain/result'
import type { MaterialRecord } from '@/domain/stock'
import { readDoc } from '@/cloud/database'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { materials, withTheirShards } from '@/cloud/stock'
import { actEach } from '../act-each'
import { uncoveredOf } from '../stock-views'

export const flagStockOut = defineMerchantAction(
  merchantApi.flagStockOut,
  async (input, merchantOpenid) => {
    const stored = await readDoc<MaterialRecord>(materials().doc(input.materialId))
    if (!stored) return fail('NOT_FOUND', '材料不存在')
    const [material] = await withTheirShards([stored])
    const affected = await uncoveredOf(material)
    const note = input.note ?? `「${material.name}」库存不足，暂时无法按期制作`
    const orderNos = Object.fromEntries(affected.map((r) => [r.orderId, r.orderNo]))
    return ok(
      await actEach(
        merchantOpenid,
        affected.map((r) => r.orderId),
        'flag_exception',
        { kind: 'out_of_stock', note, offered: input.offered },
        orderNos,
      ),
    )
  },
)
