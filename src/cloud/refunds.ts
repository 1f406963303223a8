// Refunds of paid orders: every cancellation after payment (the rest not yet refunded) and the
// merchant's partial or full refunds. The transaction that adds a refund writes it pending on the
// order, with its own outRefundNo (R1, R2, …); after the commit `sendRefund` asks WeChat, like
// the outbox send after commit. WeChat's outRefundNo is its idempotency key, so the timer may
// resend a pending or failed refund with the same number and money still moves once. Settling
// (refund callback, timer) is one transaction that re-reads the order, writes only a change and,
// when WeChat paid the refund out, its ledger row.
import { COLLECTIONS } from '../domain/names'
import { refundAudit } from '../domain/order-transition'
import type { OrderRecord } from '../domain/order-types'
import {
  addRefund,
  newRefunds,
  openRefunds,
  refundsOf,
  retryRefund,
  settleRefund,
  type OrderPayment,
  type OrderRefund,
  type RefundRequester,
} from '../domain/payment'
import { fail, ok, type Result } from '../domain/result'
import * as cloudpay from './cloudpay'
import { command, db, inTransaction, readDoc, type DocumentRef, type Transaction } from './database'
import { recordMoney } from './ledger'

const ordersRef = (orderId: string) => db.collection(COLLECTIONS.orders).doc(orderId)

/**
 * Replaces the stored order with its new payment (a whole `set`, like every order write), with
 * the ledger rows the change makes, in the caller's transaction. The version is left alone: it
 * counts state-machine transitions (one audit row each), and refunds are bookkeeping on an
 * order whose node does not move (a merchant's refund adds its own audit row, `requestRefund`).
 */
export async function writePayment(
  transaction: Transaction,
  ref: DocumentRef,
  order: OrderRecord,
  payment: OrderPayment,
  now: Date,
): Promise<void> {
  const { _id, ...fields } = order
  void _id
  await recordMoney(transaction, order, { ...order, payment }, now)
  await ref.set({ data: { ...fields, payment, updatedAt: now } })
}

/** WeChat codes worth retrying as they are (the timer resends); any other code is a failure. */
const TRANSIENT = new Set(['SYSTEMERROR', 'FREQUENCY_LIMITED', 'BIZERR_NEED_RETRY'])

export type RefundOutcome =
  { state: 'succeeded' } | { state: 'failed'; failure: string } | { state: 'pending' }

/**
 * Writes WeChat's answer about the order's refund `outRefundNo` onto its payment; a retried
 * refund goes back to pending. Nothing is written when the stored payment already says so, so a
 * repeated callback changes nothing. Returns the payment as stored afterwards.
 */
export async function settleRefundOf(
  orderId: string,
  outRefundNo: string,
  outcome: RefundOutcome | 'resent',
  now: Date,
): Promise<OrderPayment | null> {
  return inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.orders).doc(orderId)
    const order = await readDoc<OrderRecord>(ref)
    if (!order) return null
    const refund = refundsOf(order.payment).find((r) => r.outRefundNo === outRefundNo)
    if (!refund) return null
    // A refund WeChat has paid out is final: a late failure report never undoes it.
    if (refund.state === 'succeeded') return order.payment
    const next =
      outcome === 'resent'
        ? retryRefund(order.payment, outRefundNo)
        : settleRefund(order.payment, outRefundNo, outcome, now)
    const after = refundsOf(next).find((r) => r.outRefundNo === outRefundNo)
    if (after?.state === refund.state && after.failure === refund.failure) return order.payment
    await writePayment(transaction, ref, order, next, now)
    return next
  })
}

/**
 * Asks WeChat for one refund of the order (pending or failed). A transport failure or a
 * transient code leaves it for the timer; another code marks it failed with WeChat's reason.
 * Never throws: it runs after a committed write, whose answer must not fail.
 */
export async function sendRefund(
  order: OrderRecord,
  refund: OrderRefund,
  now: Date,
): Promise<RefundOutcome | null> {
  const { payment } = order
  if (refund.state === 'succeeded' || !payment.outTradeNo) return null
  try {
    const answer = await cloudpay.refund({
      outTradeNo: payment.outTradeNo,
      outRefundNo: refund.outRefundNo,
      totalFee: payment.amountFen,
      // Never above what was paid, whatever the stored refund says.
      refundFee: Math.min(refund.amountFen, payment.amountFen),
      refundDesc: refund.reason,
    })
    if (answer.ok) {
      if (refund.state === 'failed')
        await settleRefundOf(order._id, refund.outRefundNo, 'resent', now)
      return { state: 'pending' }
    }
    if (TRANSIENT.has(answer.code)) return null
    const failed = { state: 'failed' as const, failure: answer.message || answer.code }
    await settleRefundOf(order._id, refund.outRefundNo, failed, now)
    return failed
  } catch (error) {
    console.error(`[refund] ${refund.outRefundNo} not sent; the timer retries`, error)
    return null
  }
}

