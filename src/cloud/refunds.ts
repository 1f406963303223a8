// Refunds of cancelled paid orders. The cancelling transaction writes payment.refund (pending,
// with its outRefundNo); after the commit `sendRefund` asks WeChat, like the outbox send after
// commit. WeChat's outRefundNo is its idempotency key, so the timer may resend a pending or failed
// refund with the same number and money still moves once. Settling (refund callback, timer) is one
// transaction that re-reads the order and writes only a change.
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { retryRefund, settleRefund, type OrderPayment } from '../domain/payment'
import * as cloudpay from './cloudpay'
import { inTransaction, readDoc, type DocumentRef } from './database'

type OrderRef = DocumentRef

/**
 * Replaces the stored order with its new payment (a whole `set`, like every order write). The
 * version is left alone: it counts state-machine transitions (one audit row each), and a refund
 * settling is bookkeeping on an order that has already moved.
 */
export async function writePayment(
  ref: OrderRef,
  order: OrderRecord,
  payment: OrderPayment,
  now: Date,
): Promise<void> {
  const { _id, ...fields } = order
  void _id
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
    const refund = order?.payment.refund
    if (!order || !refund || refund.outRefundNo !== outRefundNo) return null
    // A refund WeChat has paid out is final: a late failure report never undoes it.
    if (refund.state === 'succeeded') return order.payment
    const next =
      outcome === 'resent' ? retryRefund(order.payment) : settleRefund(order.payment, outcome, now)
    const same =
      next.state === order.payment.state &&
      next.refund?.state === refund.state &&
      next.refund?.failure === refund.failure
    if (same) return order.payment
    await writePayment(ref, order, next, now)
    return next
  })
}

/**
 * Asks WeChat to refund the order's pending (or failed) refund. A transport failure or a
 * transient code leaves it for the timer; another code marks it failed with WeChat's reason.
 * Never throws: it runs after a committed cancellation, whose answer must not fail.
 */
export async function sendRefund(order: OrderRecord, now: Date): Promise<RefundOutcome | null> {
  const { payment } = order
  const refund = payment.refund
  if (!refund || refund.state === 'succeeded' || !payment.outTradeNo) return null
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
