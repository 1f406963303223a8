// order.create — signed-in consumers. Idempotent on (caller, requestId): retries and double taps
// return the first order (and spend no second coupon). Price, ETA, urgent capacity and a coupon's
// discount are the server's, never the client's.
import type { MeasurementProfileRecord } from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { fail, ok } from '@/domain/result'
import { db, readDoc } from '@/cloud/database'
import { loadActiveProduct } from '@/cloud/orders'
import { placedOrder, placeOrder } from '@/cloud/place-order'
import { recordOrderPlaced } from '@/cloud/behaviour'
import { attributeOrder } from '@/cloud/rec-stats'
import { countCoPurchase } from '@/cloud/co-purchase'
import { orderApi } from '@/domain/api/order'
import { defineUserAction } from '@/cloud/router'

export const create = defineUserAction(orderApi.create, async (input, openid) => {
  const placed = await placedOrder(openid, input.requestId)
  if (placed) return ok({ order: placed })
  const product = await loadActiveProduct(input.productId)
  if (!product.ok) return product
  let selectionInput = input.selection
  if (input.profileId !== undefined) {
    const profile = await readDoc<MeasurementProfileRecord>(
      db.collection(COLLECTIONS.measurementProfiles).doc(input.profileId),
    )
    if (!profile || profile.ownerOpenid !== openid) return fail('NOT_FOUND', '量体档案不存在')
    selectionInput = withProfile(input.selection, profile.values, product.data.measurements)
  }
  const order = await placeOrder({
    ownerOpenid: openid,
    requestId: input.requestId,
    product: product.data,
    selectionInput,
    address: input.address,
    couponId: input.couponId,
  })
  if (!order.ok) return order
  // Behaviour (issue 19): the order and its options, unless personalisation is off.
  const recorded = await recordOrderPlaced(openid, product.data, order.data)
  // A recommendation tapped in the last 7 days converts (once; retries returned above).
  const preference = await attributeOrder(openid, product.data._id)
  // Shop-wide co-purchase counts from the customer's own order counts (switch on only).
  if (recorded === 'recorded' && preference)
    await countCoPurchase(preference.ordered, product.data._id)
  return ok({ order: order.data })
})

/** Profile values fill the product's measurements; values typed on the page win. */
function withProfile(
  selection: unknown,
  values: Record<string, number>,
  measurements: { id: string }[],
): unknown {
  if (typeof selection !== 'object' || selection === null || Array.isArray(selection))
    return selection
  const typed = (selection as { measurements?: unknown }).measurements
  const fromProfile = Object.fromEntries(
    measurements.filter((m) => values[m.id] !== undefined).map((m) => [m.id, values[m.id]]),
  )
  const merged =
    typed && typeof typed === 'object' && !Array.isArray(typed)
      ? { ...fromProfile, ...typed }
      : typed === undefined
        ? fromProfile
        : typed
  return { ...selection, measurements: merged }
}
