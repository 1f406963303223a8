// Applying WeChat's word about a payment to the order. The callback function and the order timer
// both come here with an outTradeNo and re-read the truth with queryOrder (an event can be forged:
// any client may call any function). A confirmed payment moves the order by the state machine's
// `pay` (one transaction, audit row, timeline entry); a repeat finds it paid and changes nothing.
// A payment that lands after the order closed (sheet opened before it expired) is recorded and
// refunded at once.
import { batchIdOf, type BatchState } from '../domain/batch'
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { depositFenOf, duePayment, paymentPartOf, paymentsOf } from '../domain/order-payments'
import {
  latePayment,
  outTradeNoOf,
  openRefunds,
  parseTradeNo,
  partOf,
  PAYMENT_PARTS,
  payRefusal,
  refundsOf,
  type OrderPayment,
  type PaymentPart,
  type WxPayment,
} from '../domain/payment'
import { fail, ok, type Result } from '../domain/result'
import * as cloudpay from './cloudpay'
import { command, db, inTransaction, readDoc, readList } from './database'
import { releaseBatch } from './batches'
import { applySystemEvent, orders } from './orders'
import {
  paymentOfRefund,
  sendNewRefunds,
  sendRefund,
  settleRefundOf,
  writePayment,
  type RefundOutcome,
} from './refunds'

/** What applying a confirmed trade did. */
export type PaidOutcome =
  | 'paid' // this call marked the order paid
  | 'already' // it was marked paid by this trade before
  | 'late' // the order had closed: recorded and refunded
  | 'ignored' // not ours, not paid, or not matching the order (logged)

export async function orderByNo(orderNo: string): Promise<OrderRecord | null> {
  const [order] = await readList<OrderRecord>(orders().where({ orderNo }).limit(1))
  return order ?? null
}

export interface ConfirmedTrade {
  outTradeNo: string
  transactionId: string
  totalFee: number
}

/**
 * Asks WeChat about one attempt and applies it if paid. Throws when WeChat does not answer (the
 * caller retries). `order` saves the lookup when the caller has just read it.
 */
export async function reconcileTrade(
  outTradeNo: string,
  now: Date,
  order?: OrderRecord,
): Promise<PaidOutcome> {
  const parsed = parseTradeNo(outTradeNo, 'P')
  if (!parsed) return 'ignored'
  const found = order ?? (await orderByNo(parsed.orderNo))
  const payment = found && paymentPartOf(found, parsed.part)
  if (!found || !payment || found.orderNo !== parsed.orderNo || parsed.n > payment.attempts)
    return 'ignored'
  // A repeated notice: this trade is already recorded, nothing to ask or write.
  if (payment.outTradeNo === outTradeNo) return 'already'
  const truth = await cloudpay.queryOrder(outTradeNo)
  if (truth.tradeState !== 'SUCCESS' || !truth.transactionId) return 'ignored'
  return applyPaid(
    found,
    { outTradeNo, transactionId: truth.transactionId, totalFee: truth.totalFee ?? -1 },
    now,
  )
}

/** Applies a trade WeChat confirmed paid to its order (idempotent). */
export async function applyPaid(
  order: OrderRecord,
  trade: ConfirmedTrade,
  now: Date,
): Promise<PaidOutcome> {
  const payment = tradePayment(order, trade.outTradeNo)
  if (!payment) return 'ignored'
  // The amount is the stored order's; a trade for another amount is not this order's payment.
  if (trade.totalFee !== payment.amountFen) {
    console.error(
      `[payment] ${trade.outTradeNo}: paid ${trade.totalFee}, order asks ${payment.amountFen}`,
    )
    return 'ignored'
  }
  if (payment.state !== 'unpaid') return recordLate(order._id, trade, now)
  const applied = await applySystemEvent(order._id, 'pay', now, {
    outTradeNo: trade.outTradeNo,
    transactionId: trade.transactionId,
  })
  if (applied.ok) {
    await releaseIfReached(applied.data, now)
    return 'paid'
  }
  return recordLate(order._id, trade, now)
}

/** The order's payment (the one at submit, or the 尾款) a trade number names. */
function tradePayment(order: OrderRecord, outTradeNo: string): OrderPayment | null {
  const parsed = parseTradeNo(outTradeNo, 'P')
  return parsed ? paymentPartOf(order, parsed.part) : null
}

