// order.rateOrder — the owner of a completed order, once, then changes within 7 days of rating;
//   refused while an after-sales request is open. Racing first ratings leave one document.
// order.rating — the owner or a merchant; read-only: the rating or null and what the owner may
//   do now. Another consumer's order reads NOT_FOUND.
import type { OrderRecord } from '@/domain/order-types'
import { ratingView, type RatingRecord } from '@/domain/rating'
import { fail, ok } from '@/domain/result'
import { ratingApi } from '@/domain/api/rating'
import { rateOrderApi } from '@/domain/api/rating-order'
import { readDoc } from '@/cloud/database'
import { isMerchant } from '@/cloud/merchants'
import { orders } from '@/cloud/orders'
import { rateOrder as rate, ratings } from '@/cloud/ratings'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const rateOrder = defineUserAction(rateOrderApi.rateOrder, (input, openid) =>
  rate(input, openid, currentTime()),
)

export const rating = defineUserAction(ratingApi.rating, async ({ orderId }, openid) => {
  const [order, stored] = await Promise.all([
    readDoc<OrderRecord>(orders().doc(orderId)),
    readDoc<RatingRecord>(ratings().doc(orderId)),
  ])
  const owner = order?.ownerOpenid === openid
  if (!order || (!owner && !(await isMerchant(openid)))) return fail('NOT_FOUND', '订单不存在')
  return ok(ratingView(order, stored, owner, currentTime()))
})
