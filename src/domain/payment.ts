import { formatFen } from './money'

// Payment of an order through WeChat cloud payment (cloudPay), as stored on the order. Every order
// is paid in full at submit; an unpaid order cancels itself at `dueBy`; a cancellation after
// payment refunds. Amounts are fen and always come from the stored order, never from a client.

export const PAYMENT_STATES = [
  'unpaid',
  'paid',
  'refunding',
  'refunded',
  'refund_failed',
  'closed',
] as const
export type PaymentState = (typeof PAYMENT_STATES)[number]

export const PAYMENT_STATE_LABELS: Record<PaymentState, string> = {
  unpaid: '待付款',
  paid: '已付款',
  refunding: '退款中',
  refunded: '已退款',
  refund_failed: '退款失败',
  closed: '已关闭',
}

/** Minutes an order may stay unpaid before it cancels itself (env PAY_WITHIN_MINUTES). */
export const DEFAULT_PAY_WITHIN_MINUTES = 30

export const REFUND_STATES = ['pending', 'succeeded', 'failed'] as const
export type RefundState = (typeof REFUND_STATES)[number]

export const REFUND_STATE_LABELS: Record<RefundState, string> = {
  pending: '退款中',
  succeeded: '已退款',
  failed: '退款失败',
}

/** Who asked for a refund: the merchant (a partial or full refund), or a cancellation. */
export interface RefundRequester {
  role: 'consumer' | 'merchant' | 'system'
  openid: string | null
}

export interface OrderRefund {
  /** WeChat's idempotency key for this refund: a retry with it never refunds twice. */
  outRefundNo: string
  amountFen: number
  state: RefundState
  reason: string
  /** WeChat's reason when the refund failed. */
  failure: string | null
  /** When its state last changed. */
  at: Date
  /** Absent on refunds from before the list (cancellations then, so the system's). */
  requestedBy?: RefundRequester
  requestedAt?: Date
  /** The merchant's request id: the same request never adds a second refund. */
  requestId?: string | null
}

/**
 * Which of an order's payments a record is: the one at submit (`payment`: the whole price, or a
 * preorder's 定金), or a preorder's 尾款 (`balance`, opened when its batch fills). Each is its own
 * WeChat trade with its own attempts and refunds (order-payments.ts).
 */
export const PAYMENT_PARTS = ['payment', 'balance'] as const
export type PaymentPart = (typeof PAYMENT_PARTS)[number]

export interface OrderPayment {
  /** Absent on the payment at submit; 'balance' on a preorder's 尾款. */
  part?: PaymentPart
  state: PaymentState
  /** What the customer pays: the order's quote.priceFen when it was placed. */
  amountFen: number
  /** The order cancels itself if still unpaid at this time. */
  dueBy: Date
  /** Payment attempts started; the latest attempt's outTradeNo ends with this number. */
  attempts: number
  paidAt: Date | null
  transactionId: string | null
  /** The attempt that was paid (refunds name it); absent on records from before it was kept. */
  outTradeNo?: string | null
  /**
   * Set when an order closes unpaid with attempts WeChat may still hold open: the cloud closes
   * them (closeOrder) after the commit, or the timer does, so a sheet left open cannot be paid
   * unseen; a payment found there is refunded. Absent or false otherwise.
   */
  closing?: boolean
  /** Every refund of this payment, R1, R2, … Read it through `refundsOf` (old records). */
  refunds?: OrderRefund[]
  /** Records from before the list held at most one refund here; `refundsOf` reads both. */
  refund?: OrderRefund | null
  /** A refund is pending or failed: the order timer's query (written by `withRefunds`). */
  refundOpen?: boolean
  /** A refund failed: the merchant's failed-refunds list (written by `withRefunds`). */
  refundFailed?: boolean
}

/** What `wx.requestPayment` takes, as `cloudPay.unifiedOrder` returns it. */
export interface WxPayment {
  timeStamp: string
  nonceStr: string
  package: string
  signType: string
  paySign: string
}

const MINUTE_MS = 60 * 1000