/** The payment was not unpaid: already this trade's, or closed (refund the late payment). */
async function recordLate(orderId: string, trade: ConfirmedTrade, now: Date): Promise<PaidOutcome> {
  const outcome = await inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.orders).doc(orderId)
    const order = await readDoc<OrderRecord>(ref)
    const payment = order && tradePayment(order, trade.outTradeNo)
    if (!order || !payment) return { kind: 'ignored' as const }
    if (payment.outTradeNo === trade.outTradeNo) return { kind: 'already' as const }
    if (order.node !== 'cancelled' || payment.state !== 'closed') {
      // Paid twice by two attempts: left for the merchant (logged), never marked twice.
      console.error(`[payment] ${trade.outTradeNo}: order ${order.orderNo} is ${payment.state}`)
      return { kind: 'ignored' as const }
    }
    const late = latePayment(
      payment,
      order.orderNo,
      { ...trade, paidAt: now, amountFen: trade.totalFee },
      now,
    )
    const written = await writePayment(transaction, ref, order, late, now)
    return { kind: 'late' as const, before: order, order: written }
  })
  if (outcome.kind === 'late') await sendNewRefunds(outcome.before, outcome.order, now)
  return outcome.kind
}

/**
 * A batch order paid after its batch filled moves on now (batches.ts released the paid ones):
 * its 定金 paid, it is asked for the 尾款; its 尾款 paid (asked only once the batch filled or the
 * merchant started it), it goes into production.
 */
async function releaseIfReached(order: OrderRecord, now: Date): Promise<void> {
  if (!order.batchId || !['submitted', 'confirmed'].includes(order.node)) return
  if (order.balance?.state === 'paid') {
    await applySystemEvent(order._id, 'batch_reached', now)
    return
  }
  const state = await readDoc<BatchState>(db.collection(COLLECTIONS.batches).doc(order.productId))
  if (state && batchIdOf(state.productId, state.sequence) !== order.batchId)
    await releaseBatch(order.batchId, now)
}

/**
 * Asks WeChat about one refund and settles it on its order. Throws when WeChat does not answer.
 * NOTEXIST (the refund call never reached WeChat) leaves it pending for the timer to resend.
 */
export async function reconcileRefund(
  outRefundNo: string,
  now: Date,
): Promise<RefundOutcome | 'ignored'> {
  const parsed = parseTradeNo(outRefundNo, 'R')
  if (!parsed) return 'ignored'
  const order = await orderByNo(parsed.orderNo)
  const payment = order && paymentOfRefund(order, outRefundNo)
  if (!order || !payment || !refundsOf(payment).some((r) => r.outRefundNo === outRefundNo))
    return 'ignored'
  const truth = await cloudpay.queryRefund(outRefundNo)
  const outcome = refundOutcomeOf(truth.refundStatus)
  await settleRefundOf(order._id, outRefundNo, outcome, now)
  return outcome
}

export function refundOutcomeOf(status: string): RefundOutcome {
  if (status === 'SUCCESS') return { state: 'succeeded' }
  if (status === 'REFUNDCLOSE' || status === 'CHANGE')
    return {
      state: 'failed',
      failure: status === 'CHANGE' ? '退款到银行卡失败（CHANGE）' : '退款已关闭（REFUNDCLOSE）',
    }
  return { state: 'pending' }
}

/**
 * Starts a payment attempt for the caller's unpaid order. The attempt is counted first, by a
 * write conditional on the count read (two racing calls cannot both take one number), so the
 * timer knows every outTradeNo that may exist before WeChat is asked. The previous attempt is
 * closed first, so two sheets of one order can never both be paid; if it had been paid, that
 * is applied instead. The amount is the stored order's.
 */
