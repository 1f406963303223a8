// What the merchant's money screens show and send: the refund form's reasons, the refund and
// retry answers, a day's reconciliation and the refunds that failed. Pure.
import type { ChinaDate } from './china-date'
import type { ReconciliationRow, ReconciliationTotals } from './ledger'
import { formatFen, yuanToFen } from './money'
import type { OrderRecord } from './order-types'
import type { OrderRefund } from './payment'

/** The reason picker of the merchant's refund form (WeChat shows the reason to the payer). */
export const REFUND_REASONS = [
  '商品质量问题',
  '延期补偿',
  '少做或改做部分内容',
  '与顾客协商退款',
  '其他',
] as const
export type RefundReason = (typeof REFUND_REASONS)[number]

/** Longest extra text after the picked reason (WeChat's refund_desc holds 80 characters). */
export const REFUND_NOTE_MAX = 60

/** The reason stored and sent to WeChat: the picked reason, then the merchant's words. */
export function refundReasonText(reason: RefundReason, note: string | undefined): string {
  const extra = note?.trim()
  return extra ? `${reason}：${extra}` : reason
}

export interface RefundActionView {
  order: OrderRecord
  refund: OrderRefund
  /** The same request had already been made: nothing new was refunded. */
  repeated: boolean
}

export interface ReconciliationView {
  date: ChinaDate
  totals: ReconciliationTotals
  /** One page of the day's rows, by order number. */
  rows: ReconciliationRow[]
  page: number
  pages: number
  /** The ledger held more rows than one call reads; the totals cover the rows read. */
  truncated: boolean
}

export interface FailedRefundView {
  orderId: string
  orderNo: string
  productName: string
  outRefundNo: string
  amountFen: number
  reason: string
  /** WeChat's reason. */
  failure: string
  /** When it failed. */
  at: string
}

export interface FailedRefundsView {
  refunds: FailedRefundView[]
  /** Orders with a failed refund (may exceed the list's page). */
  total: number
}

/** The confirmation asked before a refund goes out. */
export function refundQuestion(orderNo: string, amountFen: number, reason: string): string {
  return `确定给订单 ${orderNo} 退款 ${formatFen(amountFen)} 吗？原因：${reason}。退款将原路退回顾客的微信支付，提交后不能撤回。`
}

/** The confirmation asked before a failed refund is sent again. */
export function retryQuestion(orderNo: string, amountFen: number): string {
  return `重新发起订单 ${orderNo} 的退款 ${formatFen(amountFen)}？同一笔退款不会重复退。`
}

/**
 * The amount typed in yuan, as fen, or why it cannot be refunded (checked again by the cloud).
 */
export function refundAmountOf(
  text: string,
  restFen: number,
): { ok: true; amountFen: number } | { ok: false; message: string } {
  const amountFen = /^\d+(\.\d{1,2})?$/.test(text.trim()) ? yuanToFen(text.trim()) : NaN
  if (!Number.isFinite(amountFen) || amountFen <= 0)
    return { ok: false, message: '请输入大于 0 的退款金额（最多两位小数）' }
  if (amountFen > restFen)
    return { ok: false, message: `退款金额超过可退余额（最多可退 ${formatFen(restFen)}）` }
  return { ok: true, amountFen }
}
