// Order writes shared by the order actions and the timer. Every state change goes through
// applyOrderEvent: one transaction that re-reads the order, checks the version the client saw,
// runs the domain's applyTransition, and writes the order, its audit row, its notification
// (claimed for sending, or held or deferred: notifier.ts decideClaim), a granted coupon (or the
// coupon the order used, given back when it is cancelled before production), a batch's count,
// the stock it holds, (an urgent order cancelled the day it was placed) the day's urgent slot
// and (a delivery) its refill and care tasks together — or nothing — then sends the claimed
// message and, when the event cancelled a paid order, asks WeChat for its refund. A
// payment applied (`pay`) writes its ledger row in the same transaction (ledger.ts).
import type { ProductRecord } from '../domain/catalog'
import { newOutboxRecord, orderMessageDraft, type OutboxRecord } from '../domain/message-drafts'
import { COLLECTIONS } from '../domain/names'
import type { Actor, OrderRecord } from '../domain/order-types'
import { applyTransition } from '../domain/order-transition'
import { fail, ok, type Result } from '../domain/result'
import { currentEnv } from './context'
import {
  command,
  countOf,
  db,
  inTransaction,
  readDoc,
  type Transaction,
  withoutId,
} from './database'
import { decideClaim, readClaim, sendClaimed, type ClaimedSend, type ClaimReads } from './notifier'
import { countOrderChange } from './order-counters'
import { prepareStockSettlement } from './stock'
import { prepareUrgentRelease } from './urgent-quota'
import { recordRefillIn } from './refills'
import { recordCareIn } from './care'
import { sendNewRefunds } from './refunds'
import { closeOpenAttempts } from './payments'
import { paymentPartOf, paymentsOf } from '../domain/order-payments'
import { partOf, type PaymentPart } from '../domain/payment'
import { prepareCouponReturn, storeCoupon } from './coupons'
import { recordMoney } from './ledger'
import { prepareReworkClose } from './rework'
import { writeInLockOrder } from './lock-order'
import { prepareBatchLeave } from './batch-shards'

export const orders = () => db.collection(COLLECTIONS.orders)

/** Nodes whose orders occupy the workshop (they lengthen new orders' lead time). */
const IN_WORK_NODES = ['materials', 'production', 'rework', 'quality_check']

export async function loadActiveProduct(productId: string): Promise<Result<ProductRecord>> {
  const product = await readDoc<ProductRecord>(db.collection(COLLECTIONS.products).doc(productId))
  return product && product.active ? ok(product) : fail('NOT_FOUND', '商品不存在或已下架')
}

/** Orders of this product in the workshop now; an estimate read outside any transaction. */
export async function queueLoadOf(productId: string): Promise<number> {
  return countOf(orders().where({ productId, node: command.in(IN_WORK_NODES) }))
}

export interface OrderEventRequest {
  orderId: string
  event: string
  input: unknown
  /** The version the client saw; a mismatch means someone else moved the order first. */
  expectedVersion?: number
  /**
   * Who acts, decided from the current order (ownership); a Fail hides the order. May wait for a
   * read started beside the transaction (order.act's merchant lookup).
   */
  actorFor: (order: OrderRecord) => Result<Actor> | Promise<Result<Actor>>
  now: Date
  /**
   * The order read beside the transaction's start (order.act): the message it would send says
   * which claim documents to read beside the transaction's own read of the order.
   */
  earlyRead?: Promise<OrderRecord | null>
}

export async function applyOrderEvent(request: OrderEventRequest): Promise<Result<OrderRecord>> {
  const result = await inTransaction((transaction) => orderEventIn(transaction, request))
  if (!result.ok) return result
  await afterOrderEvent(result.data, request.now)
  return ok(result.data.order)
}

/** What one applied event leaves to do once its transaction has committed. */
export interface AppliedOrderEvent {
  /** The order as read by the attempt that committed (refunds it lacked are sent after). */
  before: OrderRecord
  order: OrderRecord
  /** Its message, claimed for sending in the transaction (a held or deferred one: null). */
  claimed: ClaimedSend | null
  close: PaymentPart[]
}

/**
 * The event inside `transaction` (a caller may write more beside it: the after-sales accept
 * writes its request). Reads first: the batch, the urgent counter and the materials are shared
 * with other orders, so their writes may conflict, and nothing may be read after a conflicted
 * write.
 */