export async function startPayment(
  orderId: string,
  openid: string,
  now: Date,
): Promise<Result<{ payment: WxPayment; outTradeNo: string; order: OrderRecord }>> {
  const order = await readDoc<OrderRecord>(orders().doc(orderId))

  // Someone else's order reads as missing, as everywhere (test/reliability/policy.ts).
  if (!order || order.ownerOpenid !== openid) return fail('NOT_FOUND', '订单不存在')
  const due = duePayment(order)
  const open = order.node === 'submitted' || order.node === 'confirmed'
  const refusal = open ? payRefusal(due ?? order.payment, now) : '订单已取消'
  if (refusal || !due) return fail('INVALID_TRANSITION', refusal ?? '订单无需付款')
  const part = partOf(due)
  const { attempts } = due
  if (attempts > 0) {
    const previous = outTradeNoOf(order.orderNo, attempts, part)
    const closed = await cloudpay.closeOrder(previous)
    if (!closed.ok && closed.code === 'ORDERPAID') {
      await reconcileTrade(previous, now, order)
      return fail('INVALID_TRANSITION', '订单已付款，无需重复付款')
    }
  }
  const attempt = attempts + 1
  const counted = (await orders()
    .where({ _id: orderId, [`${part}.state`]: 'unpaid', [`${part}.attempts`]: attempts })
    .update({ data: { [`${part}.attempts`]: attempt, updatedAt: now } })) as {
    stats?: { updated?: number }
  }
  if (counted.stats?.updated !== 1) return fail('CONFLICT', '订单刚刚有了新进展，请刷新后再操作')
  const outTradeNo = outTradeNoOf(order.orderNo, attempt, part)
  let answer: Awaited<ReturnType<typeof cloudpay.unifiedOrder>>
  try {
    answer = await cloudpay.unifiedOrder({
      outTradeNo,
      totalFee: due.amountFen,
      body: `${order.productSnapshot.name} ${tradeLabel(order, part)}${order.orderNo}`,
    })
  } catch (error) {
    console.error(`[payment] unifiedOrder ${outTradeNo} got no answer`, error)
    return fail('PAYMENT_FAILED')
  }
  if (!answer.ok) {
    console.error(`[payment] unifiedOrder ${outTradeNo} refused: ${answer.code} ${answer.message}`)
    return fail('PAYMENT_FAILED')
  }
  const paying = { ...order, [part]: { ...due, attempts: attempt }, updatedAt: now }
  return ok({ payment: answer.payment, outTradeNo, order: paying })
}

/** 定金 / 尾款 in the trade's description, so the customer's WeChat bill tells them apart. */
function tradeLabel(order: OrderRecord, part: PaymentPart): string {
  if (part === 'balance') return '尾款 '
  return depositFenOf(order) === null ? '' : '定金 '
}

const PAGE = 100

export interface PaymentHousekeeping {
  /** Unpaid orders found paid (a lost or late callback). */
  paid: number
  expired: number
  /** Refunds WeChat confirmed, and refunds sent again. */
  refunded: number
  resent: number
  /** Orders left for the next run (WeChat or the database did not answer). */
  deferred: number
}

/** The timer's reads for one payment part (`payment` or a preorder's `balance`). */
function housekeepingReads(part: PaymentPart, now: Date) {
  const field = (name: string) => `${part}.${name}`
  const unpaid = { [field('state')]: 'unpaid' }
  return Promise.all([
    readList<OrderRecord>(
      orders()
        .where({ ...unpaid, [field('dueBy')]: command.lte(now) })
        .limit(PAGE),
    ),
    readList<OrderRecord>(
      orders()
        .where({
          ...unpaid,
          [field('dueBy')]: command.gt(now),
          [field('attempts')]: command.gt(0),
        })
        .limit(PAGE),
    ),
    readList<OrderRecord>(
      orders()
        .where({ [field('state')]: 'closed', [field('closing')]: true })
        .limit(PAGE),
    ),
  ])
}

/**
 * The order timer's payment duties, for the payment at submit and for 尾款 alike. Unpaid orders
 * with an attempt: ask WeChat about each attempt (a lost callback). Unpaid past dueBy: close
 * every open attempt, then `expire` (which releases stock, urgent slot, batch place and the
 * customer's hold like any cancellation, and refunds a paid 定金); a close answered ORDERPAID
 * means it was paid after all. Refunds pending or failed: ask WeChat, resend with the same
 * outRefundNo if it does not have it.
 */
export async function paymentHousekeeping(now: Date): Promise<PaymentHousekeeping> {
  const summary: PaymentHousekeeping = { paid: 0, expired: 0, refunded: 0, resent: 0, deferred: 0 }
  const [reads, refunding] = await Promise.all([
    Promise.all(PAYMENT_PARTS.map((part) => housekeepingReads(part, now))),
    refundsToFinish(),
  ])
  const guard = async (orderNo: string, work: () => Promise<void>) => {
    try {
      await work()
    } catch (error) {
      summary.deferred += 1
      console.error(`[payment] ${orderNo} deferred to the next run`, error)
    }
  }
  for (const [index, [overdue, waiting, closing]] of reads.entries()) {
    const part = PAYMENT_PARTS[index]
    for (const order of waiting)
      await guard(order.orderNo, async () => {
        if ((await findPaid(order, part, now)) !== null) summary.paid += 1
      })
    for (const order of overdue)
      await guard(order.orderNo, async () => {
        const outcome = await expireUnpaid(order, part, now)
        if (outcome === 'paid') summary.paid += 1
        else if (outcome === 'expired') summary.expired += 1
        else if (outcome === 'deferred') summary.deferred += 1
      })
    for (const order of closing)
      await guard(order.orderNo, async () => {
        if (!(await closeOpenAttempts(order, now, part))) summary.deferred += 1
      })
  }
  for (const order of refunding)
    await guard(order.orderNo, async () => {
      const outcome = await retryRefundOf(order, now)
      if (outcome === 'refunded') summary.refunded += 1
      else if (outcome === 'resent') summary.resent += 1
    })
  return summary
}

