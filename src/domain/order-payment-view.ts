// What the screens say about an order's payments as a whole: one panel per payment (定金 and 尾款
// named apart on a preorder with a deposit), the tag on a card or board row, what the merchant
// may still refund and what the customer is asked before cancelling. Per payment, the words are
// payment-view.ts's. Pure.
import { formatFen } from './money'
import { balanceFenOf, depositFenOf, duePayment, paymentsOf } from './order-payments'
import type { OrderNode } from './order-types'
import { partOf, type PaymentPart } from './payment'
import {
  awaitingPayment,
  paymentNotice,
  paymentTag,
  type PaymentAudience,
  type PaymentNotice,
  type PaymentView,
} from './payment-view'

export interface OrderPaymentsView {
  node: OrderNode
  payment: PaymentView
  balance?: PaymentView | null
  quote: { priceFen: number; depositFen?: number }
  coupon?: { discountFen: number }
}

export const PART_LABELS: Record<PaymentPart, string> = { payment: '定金', balance: '尾款' }

export interface PaymentPanelView {
  part: PaymentPart
  notice: PaymentNotice
  /** 去支付 and the countdown show (the customer's due payment). */
  payable: boolean
  dueBy: string
}

/** The order page's payment panels, oldest payment first; none when there is nothing to say. */
export function paymentPanels(
  order: OrderPaymentsView,
  audience: PaymentAudience,
): PaymentPanelView[] {
  const deposit = depositFenOf(order)
  const due = duePayment(order)
  return paymentsOf(order).flatMap((payment) => {
    const part = partOf(payment)
    let notice = paymentNotice(payment, order.node, audience)
    if (deposit !== null) {
      if (part === 'payment' && payment.state === 'paid' && !order.balance)
        notice = awaitingBatch(order, audience)
      if (part === 'balance' && payment.state === 'unpaid' && notice)
        notice = { ...notice, text: balanceDueText(payment, audience) }
      if (notice) notice = { ...notice, title: `${PART_LABELS[part]} · ${notice.title}` }
    }
    if (!notice) return []
    const payable = audience === 'consumer' && payment === due && awaitingPayment(due, order.node)
    return [{ part, notice, payable, dueBy: payment.dueBy }]
  })
}

function awaitingBatch(order: OrderPaymentsView, audience: PaymentAudience): PaymentNotice {
  const balance = formatFen(balanceFenOf(order))
  const deposit = formatFen(order.payment.amountFen)
  return {
    state: 'paid',
    title: '已付款',
    tone: 'info',
    text:
      audience === 'consumer'
        ? `已付定金 ${deposit}，成团后支付尾款 ${balance}；未成团将原路退回定金`
        : `已收定金 ${deposit}，尾款 ${balance} 待成团后由顾客支付`,
  }
}

function balanceDueText(balance: PaymentView, audience: PaymentAudience): string {
  const amount = formatFen(balance.amountFen)
  return audience === 'consumer'
    ? `已成团，请支付尾款 ${amount}；逾期未付订单将取消，定金原路退回`
    : `已成团，等待顾客支付尾款 ${amount}；付清后开始制作，逾期未付将取消并退定金`
}

/** The tag on an order card (consumer) or board row (merchant), and the state it shows. */
export function orderPaymentTag(
  order: OrderPaymentsView,
  audience: PaymentAudience,
): { text: string; state: string } | null {
  if (order.balance?.state === 'unpaid') return { text: '待付尾款', state: 'unpaid' }
  if (depositFenOf(order) !== null && !order.balance && order.payment.state === 'paid')
    return { text: '已付定金', state: 'paid' }
  const shown = order.balance?.state === 'paid' ? order.balance : order.payment
  const text = paymentTag(shown, audience)
  return text ? { text, state: shown.state } : null
}

/** What the customer is asked before cancelling: what was paid comes back. */
export function orderCancelQuestion(order: OrderPaymentsView): string {
  const paid = paymentsOf(order)
    .filter((payment) => payment.state === 'paid')
    .reduce((sum, payment) => sum + payment.amountFen, 0)
  return paid > 0
    ? `取消后订单将停止制作，已付的 ${formatFen(paid)} 将原路退回，确定取消吗？`
    : '取消后订单将停止制作，确定取消吗？'
}