export async function orderEventIn(
  transaction: Transaction,
  request: OrderEventRequest,
): Promise<Result<AppliedOrderEvent>> {
  const { orderId, event, input, expectedVersion, actorFor, now } = request
  // Photos must be files of the environment this function runs in (domain/photos.ts).
  const storage = { env: currentEnv() }
  const ref = transaction.collection(COLLECTIONS.orders).doc(orderId)
  // The order first (its document's lock: local-cloud transactions.ts), then what it foretells.
  const reading = readDoc<OrderRecord>(ref)
  const expected = request.earlyRead ? expectedClaimReads(transaction, request, storage) : null
  const [order, early] = await Promise.all([reading, expected])
  if (!order) return fail('NOT_FOUND', '订单不存在')
  const actor = await actorFor(order)
  if (!actor.ok) return actor
  if (expectedVersion !== undefined && expectedVersion !== order.version)
    return fail('CONFLICT', '订单刚刚有了新进展，请刷新后再操作')
  const output = applyTransition(order, event, actor.data, input ?? {}, now, storage)
  if (!output.ok) return output
  const {
    order: next,
    audit,
    notification,
    grant,
    couponReturn,
    batchLeave,
    urgentRelease,
  } = output.data
  // Its message's row, claimed (or held, deferred) here: the send after commit needs no claim.
  const message = notification ? newOutboxRecord(orderMessageDraft(notification, next), now) : null
  // Every read the event needs, at once.
  const [leave, giveBack, settle, giveCouponBack, finishRework, claim] = await Promise.all([
    batchLeave ? prepareBatchLeave(transaction, next, batchLeave, now) : null,
    urgentRelease ? prepareUrgentRelease(transaction, urgentRelease) : null,
    prepareStockSettlement(transaction, order, next, now),
    couponReturn ? prepareCouponReturn(transaction, couponReturn.couponId, order._id) : null,
    order.rework && !next.rework
      ? prepareReworkClose(transaction, order.rework.afterSalesId, now)
      : null,
    message ? decideClaim(transaction, message, now, early) : null,
  ])
  // Every write at once: this order's own documents, then the shared ones in the order every
  // transaction uses (lock-order.ts).
  await writeInLockOrder(
    [
      () => recordMoney(transaction, order, next, now),
      () => ref.set({ data: withoutId(next) }),
      () => transaction.collection(COLLECTIONS.orderAudit).add({ data: audit }),
      message && claim && (() => queueNewMessage(transaction, { ...message, ...claim.patch })),
      grant && (() => storeCoupon(transaction, grant)),
    ],
    [
      settle,
      giveCouponBack,
      giveBack,
      leave,
      finishRework,
      next.node === 'delivered' && (() => recordDeliveryIn(transaction, next, now)),
      () => countOrderChange(transaction, order, next),
      ...(claim?.shared ?? []),
    ],
  )
  return ok({
    before: order,
    order: next,
    claimed: claim?.claim ?? null,
    close: closingParts(order, next),
  })
}

/**
 * The claim reads of the message the event would send to the order as read before the
 * transaction; none when it would send none (or that read failed). decideClaim reads again if the
 * message turns out otherwise.
 */
async function expectedClaimReads(
  transaction: Transaction,
  request: OrderEventRequest,
  storage: { env: string },
): Promise<ClaimReads | null> {
  const seen = await request.earlyRead?.catch(() => null)
  if (!seen) return null
  const actor = await request.actorFor(seen)
  if (!actor.ok) return null
  const { event, input, now } = request
  const output = applyTransition(seen, event, actor.data, input ?? {}, now, storage)
  if (!output.ok || !output.data.notification) return null
  const draft = orderMessageDraft(output.data.notification, output.data.order)
  return readClaim(transaction, newOutboxRecord(draft, now), now)
}

/**
 * An order's message, written without reading first: its id derives from a key naming the
 * order's new version, which this transaction alone can write (it read the order and writes it).
 */
async function queueNewMessage(transaction: Transaction, record: OutboxRecord) {
  const { _id, ...row } = record
  await transaction.collection(COLLECTIONS.notificationQueue).doc(_id).set({ data: row })
}

/** A delivery starts what follows it: the consumable's refill, the made good's care plan. */
async function recordDeliveryIn(transaction: Transaction, order: OrderRecord, now: Date) {
  const product = await readDoc<ProductRecord>(
    transaction.collection(COLLECTIONS.products).doc(order.productId),
  )
  await recordRefillIn(transaction, order, product, now)
  await recordCareIn(transaction, order, product, now)
}

/**
 * After the commit, whoever applied the event: its message (the message timer retries
 * leftovers), the refund a cancellation started (the order timer resends what this misses), and
 * an unpaid order's open attempts closed, so a sheet left open cannot be paid unseen.
 */
export async function afterOrderEvent(applied: AppliedOrderEvent, now: Date): Promise<void> {
  if (applied.claimed) await sendClaimedAfterCommit(applied.claimed)
  await sendNewRefunds(applied.before, applied.order, now)
  for (const part of applied.close) await closeOpenAttempts(applied.order, now, part)
}

/** The change stands whatever happens here: a failure is logged and the timer finds the row. */
async function sendClaimedAfterCommit(claimed: ClaimedSend): Promise<void> {
  try {
    await sendClaimed(claimed)
  } catch (error) {
    console.error('[notifier] send after commit failed; the timer will settle the row', error)
  }
}

/** The payments this write closed unpaid with attempts WeChat may still hold open. */
function closingParts(before: OrderRecord, after: OrderRecord): PaymentPart[] {
  return paymentsOf(after)
    .filter((payment) => payment.closing === true)
    .map(partOf)
    .filter((part) => paymentPartOf(before, part)?.state === 'unpaid')
}

export const SYSTEM: Actor = { role: 'system', openid: null }

/** The system's own event on an order (timers, payment notices, batches): no caller to check. */
export const applySystemEvent = (orderId: string, event: string, now: Date, input: object = {}) =>
  applyOrderEvent({ orderId, event, input, actorFor: () => ok(SYSTEM), now })