/** PAY_WITHIN_MINUTES from the order function's environment, or the default. */
export function payWithinMinutes(text: string | undefined): number {
  const value = Number(text)
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_PAY_WITHIN_MINUTES
}

export function paymentDueBy(createdAt: Date, minutes = DEFAULT_PAY_WITHIN_MINUTES): Date {
  return new Date(createdAt.getTime() + minutes * MINUTE_MS)
}

/** A new order's payment: nothing paid yet, the whole quoted price due by `dueBy`. */
export function newPayment(
  amountFen: number,
  createdAt: Date,
  minutes = DEFAULT_PAY_WITHIN_MINUTES,
): OrderPayment {
  return {
    state: 'unpaid',
    amountFen,
    dueBy: paymentDueBy(createdAt, minutes),
    attempts: 0,
    paidAt: null,
    transactionId: null,
    outTradeNo: null,
    refunds: [],
  }
}

export const partOf = (payment: Pick<OrderPayment, 'part'>): PaymentPart =>
  payment.part ?? 'payment'

/** 尾款 numbers carry a B before the letter: 202611227K3F9XQ2BP1, 202611227K3F9XQ2BR1. */
const PART_MARKS: Record<PaymentPart, string> = { payment: '', balance: 'B' }

/** 20261122-7K3F9XQ2 -> 202611227K3F9XQ2: WeChat's numbers allow only [A-Za-z0-9]. */
const tradeKeyOf = (orderNo: string, part: PaymentPart) =>
  `${orderNo.replace(/-/g, '')}${PART_MARKS[part]}`

/** One payment attempt's number (≤ 32 characters): a new attempt never reuses an old one. */
export const outTradeNoOf = (orderNo: string, attempt: number, part: PaymentPart = 'payment') =>
  `${tradeKeyOf(orderNo, part)}P${attempt}`

/** One refund's number: WeChat's idempotency key, so a retry with it never refunds twice. */
export const outRefundNoOf = (orderNo: string, n = 1, part: PaymentPart = 'payment') =>
  `${tradeKeyOf(orderNo, part)}R${n}`

/**
 * The order number, payment part and attempt (or refund) a WeChat number names, or null if it is
 * not ours. Order numbers are a China date (8 digits) and 8 Crockford characters (new-order.ts).
 */
export function parseTradeNo(
  value: unknown,
  kind: 'P' | 'R',
): { orderNo: string; n: number; part: PaymentPart } | null {
  if (typeof value !== 'string') return null
  const match = /^(\d{8})([0-9A-Z]{8})(B?)([PR])([1-9]\d{0,5})$/.exec(value)
  if (!match || match[4] !== kind) return null
  const part: PaymentPart = match[3] === 'B' ? 'balance' : 'payment'
  return { orderNo: `${match[1]}-${match[2]}`, n: Number(match[5]), part }
}

/** Whether a pay attempt may start: only an unpaid order before its due time. */
export function payRefusal(payment: OrderPayment, now: Date): string | null {
  if (payment.state !== 'unpaid') return `订单${PAYMENT_STATE_LABELS[payment.state]}，无需付款`
  if (now.getTime() >= payment.dueBy.getTime()) return '订单已超过付款时间，请重新下单'
  return null
}

/** The payment once WeChat confirms an attempt was paid. */
export function markPaid(
  payment: OrderPayment,
  paid: { outTradeNo: string; transactionId: string; paidAt: Date },
): OrderPayment {
  return { ...payment, state: 'paid', ...paid }
}

// ---- Refunds ------------------------------------------------------------------------------
// The rule: refunds that are pending, succeeded or failed (a failed one is retried with its own
// outRefundNo, so its amount stays spoken for) never add up to more than was paid. A partial
// refund leaves the payment 'paid'; once refunds take the whole amount the payment is
// refunding / refund_failed / refunded.

/** The payment's refunds, oldest first: the one place that reads records of either shape. */
export function refundsOf<R = OrderRefund>(payment: { refunds?: R[]; refund?: R | null }): R[] {
  if (payment.refunds) return payment.refunds
  return payment.refund ? [payment.refund] : []
}

