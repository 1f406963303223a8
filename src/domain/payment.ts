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

export interface OrderRefund {
  /** WeChat's idempotency key for this refund: a retry with it never refunds twice. */
  outRefundNo: string
  amountFen: number
  state: 'pending' | 'succeeded' | 'failed'
  reason: string
  /** WeChat's reason when the refund failed. */
  failure: string | null
  at: Date
}

export interface OrderPayment {
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
  refund: OrderRefund | null
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
    refund: null,
  }
}

/** 20261122-7K3F9XQ2 -> 202611227K3F9XQ2: WeChat's numbers allow only [A-Za-z0-9]. */
const tradeKeyOf = (orderNo: string) => orderNo.replace(/-/g, '')

/** One payment attempt's number (≤ 32 characters): a new attempt never reuses an old one. */
export const outTradeNoOf = (orderNo: string, attempt: number) =>
  `${tradeKeyOf(orderNo)}P${attempt}`

/** One refund's number: WeChat's idempotency key, so a retry with it never refunds twice. */
export const outRefundNoOf = (orderNo: string, n = 1) => `${tradeKeyOf(orderNo)}R${n}`

/**
 * The order number and attempt (or refund) a WeChat number names, or null if it is not ours.
 * Order numbers are a China date (8 digits) and 8 Crockford characters (new-order.ts).
 */
export function parseTradeNo(
  value: unknown,
  kind: 'P' | 'R',
): { orderNo: string; n: number } | null {
  if (typeof value !== 'string') return null
  const match = /^(\d{8})([0-9A-Z]{8})([PR])([1-9]\d{0,5})$/.exec(value)
  if (!match || match[3] !== kind) return null
  return { orderNo: `${match[1]}-${match[2]}`, n: Number(match[4]) }
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

/**
 * What cancelling the order does to its payment: a paid order starts its refund of the whole
 * amount (the cloud calls WeChat after the commit); an unpaid one closes.
 */
export function paymentOnCancel(
  payment: OrderPayment,
  orderNo: string,
  reason: string,
  now: Date,
): OrderPayment {
  if (payment.state === 'unpaid')
    return { ...payment, state: 'closed', ...(payment.attempts > 0 ? { closing: true } : {}) }
  if (payment.state !== 'paid') return payment
  return {
    ...payment,
    state: 'refunding',
    refund: {
      outRefundNo: outRefundNoOf(orderNo, 1),
      amountFen: payment.amountFen,
      state: 'pending',
      reason,
      failure: null,
      at: now,
    },
  }
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

/** WeChat's answer about a refund, settled onto the payment (unchanged while it processes). */
export function settleRefund(
  payment: OrderPayment,
  outcome: { state: 'succeeded' } | { state: 'failed'; failure: string } | { state: 'pending' },
  now: Date,
): OrderPayment {
  if (!payment.refund || outcome.state === 'pending') return payment
  if (outcome.state === 'succeeded')
    return {
      ...payment,
      state: 'refunded',
      refund: { ...payment.refund, state: 'succeeded', failure: null, at: now },
    }
  return {
    ...payment,
    state: 'refund_failed',
    refund: { ...payment.refund, state: 'failed', failure: outcome.failure, at: now },
  }
}

/** A retry of a failed refund puts it back to pending (same outRefundNo). */
export function retryRefund(payment: OrderPayment): OrderPayment {
  if (!payment.refund || payment.refund.state !== 'failed') return payment
  return {
    ...payment,
    state: 'refunding',
    refund: { ...payment.refund, state: 'pending', failure: null },
  }
}