/** Attempts of the order's `part` payment, oldest first, with their numbers. */
function attemptsOf(order: OrderRecord, part: PaymentPart): string[] {
  const payment = paymentPartOf(order, part)
  const count = payment?.attempts ?? 0
  return Array.from({ length: count }, (_, i) => outTradeNoOf(order.orderNo, i + 1, part))
}

/**
 * Closes every attempt of a payment that closed unpaid (`closing`); an attempt WeChat says was
 * paid meanwhile is recorded and refunded (recordLate). Clears the flag once all are closed;
 * WeChat not answering leaves it for the timer. Never throws (it runs after a commit).
 */
export async function closeOpenAttempts(
  order: OrderRecord,
  now: Date,
  part: PaymentPart = 'payment',
): Promise<boolean> {
  try {
    for (const outTradeNo of attemptsOf(order, part)) {
      const closed = await cloudpay.closeOrder(outTradeNo)
      if (closed.ok || closed.code === 'ORDERCLOSED' || closed.code === 'ORDERNOTEXIST') continue
      if (closed.code !== 'ORDERPAID') return false
      if ((await reconcileTrade(outTradeNo, now, order)) === 'ignored') return false
    }
    await orders()
      .where({ _id: order._id, [`${part}.closing`]: true })
      .update({ data: { [`${part}.closing`]: false } })
    return true
  } catch (error) {
    console.error(`[payment] ${order.orderNo}: attempts not closed; the timer retries`, error)
    return false
  }
}

/** The first attempt WeChat says was paid, applied; null when none was. */
async function findPaid(
  order: OrderRecord,
  part: PaymentPart,
  now: Date,
): Promise<PaidOutcome | null> {
  for (const outTradeNo of attemptsOf(order, part).reverse()) {
    const outcome = await reconcileTrade(outTradeNo, now, order)
    if (outcome !== 'ignored') return outcome
  }
  return null
}

async function expireUnpaid(
  order: OrderRecord,
  part: PaymentPart,
  now: Date,
): Promise<'paid' | 'expired' | 'deferred' | 'skipped'> {
  if ((await findPaid(order, part, now)) !== null) return 'paid'
  for (const outTradeNo of attemptsOf(order, part)) {
    const closed = await cloudpay.closeOrder(outTradeNo)
    if (closed.ok || closed.code === 'ORDERCLOSED' || closed.code === 'ORDERNOTEXIST') continue
    if (closed.code === 'ORDERPAID') {
      await reconcileTrade(outTradeNo, now, order)
      return 'paid'
    }
    // Not closed: the customer might still pay it, so the order stays open for now.
    console.error(`[payment] closeOrder ${outTradeNo}: ${closed.code} ${closed.message}`)
    return 'deferred'
  }
  const expired = await applySystemEvent(order._id, 'expire', now)
  return expired.ok ? 'expired' : 'skipped'
}

/**
 * Orders with a refund WeChat has not finished: flagged `refundOpen` on either payment (every
 * write since refunds became a list), or, for records from before, refunding / refund_failed.
 */
async function refundsToFinish(): Promise<OrderRecord[]> {
  const lists = await Promise.all([
    ...PAYMENT_PARTS.map((part) =>
      readList<OrderRecord>(
        orders()
          .where({ [`${part}.refundOpen`]: true })
          .limit(PAGE),
      ),
    ),
    readList<OrderRecord>(
      orders()
        .where({ 'payment.state': command.in(['refunding', 'refund_failed']) })
        .limit(PAGE),
    ),
  ])
  const byId = new Map(lists.flat().map((order) => [order._id, order]))
  return [...byId.values()]
}

/** Asks WeChat about each unfinished refund; settles what it paid, resends what it lacks. */
async function retryRefundOf(order: OrderRecord, now: Date): Promise<'refunded' | 'resent' | null> {
  let summary: 'refunded' | 'resent' | null = null
  for (const refund of paymentsOf(order).flatMap(openRefunds)) {
    const truth = await cloudpay.queryRefund(refund.outRefundNo)
    if (truth.refundStatus === 'PROCESSING') continue
    if (truth.refundStatus === 'SUCCESS') {
      await settleRefundOf(order._id, refund.outRefundNo, { state: 'succeeded' }, now)
      summary = 'refunded'
      continue
    }
    const sent = await sendRefund(order, refund, now)
    if (sent?.state === 'pending' && summary === null) summary = 'resent'
  }
  return summary
}