/** Whether money was taken (states after a confirmed payment). */
export function wasPaid(payment: Pick<OrderPayment, 'state'>): boolean {
  return payment.state !== 'unpaid' && payment.state !== 'closed'
}

export interface RefundTotals {
  /** What was paid (0 when nothing was). */
  paidFen: number
  /** Refunds WeChat confirmed. */
  refundedFen: number
  pendingFen: number
  failedFen: number
  /** What may still be refunded: paid less every refund pending, succeeded or failed. */
  restFen: number
}

/** Any shape with the payment's state, amount and refunds (the stored record or its wire view). */
export type PaymentSums = Pick<OrderPayment, 'state' | 'amountFen' | 'part'> & {
  refunds?: Array<{ amountFen: number; state: RefundState }>
  refund?: { amountFen: number; state: RefundState } | null
}

export function refundTotals(payment: PaymentSums): RefundTotals {
  const paidFen = wasPaid(payment) ? payment.amountFen : 0
  const sum = (state: RefundState) =>
    refundsOf(payment)
      .filter((refund) => refund.state === state)
      .reduce((total, refund) => total + refund.amountFen, 0)
  const refundedFen = sum('succeeded')
  const pendingFen = sum('pending')
  const failedFen = sum('failed')
  return {
    paidFen,
    refundedFen,
    pendingFen,
    failedFen,
    restFen: Math.max(0, paidFen - refundedFen - pendingFen - failedFen),
  }
}

/**
 * The payment with these refunds: the list replaces an old record's single `refund`, and the
 * state and the timer's flags follow from it.
 */
export function withRefunds(payment: OrderPayment, refunds: OrderRefund[]): OrderPayment {
  const { refund: _legacy, ...rest } = payment
  void _legacy
  const next: OrderPayment = {
    ...rest,
    refunds,
    refundOpen: refunds.some((refund) => refund.state !== 'succeeded'),
    refundFailed: refunds.some((refund) => refund.state === 'failed'),
  }
  if (!wasPaid(payment)) return next
  const totals = refundTotals(next)
  if (totals.restFen > 0) return { ...next, state: 'paid' }
  const state: PaymentState =
    totals.failedFen > 0 ? 'refund_failed' : totals.pendingFen > 0 ? 'refunding' : 'refunded'
  return { ...next, state }
}

/** Why a refund of `amountFen` cannot be added, with a stable code; null when it can. */
export function refundRefusal(
  payment: PaymentSums,
  amountFen: number,
  restFen = refundTotals(payment).restFen,
): { code: 'INVALID_INPUT' | 'NOT_PAID' | 'REFUND_TOO_MUCH'; message: string } | null {
  if (!Number.isInteger(amountFen) || amountFen <= 0)
    return { code: 'INVALID_INPUT', message: '退款金额须大于 0（单位：分）' }
  if (!wasPaid(payment))
    return {
      code: 'NOT_PAID',
      message: `订单${PAYMENT_STATE_LABELS[payment.state]}，没有可退的款项`,
    }
  if (restFen === 0) return { code: 'REFUND_TOO_MUCH', message: '订单已全额退款，没有可退的余额' }
  if (amountFen > restFen)
    return {
      code: 'REFUND_TOO_MUCH',
      message: `退款金额超过可退余额（最多可退 ${formatFen(restFen)}）`,
    }
  return null
}

export interface RefundRequest {
  amountFen: number
  reason: string
  requestedBy: RefundRequester
  requestId?: string | null
}

