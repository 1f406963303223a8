// order.create — signed-in consumers. Idempotent on (caller, requestId): retries and double taps
// return the first order (and spend no second coupon). Price, ETA, urgent capacity and a coupon's
// discount are the server's, never the client's.
import type { MeasurementProfileRecord } from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import type { Address } from '@/domain/address'
import { fail, ok, type Result } from '@/domain/result'
import { db, readDoc } from '@/cloud/database'
import { loadActiveProduct } from '@/cloud/orders'
import { placeOrder, readOrderInputs, type PreparedOrder } from '@/cloud/place-order'
import { attributeOrder } from '@/cloud/rec-stats'
import { countCoPurchase } from '@/cloud/co-purchase'
import { orderApi } from '@/domain/api/order'
import { defineUserAction } from '@/cloud/router'

export const create = defineUserAction(orderApi.create, async (input, openid) => {
  const placing = await placeOrder({
    ownerOpenid: openid,
    requestId: input.requestId,
    couponId: input.couponId,
    prepared: prepare(input, openid),
  })
  if (!placing.ok) return placing
  const { order, preference } = placing.data
  // Behaviour was written with the order (unless personalisation is off); a recommendation
  // tapped in the last 7 days converts, and shop-wide co-purchase pairs are counted.
  if (preference)
    await Promise.all([
      attributeOrder(openid, input.productId, preference),
      countCoPurchase(preference.ordered, input.productId),
    ])
  return ok({ order })
})

/** The product, profile and inputs, read together beside the transaction's start. */
async function prepare(
  input: { productId: string; profileId?: string; selection?: unknown; address: Address },
  openid: string,
): Promise<Result<PreparedOrder>> {
  const [product, inputs, profile] = await Promise.all([
    loadActiveProduct(input.productId),
    readOrderInputs(openid, input.productId),
    input.profileId === undefined
      ? null
      : readDoc<MeasurementProfileRecord>(
          db.collection(COLLECTIONS.measurementProfiles).doc(input.profileId),
        ),
  ])
  if (!product.ok) return product
  let selectionInput = input.selection
  if (input.profileId !== undefined) {
    if (!profile || profile.ownerOpenid !== openid) return fail('NOT_FOUND', '量体档案不存在')
    selectionInput = withProfile(input.selection, profile.values, product.data.measurements)
  }
  return ok({ product: product.data, selectionInput, address: input.address, inputs })
}

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
