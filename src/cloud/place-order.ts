// Creating an order, for `create` and `reorder`. The server validates the selection against the
// product, prices it itself, and writes inside one transaction keyed by (caller, requestId):
// a retry finds the order it already made. The urgent-capacity counter is read and written in
// that same transaction, so parallel orders cannot oversell it; a batch product's order takes
// its place in the batch's shards there too (batch-shards.ts: only its home shard, or on reaching
// the minimum the batch moved on, so no order joins a batch that moved on); so is the customer's
// open-order counter (customer-holds.ts), so one account cannot hoard stock, and the
// coupon the customer chose (coupons.ts): checked against the price computed here and marked used
// by this order, so it is spent once however many orders try it. A retry never spends a second.
import type { Address } from '../domain/address'
import { BATCH_SHARDS } from '../domain/batch-shards'
import type { ProductRecord } from '../domain/catalog'
import { chinaDateOf } from '../domain/china-date'
import {
  mergeHolds,
  orderLimitCheck,
  OPEN_ORDER_NODE,
  type OrderHold,
} from '../domain/customer-holds'
import { COLLECTIONS, type CollectionName } from '../domain/names'
import { buildNewOrder, orderIdFor } from '../domain/new-order'
import { payWithinMinutes } from '../domain/payment'
import type { OrderRecord } from '../domain/order-types'
import { validateOrderSelection } from '../domain/order-selection'
import { quoteOrder, urgentQuotaId } from '../domain/pricing'
import { fail, ok, type Result } from '../domain/result'
import {
  addCounts,
  isPersonalised,
  newPreference,
  orderSignals,
  preferencePatch,
  type BehaviourEvent,
  type PreferenceRecord,
} from '../domain/behaviour'
import { stockNeeds, type MaterialRecord } from '../domain/stock'
import { MATERIAL_SHARDS } from '../domain/stock-shards'
import { readHolds, stillHeld } from './customer-holds'
import { inTransaction, readDoc, type Transaction, withoutId } from './database'
import { orders, queueLoadOf } from './orders'
import { releaseBatch } from './batches'
import {
  movedOnAfterJoin,
  prepareBatchJoin,
  readShardEstimate,
  writeBatchDocs,
} from './batch-shards'
import { materialsOf, prepareReservation } from './stock'
import { currentTime } from './clock'
import { countOrderChange } from './order-counters'
import type { UrgentQuota } from './urgent-quota'
import { openOrdersOf, orderLimits } from './order-limits'
import { readCouponForUse } from './coupons'
import { writeInLockOrder } from './lock-order'
import { instanceShard, moveInstanceShard } from './shard-affinity'

export interface PlaceOrderRequest {
  ownerOpenid: string
  requestId: string
  /** A coupon of the caller's to spend on this order (create only; a reorder carries none). */
  couponId?: string
  /**
   * The product and what the customer chose, read beside the transaction's start (with
   * readOrderInputs); a Fail is answered unless the order was already placed.
   */
  prepared: Promise<Result<PreparedOrder>>
}

export interface PreparedOrder {
  product: ProductRecord
  selectionInput: unknown
  address: Address
  inputs: OrderInputs
}

/** Reads outside the transaction (queries it cannot run), all at once. */
export interface OrderInputs {
  queueLoad: number
  materials: MaterialRecord[]
  openOrders: OrderHold[]
}

export async function readOrderInputs(
  ownerOpenid: string,
  productId: string,
): Promise<OrderInputs> {
  const [queueLoad, used, openOrders] = await Promise.all([
    queueLoadOf(productId),
    materialsOf(productId),
    openOrdersOf(ownerOpenid),
  ])
  return { queueLoad, materials: used, openOrders }
}

/** The order, and the customer's preference document after it when behaviour was recorded. */
export interface PlacedOrder {
  order: OrderRecord
  preference: PreferenceRecord | null
}

/**
 * One transaction, started while the product and inputs are read. Its first read is the order's
 * own document, so a retry gets its order back even if the product, profile or payload has
 * changed since; then every other read at once, then every write at once.
 */