/** Sends the refunds a committed write added (a cancellation, a late payment, the merchant). */
export async function sendNewRefunds(
  before: OrderRecord,
  after: OrderRecord,
  now: Date,
): Promise<void> {
  for (const refund of newRefunds(before.payment, after.payment))
    await sendRefund(after, refund, now)
}

/** Sends every refund of the order WeChat has not finished (the order timer's resend). */
export async function sendOpenRefunds(order: OrderRecord, now: Date): Promise<void> {
  for (const refund of openRefunds(order.payment)) await sendRefund(order, refund, now)
}

export interface MerchantRefundRequest {
  orderId: string
  amountFen: number
  reason: string
  /** The client's id for this request: a double tap or a retry adds one refund only. */
  requestId: string
  requestedBy: RefundRequester
}

export interface MerchantRefundOutcome {
  order: OrderRecord
  refund: OrderRefund
  /** This request had already added its refund (a repeat); nothing new was written or sent. */
  repeated: boolean
}

/**
 * The merchant's partial or full refund: one transaction re-reads the order, recognises a
 * repeated request by its requestId, checks the rule (payment.ts `refundRefusal`: paid, more
 * than 0, at most what is left to refund) and writes the pending refund with its audit row; WeChat
 * is asked after the commit. A refused or repeated request writes nothing. The order's node does
 * not move.
 */
export async function requestRefund(
  request: MerchantRefundRequest,
  now: Date,
): Promise<Result<MerchantRefundOutcome>> {
  const result = await inTransaction(
    async (transaction): Promise<Result<MerchantRefundOutcome>> => {
      const ref = transaction.collection(COLLECTIONS.orders).doc(request.orderId)
      const order = await readDoc<OrderRecord>(ref)
      if (!order) return fail('NOT_FOUND', '订单不存在')
      const earlier = refundsOf(order.payment).find((r) => r.requestId === request.requestId)
      if (earlier) return ok({ order, refund: earlier, repeated: true })
      const added = addRefund(
        order.payment,
        order.orderNo,
        {
          amountFen: request.amountFen,
          reason: request.reason,
          requestedBy: request.requestedBy,
          requestId: request.requestId,
        },
        now,
      )
      if (!added.ok) return fail(added.code, added.message)
      await writePayment(transaction, ref, order, added.payment, now)
      await transaction
        .collection(COLLECTIONS.orderAudit)
        .add({ data: refundAudit(order, added.refund, now) })
      return ok({
        order: { ...order, payment: added.payment, updatedAt: now },
        refund: added.refund,
        repeated: false,
      })
    },
  )
  // A repeat of a request whose refund is still pending sends it again (same outRefundNo, so
  // WeChat pays it once): the first call may have committed and lost its answer before sending.
  if (result.ok && result.data.repeated && result.data.refund.state === 'pending')
    await sendRefund(result.data.order, result.data.refund, now)
  if (result.ok && !result.data.repeated) {
    const outcome = await sendRefund(result.data.order, result.data.refund, now)
    if (outcome && outcome.state === 'failed') {
      // WeChat refused at once: answer what the order says now (退款失败, with the reason).
      const order = await readDoc<OrderRecord>(ordersRef(request.orderId))
      if (order) {
        const refund = refundsOf(order.payment).find(
          (r) => r.outRefundNo === result.data.refund.outRefundNo,
        )
        return ok({ order, refund: refund ?? result.data.refund, repeated: false })
      }
    }
  }
  return result
}

/**
 * The merchant's 重试 of a failed refund: sent again with the same outRefundNo and amount, so
 * WeChat never pays it twice. Only a failed refund may be retried.
 */
export async function retryFailedRefund(
  orderId: string,
  outRefundNo: string,
  now: Date,
): Promise<Result<{ order: OrderRecord; refund: OrderRefund }>> {
  const order = await readDoc<OrderRecord>(ordersRef(orderId))
  if (!order) return fail('NOT_FOUND', '订单不存在')
  const refund = refundsOf(order.payment).find((r) => r.outRefundNo === outRefundNo)
  if (!refund) return fail('NOT_FOUND', '这笔退款不存在')
  if (refund.state !== 'failed')
    return fail(
      'INVALID_TRANSITION',
      refund.state === 'succeeded' ? '这笔退款已成功' : '这笔退款正在处理中',
    )
  await sendRefund(order, refund, now)
  const after = (await readDoc<OrderRecord>(ordersRef(orderId))) ?? order
  const settled = refundsOf(after.payment).find((r) => r.outRefundNo === outRefundNo) ?? refund
  return ok({ order: after, refund: settled })
}

/**
 * Orders with a failed refund: flagged (every write since refunds became a list) or, for
 * records from before, in state refund_failed. Both branches are indexed.
 */
export const failedRefundQuery = () =>
  command.or([{ 'payment.refundFailed': true }, { 'payment.state': 'refund_failed' }])
