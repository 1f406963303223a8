// What the screens say about an order's payment: the tag on a card or board row, the notice on
// the order page (with what happens next), the countdown to dueBy, and the wait for WeChat's
// callback after a paid sheet. Pure: the pages and hooks pass the order and the time in.
import type { Wire } from './api/contract'
import { chinaMinuteOf } from './china-date'
import { formatFen } from './money'
import type { OrderNode } from './order-types'
import {
  PAYMENT_STATE_LABELS,
  REFUND_STATE_LABELS,
  refundsOf,
  refundTotals,
  type OrderPayment,
  type PaymentState,
  type RefundState,
} from './payment'

export type PaymentView = Wire<OrderPayment>
export type PaymentAudience = 'consumer' | 'merchant'

/** 'MM-DD HH:mm' in China time; china-date rather than dayjs, as the orders tab shows these. */
const monthDayMinute = (instant: string) => chinaMinuteOf(instant).slice(5)

/** The order can still be paid: unpaid and not past its first node (later it is cancelled). */
export function awaitingPayment(
  payment: PaymentView | null | undefined,
  node: OrderNode,
): payment is PaymentView {
  return payment?.state === 'unpaid' && (node === 'submitted' || node === 'confirmed')
}

const CONSUMER_TAGS: readonly PaymentState[] = ['unpaid', 'refunding', 'refunded', 'refund_failed']
const MERCHANT_TAGS: readonly PaymentState[] = [
  'unpaid',
  'paid',
  'refunding',
  'refunded',
  'refund_failed',
]

/**
 * The short tag on an order card (consumer) or board row (merchant); null when there is nothing
 * to say (a consumer's paid order, a closed unpaid one, an order from before payments).
 */
export function paymentTag(
  payment: PaymentView | null | undefined,
  audience: PaymentAudience,
): string | null {
  if (!payment) return null
  if (payment.state === 'paid' && refundsOf(payment).length > 0) return PARTIAL_REFUND_LABEL
  const shown = audience === 'consumer' ? CONSUMER_TAGS : MERCHANT_TAGS
  return shown.includes(payment.state) ? PAYMENT_STATE_LABELS[payment.state] : null
}

/** A paid order some of whose money went (or is going) back. */
export const PARTIAL_REFUND_LABEL = '部分退款'

const totalsOf = (payment: PaymentView) => refundTotals(payment)

export interface PaymentNotice {
  state: PaymentState
  title: string
  text: string
  /** 'alert' asks for attention (unpaid, refund failed); 'info' only informs. */
  tone: 'alert' | 'info'
}

/** The order page's payment notice, or null when the order needs none. */
export function paymentNotice(
  payment: PaymentView | null | undefined,
  node: OrderNode,
  audience: PaymentAudience,
): PaymentNotice | null {
  if (!payment) return null
  const totals = totalsOf(payment)
  const refunds = refundsOf(payment)
  const failure = refunds.find((refund) => refund.state === 'failed')?.failure
  const title = PAYMENT_STATE_LABELS[payment.state]
  const notice = (text: string, tone: PaymentNotice['tone'] = 'info', heading = title) => ({
    state: payment.state,
    title: heading,
    text,
    tone,
  })
  switch (payment.state) {
    case 'unpaid': {
      if (node !== 'submitted' && node !== 'confirmed') return null
      const amount = formatFen(payment.amountFen)
      return notice(
        audience === 'consumer'
          ? `请在 ${monthDayMinute(payment.dueBy)} 前支付 ${amount}，逾期未付订单将自动取消`
          : `顾客尚未付款（${amount}），付款后才能确认订单；${monthDayMinute(payment.dueBy)} 前未付将自动取消`,
        'alert',
      )
    }
    case 'paid': {
      const amount = formatFen(payment.amountFen)
      const partial = refunds.length > 0 ? refundSummary(totals) : ''
      // The customer's receipt is the 实付 row; the merchant needs to know it may go ahead.
      if (audience === 'consumer')
        return partial ? notice(`已支付 ${amount}，${partial}`, 'info', PARTIAL_REFUND_LABEL) : null
      const paid = payment.paidAt
        ? `已支付 ${amount}（${monthDayMinute(payment.paidAt)}）`
        : `已支付 ${amount}`
      return partial
        ? notice(
            `${paid}，${partial}`,
            totals.failedFen > 0 ? 'alert' : 'info',
            PARTIAL_REFUND_LABEL,
          )
        : notice(paid)
    }
    case 'refunding': {
      const amount = formatFen(totals.pendingFen + totals.refundedFen)
      return notice(
        audience === 'consumer'
          ? `${amount} 将原路退回你的微信支付，到账后这里会显示已退款`
          : `${amount} 正在原路退回顾客的微信支付`,
      )
    }
    case 'refunded': {
      const amount = formatFen(totals.refundedFen)
      return notice(
        audience === 'consumer'
          ? `${amount} 已原路退回你的微信支付`
          : `${amount} 已原路退回顾客的微信支付`,
      )
    }
    case 'refund_failed': {
      const amount = formatFen(totals.failedFen)
      return notice(
        audience === 'consumer'
          ? `${amount} 暂未退回成功，系统会自动重试，商家也会跟进处理`
          : `${amount} 未能退回${failure ? `（微信支付：${failure}）` : ''}，系统会自动重试，请留意`,
        'alert',
      )
    }
    case 'closed':
      return node === 'cancelled' ? notice('订单未付款，已关闭，无需退款') : null
  }
}

