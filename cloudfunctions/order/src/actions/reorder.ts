// order.reorder — the owner of a past order. A new order with the same choices and address,
// validated and priced again against the product as it is now; idempotent on requestId.
// Urgent is not carried over: a reorder is never charged a surcharge the customer did not pick.
import { fail, ok, type Result } from '@/domain/result'
import type { OrderRecord } from '@/domain/order-types'
import { readDoc } from '@/cloud/database'
import { loadActiveProduct, orders } from '@/cloud/orders'
import { placeOrder, readOrderInputs, type PreparedOrder } from '@/cloud/place-order'
import { orderApi } from '@/domain/api/order'
import { defineUserAction } from '@/cloud/router'

export const reorder = defineUserAction(
  orderApi.reorder,
  async ({ orderId, requestId }, openid) => {
    // Behaviour (issue 19) is written with the order, unless personalisation is off.
    const placing = await placeOrder({ ownerOpenid: openid, requestId, prepared: prepare() })
    return placing.ok ? ok({ order: placing.data.order }) : placing

    /** The past order, then the product and inputs, beside the transaction's start. */
    async function prepare(): Promise<Result<PreparedOrder>> {
      const past = await readDoc<OrderRecord>(orders().doc(orderId))
      if (!past || past.ownerOpenid !== openid) return fail('NOT_FOUND', '订单不存在')
      const [product, inputs] = await Promise.all([
        loadActiveProduct(past.productId),
        readOrderInputs(openid, past.productId),
      ])
      if (!product.ok) return product
      const selectionInput = { ...past.selection, urgent: false }
      return ok({ product: product.data, selectionInput, address: past.address, inputs })
    }
  },
)
