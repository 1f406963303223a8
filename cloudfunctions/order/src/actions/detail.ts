// order.detail — the owner (as consumer) or a merchant; read-only. Another consumer's order
// reads NOT_FOUND, never revealing that it exists. `actions` are the buttons to show. A merchant
// also gets the order's rating, read beside the merchant check (no extra step in sequence). The
// owner of a completed order also gets 为你推荐 (slot `order_done`, cloud/slot-recommendations.ts).
import { availableEvents } from '@/domain/order-machine'
import type { OrderRecord } from '@/domain/order-types'
import type { RatingRecord } from '@/domain/rating'
import { fail, ok } from '@/domain/result'
import { readDoc } from '@/cloud/database'
import { isMerchant } from '@/cloud/merchants'
import { orders } from '@/cloud/orders'
import { ratings } from '@/cloud/ratings'
import { orderApi } from '@/domain/api/order'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'
import { slotRecommendations } from '@/cloud/slot-recommendations'

export const detail = defineUserAction(orderApi.detail, async ({ orderId }, openid) => {
  const order = await readDoc<OrderRecord>(orders().doc(orderId))
  if (!order) return fail('NOT_FOUND', '订单不存在')
  const context = { openid, now: currentTime() }
  if (order.ownerOpenid === openid) {
    const actions = availableEvents(order, 'consumer', context)
    if (order.node !== 'completed') return ok({ order, role: 'consumer', actions })
    const picks = await slotRecommendations(openid, 'order_done', { productId: order.productId })
    return ok({ order, role: 'consumer', actions, recommendations: picks })
  }
  const [merchant, rating] = await Promise.all([
    isMerchant(openid),
    readDoc<RatingRecord>(ratings().doc(orderId)),
  ])
  if (!merchant) return fail('NOT_FOUND', '订单不存在')
  return ok({
    order,
    role: 'merchant',
    actions: availableEvents(order, 'merchant', context),
    rating,
  })
})
