// order.quote — anyone. Read-only: the price and completion date the server would charge now,
// including whether today's urgent capacity is left, and with a coupon what it takes off (only
// the caller's own; anyone else's reads as not found). create recomputes it; nothing is reserved.
import { chinaDateOf } from '@/domain/china-date'
import { COLLECTIONS } from '@/domain/names'
import { validateOrderSelection } from '@/domain/order-selection'
import { quoteOrder, urgentQuotaId } from '@/domain/pricing'
import { ok } from '@/domain/result'
import { db, readDoc } from '@/cloud/database'
import { loadActiveProduct, queueLoadOf } from '@/cloud/orders'
import { orderApi, type QuotedCoupon } from '@/domain/api/order'
import { defineAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'
import { readBatchCounts } from '@/cloud/batch-shards'
import { checkCoupon } from '@/cloud/coupons'

export const quote = defineAction(
  orderApi.quote,
  async ({ productId, selection, couponId }, caller) => {
    const product = await loadActiveProduct(productId)
    if (!product.ok) return product
    const chosen = validateOrderSelection(product.data, selection)
    if (!chosen.ok) return chosen
    const now = currentTime()
    const [queueLoad, quota, batch] = await Promise.all([
      queueLoadOf(productId),
      product.data.urgent
        ? readDoc<{ count: number }>(
            db.collection(COLLECTIONS.urgentQuotas).doc(urgentQuotaId(productId, chinaDateOf(now))),
          )
        : null,
      product.data.kind === 'batch' ? readBatchCounts([productId]) : null,
    ])
    const quoted = quoteOrder(product.data, chosen.data, {
      now,
      urgentOrdersToday: quota?.count ?? 0,
      queueLoad,
      batchQuantity: batch?.get(productId)?.quantity ?? 0,
    })
    if (couponId === undefined) return ok({ quote: quoted })
    const check = await checkCoupon(couponId, caller.openid, quoted.priceFen, now)
    const coupon: QuotedCoupon = check.usable
      ? { couponId, usable: true, discountFen: check.discountFen, payFen: check.payFen }
      : { couponId, usable: false, message: check.message }
    return ok({ quote: quoted, coupon })
  },
)