/** 已退款 ¥x，退款中 ¥y，退款失败 ¥z (only the parts there are). */
function refundSummary(totals: ReturnType<typeof refundTotals>): string {
  const parts = [
    totals.refundedFen > 0 ? `已退款 ${formatFen(totals.refundedFen)}` : '',
    totals.pendingFen > 0 ? `退款中 ${formatFen(totals.pendingFen)}` : '',
    totals.failedFen > 0 ? `退款失败 ${formatFen(totals.failedFen)}` : '',
  ]
  return parts.filter(Boolean).join('，')
}

export interface RefundLine {
  outRefundNo: string
  state: RefundState
  /** 退款 ¥12.00 · 已退款 */
  title: string
  reason: string
  /** WeChat's reason (the merchant sees it; the customer reads that it is being retried). */
  failure: string | null
  at: string
}

/** Each refund of the order, oldest first, for the order page (both sides). */
export function refundLines(
  payment: PaymentView | null | undefined,
  audience: PaymentAudience,
): RefundLine[] {
  if (!payment) return []
  return refundsOf(payment).map((refund) => ({
    outRefundNo: refund.outRefundNo,
    state: refund.state,
    title: `退款 ${formatFen(refund.amountFen)} · ${REFUND_STATE_LABELS[refund.state]}`,
    reason: refund.reason,
    failure:
      refund.state !== 'failed'
        ? null
        : audience === 'merchant'
          ? `微信支付：${refund.failure ?? '未知原因'}`
          : '暂未退回成功，系统会自动重试',
    at: monthDayMinute(refund.requestedAt ?? refund.at),
  }))
}

/** Milliseconds left until `dueBy` at `now`, never below 0. */
export function msUntil(dueBy: string, now: number): number {
  return Math.max(0, new Date(dueBy).getTime() - now)
}

/** A countdown as mm:ss (minutes may pass 59); rounds up, so 00:00 means the time is up. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  const mm = String(Math.floor(seconds / 60)).padStart(2, '0')
  const ss = String(seconds % 60).padStart(2, '0')
  return `${mm}:${ss}`
}

/** What the customer reads after the sheet closed without paying. */
export const UNPAID_OUTCOME_TEXT = {
  cancelled: '已取消支付，截止前可在订单页继续支付',
  failed: '支付未成功，请稍后重试',
} as const
type UnpaidOutcome = keyof typeof UNPAID_OUTCOME_TEXT

/**
 * The order page at `url` once the sheet closed with `outcome`. The page itself says what came of
 * it: a toast shown before the navigation is hidden by it on H5.
 */
export function orderUrlAfterSheet(url: string, outcome: 'paid' | UnpaidOutcome): string {
  return outcome === 'paid' ? `${url}&paid=1` : `${url}&unpaid=${outcome}`
}

/** What the order page says for its `unpaid` parameter; null when it names no outcome. */
export function unpaidOutcomeText(param: string | undefined): string | null {
  return param !== undefined && Object.prototype.hasOwnProperty.call(UNPAID_OUTCOME_TEXT, param)
    ? UNPAID_OUTCOME_TEXT[param as UnpaidOutcome]
    : null
}

/** What the order page says while it waits for WeChat's callback, and when it gave up waiting. */
export const CONFIRMING_TEXT = '正在等待微信支付的结果，请稍候'
export const CONFIRM_SLOW_TEXT = '支付结果还在确认中，请稍后下拉刷新查看'

/** WeChat's callback usually lands within a few seconds of a paid sheet. */
export const CONFIRM_POLL = { intervalMs: 1500, timeoutMs: 10_000 } as const

/** While a refund shows 退款中 the order page re-reads the order; WeChat settles most within a minute. */
export const REFUND_POLL = { intervalMs: 3000, timeoutMs: 60_000 } as const

/**
 * Whether the order page should re-read the order once more, `elapsedMs` after it began waiting:
 * only while a refund is on its way (退款中: the payment refunding, or any refund pending, e.g. a
 * merchant's partial refund of a paid order), and only within REFUND_POLL.timeoutMs.
 */
export function refundPollDue(payment: PaymentView | null | undefined, elapsedMs: number): boolean {
  if (!payment || elapsedMs + REFUND_POLL.intervalMs > REFUND_POLL.timeoutMs) return false
  return (
    payment.state === 'refunding' || refundsOf(payment).some((refund) => refund.state === 'pending')
  )
}

/**
 * Reads `read` until `done` holds for its answer or `timeoutMs` has passed (the first read is
 * at once); resolves to the last answer and whether `done` held.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: { intervalMs: number; timeoutMs: number },
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<{ value: T; done: boolean }> {
  let waited = 0
  for (;;) {
    const value = await read()
    if (done(value)) return { value, done: true }
    if (waited + options.intervalMs > options.timeoutMs) return { value, done: false }
    await sleep(options.intervalMs)
    waited += options.intervalMs
  }
}
