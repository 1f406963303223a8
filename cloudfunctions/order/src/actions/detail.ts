// order.detail — the owner (as consumer) or a merchant; read-only. Another consumer's order
// reads NOT_FOUND, never revealing that it exists. `actions` are the buttons to show.
import { availableEvents } from '@/domain/order-machine'
import type { OrderRecord } from '@/domain/order-types'
import { fail, ok } from '@/domain/result'
import { readDoc } from '@/cloud/database'
import { isMerchant } from '@/cloud/merchants'
import { orders } from '@/cloud/orders'
import { orderApi } from '@/domain/api/order'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const detail = defineUserAction(orderApi.detail, async ({ orderId }, openid) => {
  const order = await readDoc<OrderRecord>(orders().doc(orderId))
  const role =
    order?.ownerOpenid === openid
      ? 'consumer'
      : order && (await isMerchant(openid))
        ? 'merchant'
        : null
  if (!order || !role) return fail('NOT_FOUND', '订单不存在')
  const actions = availableEvents(order, role, { openid: openid, now: currentTime() })
  return ok({ order, role, actions })
})
