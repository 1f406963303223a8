// Creating an order, for `create` and `reorder`. The server validates the selection against the
// product, prices it itself, and writes inside one transaction keyed by (caller, requestId):
// a retry finds the order it already made. The urgent-capacity counter and the batch count are
// read and written in that same transaction, so parallel orders cannot oversell either; so is the
// customer's open-order counter (customer-holds.ts), so one account cannot hoard stock, and the
// coupon the customer chose (coupons.ts): checked against the price computed here and marked used
// by this order, so it is spent once however many orders try it. A retry never spends a second.
import type { Address } from '../domain/address'
import { joinBatch, type BatchState } from '../domain/batch'
import type { ProductRecord } from '../domain/catalog'
import { chinaDateOf } from '../domain/china-date'
import {
  mergeHolds,
  orderLimitCheck,
  OPEN_ORDER_NODE,
  type OrderHold,
} from '../domain/customer-holds'
import { COLLECTIONS } from '../domain/names'
import { buildNewOrder, orderIdFor } from '../domain/new-order'
import { payWithinMinutes } from '../domain/payment'
import type { OrderRecord } from '../domain/order-types'
import { validateOrderSelection } from '../domain/order-selection'
import { quoteOrder, urgentQuotaId } from '../domain/pricing'
import { fail, ok, type Result } from '../domain/result'
import { readHolds, stillHeld } from './customer-holds'
import { inTransaction, readDoc, type Transaction, withoutId } from './database'
import { orders, queueLoadOf } from './orders'
import { releaseBatch } from './batches'
import { prepareReservation, stockNeedsOf } from './stock'
import { currentTime } from './clock'
import type { UrgentQuota } from './urgent-quota'
import { openOrdersOf, orderLimits } from './order-limits'
import { prepareCouponUse } from './coupons'

export interface PlaceOrderRequest {
  ownerOpenid: string
  requestId: string
  product: ProductRecord
  selectionInput: unknown
  address: Address
  /** A coupon of the caller's to spend on this order (create only; a reorder carries none). */
  couponId?: string
}

/**
 * The order a (caller, requestId) already placed, if any. Checked before anything else, so a retry
 * gets its order back even if the product, profile or payload has changed since.
 */
export function placedOrder(ownerOpenid: string, requestId: string): Promise<OrderRecord | null> {
  return readDoc<OrderRecord>(orders().doc(orderIdFor(ownerOpenid, requestId)))
}

export async function placeOrder(request: PlaceOrderRequest): Promise<Result<OrderRecord>> {
  const { ownerOpenid, requestId, product, address } = request
  const selection = validateOrderSelection(product, request.selectionInput)
  if (!selection.ok) return selection
  const queueLoad = await queueLoadOf(product._id)
  const needs = await stockNeedsOf(product._id, selection.data.quantity)
  const now = currentTime()
  const orderId = orderIdFor(ownerOpenid, requestId)
  const found = await openOrdersOf(ownerOpenid)

  const placed = await inTransaction(async (transaction) => {
    const orderRef = transaction.collection(COLLECTIONS.orders).doc(orderId)
    const existing = await readDoc<OrderRecord>(orderRef)
    if (existing) return ok({ order: existing, reachedBatchId: null as string | null })

    const holds = await prepareOrderHold(transaction, ownerOpenid, found, {
      id: orderId,
      units: selection.data.quantity,
    })
    if (!holds.ok) return holds

    const wantsUrgent = selection.data.urgent && product.urgent !== undefined
    const quotaRef = transaction
      .collection(COLLECTIONS.urgentQuotas)
      .doc(urgentQuotaId(product._id, chinaDateOf(now)))
    const quota = wantsUrgent ? await readDoc<UrgentQuota>(quotaRef) : null

    const batchRef = transaction.collection(COLLECTIONS.batches).doc(product._id)
    const batchState = product.kind === 'batch' ? await readDoc<BatchState>(batchRef) : null
    const joined =
      product.kind === 'batch' ? joinBatch(batchState, product, selection.data.quantity, now) : null

    const quote = quoteOrder(product, selection.data, {
      now,
      urgentOrdersToday: quota?.count ?? 0,
      queueLoad,
      batchQuantity: batchState?.quantity ?? 0,
    })
    const coupon = request.couponId
      ? await prepareCouponUse(transaction, {
          couponId: request.couponId,
          openid: ownerOpenid,
          priceFen: quote.priceFen,
          orderId,
          now,
        })
      : null
    if (coupon && !coupon.ok) return coupon
    const built = buildNewOrder({
      product,
      selection: selection.data,
      quote,
      ownerOpenid,
      requestId,
      address,
      now,
      payWithinMinutes: payWithinMinutes(process.env.PAY_WITHIN_MINUTES),
      batchId: joined?.batchId ?? null,
      coupon: coupon?.data.coupon ?? null,
    })
    if (!built.ok) return built
    // Stock: checked before any write, so a refused order leaves nothing behind.
    const reservation = await prepareReservation(transaction, built.data, needs, now)
    if (!reservation.ok) return reservation

    await orderRef.set({ data: { ...withoutId(built.data), stock: needs } })
    await holds.data()
    await reservation.data()
    if (coupon) await coupon.data.write()
    if (quote.urgent.applied) {
      const count = (quota?.count ?? 0) + 1
      await quotaRef.set({ data: { productId: product._id, day: quote.quotedOn, count } })
    }
    if (joined) await batchRef.set({ data: withoutId(joined.state) })
    return ok({ order: built.data, reachedBatchId: joined?.reached ? joined.batchId : null })
  })
  if (!placed.ok) return placed
  const { order, reachedBatchId } = placed.data
  if (reachedBatchId === null) return ok(order)
  await releaseBatch(reachedBatchId, now)
  // This order filled the batch, so it has just moved on: answer with what is stored now.
  const released = await readDoc<OrderRecord>(orders().doc(order._id))
  return released ? ok(released) : fail('INTERNAL')
}

/**
 * Inside the order's transaction, before its writes: refuses an order beyond the customer's open
 * orders or units (ORDER_LIMIT), else returns the write that counts it.
 */
async function prepareOrderHold(
  transaction: Transaction,
  ownerOpenid: string,
  found: readonly OrderHold[],
  order: OrderHold,
): Promise<Result<() => Promise<void>>> {
  const counter = await readHolds<OrderHold>(transaction, ownerOpenid, 'orders')
  let held = mergeHolds(counter.items, found, () => true)
  const limits = orderLimits()
  // A counted order may have moved on (confirmed, cancelled): the order itself says.
  if (!orderLimitCheck(held, order.units, limits).ok)
    held = await stillHeld<OrderHold, OrderRecord>(
      transaction,
      COLLECTIONS.orders,
      held,
      (stored) => stored?.node === OPEN_ORDER_NODE,
    )
  const check = orderLimitCheck(held, order.units, limits)
  if (!check.ok) return check
  return ok(() => counter.save([...held, order]))
}
