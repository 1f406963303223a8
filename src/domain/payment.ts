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
