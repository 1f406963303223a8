// Refunds of paid orders: every cancellation after payment (the rest not yet refunded) and the
// merchant's partial or full refunds. The transaction that adds a refund writes it pending on the
// order, with its own outRefundNo (R1, R2, …); after the commit `sendRefund` asks WeChat, like
// the outbox send after commit. WeChat's outRefundNo is its idempotency key, so the timer may
// resend a pending or failed refund with the same number and money still moves once. Settling
// (refund callback, timer) is one transaction that re-reads the order, writes only a change and,
// when WeChat paid the refund out, its ledger row.
import { COLLECTIONS } from '../domain/names'
import {
  orderRefundRefusal,
  paymentPartOf,
  paymentsOf,
  splitRefund,
  withPaymentPart,
} from '../domain/order-payments'
import { refundAudit } from '../domain/order-transition'
import type { OrderRecord } from '../domain/order-types'
import {
  addRefund,
  newRefunds,
  openRefunds,
  parseTradeNo,
  partOf,
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
 * Replaces the stored order with one of its payments changed (a whole `set`, like every order
 * write; the payment's part says which), with the ledger rows the change makes, in the caller's
 * transaction. The version is left alone: it counts state-machine transitions (one audit row
 * each), and refunds are bookkeeping on an order whose node does not move (a merchant's refund
 * adds its own audit row, `requestRefund`).
 */
export async function writePayment(
  transaction: Transaction,
  ref: DocumentRef,
  order: OrderRecord,
  payment: OrderPayment,
  now: Date,
): Promise<OrderRecord> {
  return writeMoney(transaction, ref, order, withPaymentPart(order, payment), now)
}

/** Replaces `before` with `after` (its payments changed) and adds the ledger rows that makes. */
async function writeMoney(
  transaction: Transaction,
  ref: DocumentRef,
  before: OrderRecord,
  after: OrderRecord,
  now: Date,
): Promise<OrderRecord> {
  const next = { ...after, updatedAt: now }
  const { _id, ...fields } = next
  void _id
  await recordMoney(transaction, before, next, now)
  await ref.set({ data: fields })
  return next
}

/** The order's payment a refund number belongs to (its number names the part). */
export function paymentOfRefund(order: OrderRecord, outRefundNo: string): OrderPayment | null {
  const parsed = parseTradeNo(outRefundNo, 'R')
  return parsed ? paymentPartOf(order, parsed.part) : null
}

/** Every refund of the order, over its payments. */
const allRefunds = (order: OrderRecord) => paymentsOf(order).flatMap((p) => refundsOf(p))

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
    const payment = order && paymentOfRefund(order, outRefundNo)
    if (!order || !payment) return null
    const refund = refundsOf(payment).find((r) => r.outRefundNo === outRefundNo)
    if (!refund) return null
    // A refund WeChat has paid out is final: a late failure report never undoes it.
    if (refund.state === 'succeeded') return payment
    const next =
      outcome === 'resent'
        ? retryRefund(payment, outRefundNo)
        : settleRefund(payment, outRefundNo, outcome, now)
    const after = refundsOf(next).find((r) => r.outRefundNo === outRefundNo)
    if (after?.state === refund.state && after.failure === refund.failure) return payment
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
  const payment = paymentOfRefund(order, refund.outRefundNo)
  if (refund.state === 'succeeded' || !payment?.outTradeNo) return null
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
  for (const payment of paymentsOf(after))
    for (const refund of newRefunds(paymentPartOf(before, partOf(payment)), payment))
      await sendRefund(after, refund, now)
}

/** Sends every refund of the order WeChat has not finished (the order timer's resend). */
export async function sendOpenRefunds(order: OrderRecord, now: Date): Promise<void> {
  for (const payment of paymentsOf(order))
    for (const refund of openRefunds(payment)) await sendRefund(order, refund, now)
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
  /** The first refund the request added (the 尾款's when it was split). */
  refund: OrderRefund
  /** Every refund the request added: one per payment it took from, 尾款 first. */
  refunds: OrderRefund[]
  /** This request had already added its refund (a repeat); nothing new was written or sent. */
  repeated: boolean
}

/**
 * The merchant's partial or full refund: one transaction re-reads the order, recognises a
 * repeated request by its requestId, checks the rule (order-payments.ts `orderRefundRefusal`:
 * paid, more than 0, at most what is left to refund) and writes the pending refunds (split over
 * the 尾款 and the payment at submit, 尾款 first) with their audit rows; WeChat is asked after the
 * commit. A refused or repeated request writes nothing. The order's node does not move.
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
      const earlier = allRefunds(order).filter((r) => r.requestId === request.requestId)
      if (earlier[0]) return ok({ order, refund: earlier[0], refunds: earlier, repeated: true })
      const refusal = orderRefundRefusal(order, request.amountFen)
      if (refusal) return fail(refusal.code, refusal.message)
      let next = order
      const refunds: OrderRefund[] = []
      for (const piece of splitRefund(order, request.amountFen)) {
        const payment = paymentPartOf(next, piece.part)
        const added =
          payment &&
          addRefund(
            payment,
            order.orderNo,
            {
              amountFen: piece.amountFen,
              reason: request.reason,
              requestedBy: request.requestedBy,
              requestId: request.requestId,
            },
            now,
          )
        if (!added?.ok) return fail('REFUND_TOO_MUCH', '退款金额超过可退余额')
        next = withPaymentPart(next, added.payment)
        refunds.push(added.refund)
      }
      const written = await writeMoney(transaction, ref, order, next, now)
      for (const refund of refunds)
        await transaction
          .collection(COLLECTIONS.orderAudit)
          .add({ data: refundAudit(order, refund, now) })
      return ok({ order: written, refund: refunds[0], refunds, repeated: false })
    },
  )
  if (!result.ok) return result
  // A repeat of a request whose refund is still pending sends it again (same outRefundNo, so
  // WeChat pays it once): the first call may have committed and lost its answer before sending.
  const outcomes = []
  for (const refund of result.data.refunds)
    if (refund.state === 'pending') outcomes.push(await sendRefund(result.data.order, refund, now))
  if (result.data.repeated || !outcomes.some((outcome) => outcome?.state === 'failed'))
    return result
  // WeChat refused at once: answer what the order says now (退款失败, with the reason).
  const order = await readDoc<OrderRecord>(ordersRef(request.orderId))
  if (!order) return result
  const stored = new Map(allRefunds(order).map((r) => [r.outRefundNo, r]))
  const refunds = result.data.refunds.map((r) => stored.get(r.outRefundNo) ?? r)
  return ok({ order, refund: refunds[0], refunds, repeated: false })
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
  const refund = allRefunds(order).find((r) => r.outRefundNo === outRefundNo)
  if (!refund) return fail('NOT_FOUND', '这笔退款不存在')
  if (refund.state !== 'failed')
    return fail(
      'INVALID_TRANSITION',
      refund.state === 'succeeded' ? '这笔退款已成功' : '这笔退款正在处理中',
    )
  await sendRefund(order, refund, now)
  const after = (await readDoc<OrderRecord>(ordersRef(orderId))) ?? order
  const settled = allRefunds(after).find((r) => r.outRefundNo === outRefundNo) ?? refund
  return ok({ order: after, refund: settled })
}

/**
 * Orders with a failed refund: flagged (every write since refunds became a list) or, for
 * records from before, in state refund_failed. Both branches are indexed.
 */
export const failedRefundQuery = () =>
  command.or([
    { 'payment.refundFailed': true },
    { 'payment.state': 'refund_failed' },
    { 'balance.refundFailed': true },
  ])