export async function placeOrder(request: PlaceOrderRequest): Promise<Result<PlacedOrder>> {
  const { ownerOpenid, requestId } = request
  request.prepared.catch(() => undefined) // awaited in the transaction; a failure throws there
  const now = currentTime()
  const orderId = orderIdFor(ownerOpenid, requestId)
  // A batch product's shards as committed, read beside the transaction's start.
  const estimate = request.prepared.then((prepared) =>
    prepared.ok && prepared.data.product.kind === 'batch'
      ? readShardEstimate(prepared.data.product._id)
      : [],
  )
  estimate.catch(() => undefined) // awaited in the transaction, as prepared
  // The instance's shards (shard-affinity.ts); a conflict re-runs the transaction on others.
  const placed = await inTransaction(async (transaction) => {
    const home = instanceShard(BATCH_SHARDS)
    const doc = (name: CollectionName, id: string) => transaction.collection(name).doc(id)
    const orderRef = doc(COLLECTIONS.orders, orderId)
    const existing = await readDoc<OrderRecord>(orderRef)
    if (existing) return ok({ order: existing, batch: null, seen: null })
    const prepared = await request.prepared
    if (!prepared.ok) return prepared
    const { product, address, inputs } = prepared.data
    const selection = validateOrderSelection(product, prepared.data.selectionInput)
    if (!selection.ok) return selection
    const needs = stockNeeds(inputs.materials, product._id, selection.data.quantity)
    const wantsUrgent = selection.data.urgent && product.urgent !== undefined
    const quotaRef = doc(COLLECTIONS.urgentQuotas, urgentQuotaId(product._id, chinaDateOf(now)))
    const preferenceRef = doc(COLLECTIONS.preferences, ownerOpenid)
    const [holds, quota, joined, couponFor, reservation, preference] = await Promise.all([
      prepareOrderHold(transaction, ownerOpenid, inputs.openOrders, {
        id: orderId,
        units: selection.data.quantity,
      }),
      wantsUrgent ? readDoc<UrgentQuota>(quotaRef) : null,
      product.kind === 'batch'
        ? estimate.then((shards) =>
            prepareBatchJoin(transaction, shards, {
              product,
              quantity: selection.data.quantity,
              home,
              now,
            }),
          )
        : null,
      request.couponId ? readCouponForUse(transaction, request.couponId) : null,
      // Stock: checked before any write, so a refused order leaves nothing behind.
      prepareReservation(transaction, needs, now, {
        shard: instanceShard(MATERIAL_SHARDS),
        known: inputs.materials,
      }),
      readDoc<PreferenceRecord>(preferenceRef),
    ])
    if (!holds.ok) return holds

    const quote = quoteOrder(product, selection.data, {
      now,
      urgentOrdersToday: quota?.count ?? 0,
      queueLoad: inputs.queueLoad,
      batchQuantity: joined?.before ?? 0,
    })
    const coupon = couponFor?.({ openid: ownerOpenid, priceFen: quote.priceFen, orderId, now })
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
    if (!reservation.ok) return reservation
    if (reservation.data.shardShort) moveInstanceShard()
    const behaviour = orderBehaviour(ownerOpenid, product, built.data, preference, now)

    const count = (quota?.count ?? 0) + 1
    // Every write at once: this order's own documents, then the shared ones in the order every
    // transaction uses (lock-order.ts).
    await writeInLockOrder(
      [
        () => orderRef.set({ data: { ...withoutId(built.data), stock: reservation.data.lines } }),
        () => reservation.data.rows(built.data),
        behaviour &&
          (() =>
            transaction.collection(COLLECTIONS.behaviourEvents).add({ data: behaviour.events })),
      ],
      [
        holds.data,
        reservation.data.materials,
        coupon?.data.write,
        quote.urgent.applied &&
          (() => quotaRef.set({ data: { productId: product._id, day: quote.quotedOn, count } })),
        joined &&
          (() => writeBatchDocs(transaction, product._id, joined.state, joined.shards, now)),
        behaviour && (() => preferenceRef.set({ data: withoutId(behaviour.preference) })),
        () => countOrderChange(transaction, null, built.data),
      ],
    )
    return ok({
      order: built.data,
      batch: joined && { ...joined, nextMinQuantity: product.batch?.minQuantity },
      seen: behaviour?.preference ?? null,
    })
  })
  if (!placed.ok) return placed
  const { order, batch, seen } = placed.data
  if (batch === null) return ok({ order, preference: seen })
  const movedOn = await movedOnAfterJoin(order.productId, batch, batch.nextMinQuantity, now)
  for (const batchId of movedOn) await releaseBatch(batchId, now)
  if (!movedOn.includes(order.batchId ?? '')) return ok({ order, preference: seen })
  // This order's batch has just moved on, and the order with it: answer with what is stored now.
  const released = await readDoc<OrderRecord>(orders().doc(order._id))
  return released ? ok({ order: released, preference: seen }) : fail('INTERNAL')
}

/**
 * Behaviour (issue 19) written with the order, unless personalisation is off: its counts added to
 * the preference document (created, switched on, by a first order) and its raw events.
 */
function orderBehaviour(
  openid: string,
  product: ProductRecord,
  order: OrderRecord,
  stored: PreferenceRecord | null,
  now: Date,
): { preference: PreferenceRecord; events: BehaviourEvent[] } | null {
  if (!isPersonalised(stored)) return null
  const signals = orderSignals(product, {
    _id: order._id,
    choices: order.productSnapshot.choices,
    quantity: order.selection.quantity,
  })
  const counted = addCounts(stored ?? newPreference(openid, true, now), preferencePatch(signals))
  return {
    preference: { ...counted, lastSeenAt: now, updatedAt: now },
    events: signals.map(({ type, productId, detail }) => ({
      ownerOpenid: openid,
      type,
      productId,
      detail,
      createdAt: now,
    })),
  }
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
