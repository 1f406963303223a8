// order.reorder — the owner of a past order. A new order with the same choices and address,
// validated and priced again against the product as it is now; idempotent on requestId.
// Urgent is not carried over: a reorder is never charged a surcharge the customer did not pick.
import { fail, ok } from '@/domain/result'
import type { OrderRecord } from '@/domain/order-types'
import { readDoc } from '@/cloud/database'
import { loadActiveProduct, orders } from '@/cloud/orders'
import { placedOrder, placeOrder } from '@/cloud/place-order'
import { recordOrderPlaced } from '@/cloud/behaviour'
import { orderApi } from '@/domain/api/order'
import { defineUserAction } from '@/cloud/router'

export const reorder = defineUserAction(
  orderApi.reorder,
  async ({ orderId, requestId }, openid) => {
    const placed = await placedOrder(openid, requestId)
    if (placed) return ok({ order: placed })
    const past = await readDoc<OrderRecord>(orders().doc(orderId))
    if (!past || past.ownerOpenid !== openid) return fail('NOT_FOUND', '订单不存在')
    const product = await loadActiveProduct(past.productId)
    if (!product.ok) return product
    const order = await placeOrder({
      ownerOpenid: openid,
      requestId,
      product: product.data,
      selectionInput: { ...past.selection, urgent: false },
      address: past.address,
    })
    if (!order.ok) return order
    // Behaviour (issue 19): the order and its options, unless personalisation is off.
    await recordOrderPlaced(openid, product.data, order.data)
    return ok({ order: order.data })
  },
)
