// order.detail — the owner (as consumer) or a merchant; read-only. Another consumer's order
// reads NOT_FOUND, never revealing that it exists. `actions` are the buttons to show.
import { availableEvents } from '@/domain/order-machine'
import type { OrderRecord } from '@/domain/order-types'
import { fail, ok } from '@/domain/result'
import { id, object } from '@/domain/validate'
import { requireUser } from '@/cloud/context'
import { readDoc } from '@/cloud/database'
import { isMerchant } from '@/cloud/merchants'
import { orders } from '@/cloud/orders'
import { defineAction } from '@/cloud/router'

export const detail = defineAction(object({ orderId: id('订单') }), async ({ orderId }, caller) => {
  const user = requireUser(caller)
  if (!user.ok) return user
  const order = await readDoc<OrderRecord>(orders().doc(orderId))
  const role =
    order?.ownerOpenid === user.data
      ? 'consumer'
      : order && (await isMerchant(user.data))
        ? 'merchant'
        : null
  if (!order || !role) return fail('NOT_FOUND', '订单不存在')
  const actions = availableEvents(order, role, { openid: user.data, now: new Date() })
  return ok({ order, role, actions })
})