/** The payment with one more refund (pending, next outRefundNo), or why it cannot have it. */
export function addRefund(
  payment: OrderPayment,
  orderNo: string,
  request: RefundRequest,
  now: Date,
):
  | { ok: true; payment: OrderPayment; refund: OrderRefund }
  | { ok: false; code: 'INVALID_INPUT' | 'NOT_PAID' | 'REFUND_TOO_MUCH'; message: string } {
  const refusal = refundRefusal(payment, request.amountFen)
  if (refusal) return { ok: false, ...refusal }
  const refunds = refundsOf(payment)
  const refund: OrderRefund = {
    outRefundNo: outRefundNoOf(orderNo, refunds.length + 1, partOf(payment)),
    amountFen: request.amountFen,
    state: 'pending',
    reason: request.reason,
    failure: null,
    at: now,
    requestedBy: request.requestedBy,
    requestedAt: now,
    requestId: request.requestId ?? null,
  }
  return { ok: true, payment: withRefunds(payment, [...refunds, refund]), refund }
}

/** Refunds in `after` that `before` did not have: asked of WeChat after the commit. */
export function newRefunds(before: OrderPayment | null, after: OrderPayment): OrderRefund[] {
  const known = new Set((before ? refundsOf(before) : []).map((refund) => refund.outRefundNo))
  return refundsOf(after).filter(
    (refund) => refund.state === 'pending' && !known.has(refund.outRefundNo),
  )
}

/**
 * What cancelling the order does to its payment: a paid order starts a refund of what is left
 * to refund (all of it, or the rest after partial refunds; the cloud calls WeChat after the
 * commit); an unpaid one closes.
 */
export function paymentOnCancel(
  payment: OrderPayment,
  orderNo: string,
  reason: string,
  now: Date,
  requestedBy: RefundRequester = { role: 'system', openid: null },
): OrderPayment {
  if (payment.state === 'unpaid')
    return { ...payment, state: 'closed', ...(payment.attempts > 0 ? { closing: true } : {}) }
  if (!wasPaid(payment)) return payment
  const { restFen } = refundTotals(payment)
  if (restFen === 0) return payment
  const added = addRefund(payment, orderNo, { amountFen: restFen, reason, requestedBy }, now)
  return added.ok ? added.payment : payment
}

/**
 * A payment that arrived after its order closed (paid on a sheet opened before the order
 * expired): it is recorded and refunded at once.
 */
export function latePayment(
  payment: OrderPayment,
  orderNo: string,
  paid: { outTradeNo: string; transactionId: string; paidAt: Date; amountFen: number },
  now: Date,
): OrderPayment {
  const { amountFen, ...rest } = paid
  return paymentOnCancel(
    { ...markPaid(payment, rest), amountFen },
    orderNo,
    '订单已关闭后付款，自动退款',
    now,
  )
}

/**
 * WeChat's answer about refund `outRefundNo`, settled onto the payment (unchanged while it
 * processes). A refund WeChat paid out is final: a late failure report never undoes it.
 */
export function settleRefund(
  payment: OrderPayment,
  outRefundNo: string,
  outcome: { state: 'succeeded' } | { state: 'failed'; failure: string } | { state: 'pending' },
  now: Date,
): OrderPayment {
  const refunds = refundsOf(payment)
  const target = refunds.find((refund) => refund.outRefundNo === outRefundNo)
  if (!target || outcome.state === 'pending' || target.state === 'succeeded') return payment
  const settled: OrderRefund =
    outcome.state === 'succeeded'
      ? { ...target, state: 'succeeded', failure: null, at: now }
      : { ...target, state: 'failed', failure: outcome.failure, at: now }
  return withRefunds(
    payment,
    refunds.map((refund) => (refund === target ? settled : refund)),
  )
}

/** A retry of a failed refund puts it back to pending (same outRefundNo, same amount). */
export function retryRefund(payment: OrderPayment, outRefundNo: string): OrderPayment {
  const refunds = refundsOf(payment)
  const target = refunds.find((refund) => refund.outRefundNo === outRefundNo)
  if (!target || target.state !== 'failed') return payment
  return withRefunds(
    payment,
    refunds.map((refund) =>
      refund === target ? { ...refund, state: 'pending' as const, failure: null } : refund,
    ),
  )
}

/** Refunds WeChat has not finished: pending ones, and failed ones the timer resends. */
export function openRefunds(payment: OrderPayment): OrderRefund[] {
  return refundsOf(payment).filter((refund) => refund.state !== 'succeeded')
}
