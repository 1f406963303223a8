// An order's payments. Most orders are paid in full at submit (`payment`). A preorder whose
// product asks a deposit pays the 定金 at submit (`payment`) and the 尾款 (`balance`, opened when
// its batch fills, due within BALANCE_PAY_HOURS); production starts once both are paid. Each is
// its own WeChat trade (payment.ts numbers them apart), so refunds are per trade: a cancellation
// refunds what each has left, and the merchant's refund takes from the 尾款 first. Pure.
import {
  newPayment,
  partOf,
  refundRefusal,
  refundTotals,
  type OrderPayment,
  type PaymentPart,
  type PaymentSums,
} from './payment'
import type { OrderRecord } from './order-types'

/** Hours the customer has to pay the 尾款 once the batch fills; unpaid, the order is cancelled. */
export const BALANCE_PAY_HOURS = 72

type WithPayments = Pick<OrderRecord, 'payment' | 'balance' | 'quote' | 'coupon'>
type Priced = {
  quote: Pick<OrderRecord['quote'], 'priceFen' | 'depositFen'>
  coupon?: { discountFen: number }
}

/** What the whole order costs the customer: the price less the coupon's discount. */
export const payableFenOf = (order: Priced) =>
  order.quote.priceFen - (order.coupon?.discountFen ?? 0)

/** The 定金 paid at submit: the quote's deposit, never more than the whole payable amount. */
export function depositFenOf(order: Priced): number | null {
  const { depositFen } = order.quote
  if (!depositFen) return null
  const payable = payableFenOf(order)
  return depositFen < payable ? depositFen : null
}

/** The 尾款: what is left after the deposit (0 for an order paid in full). */
export const balanceFenOf = (order: Priced) => {
  const deposit = depositFenOf(order)
  return deposit === null ? 0 : payableFenOf(order) - deposit
}

/** An order's payments as stored, or as a page receives them (dates as text). */
interface Payments<P> {
  payment: P
  balance?: P | null
}

/** The order's payments that exist, the one at submit first. */
export function paymentsOf<P>(order: Payments<P>): P[] {
  return order.balance ? [order.payment, order.balance] : [order.payment]
}

export function paymentPartOf<P>(order: Payments<P>, part: PaymentPart): P | null {
  return part === 'balance' ? (order.balance ?? null) : order.payment
}

/** The order with `payment` written where its part belongs. */
export function withPaymentPart<T extends Pick<OrderRecord, 'payment' | 'balance'>>(
  order: T,
  payment: OrderPayment,
): T {
  return partOf(payment) === 'balance' ? { ...order, balance: payment } : { ...order, payment }
}

/** The batch has filled and this order's 尾款 has not been asked for yet. */
export const balanceToOpen = (order: WithPayments) =>
  balanceFenOf(order) > 0 && !order.balance && order.payment.state === 'paid'

/** Everything due is paid: the payment at submit, and the 尾款 when the order has one. */
export const fullyPaid = (order: WithPayments) =>
  order.payment.state === 'paid' && (balanceFenOf(order) === 0 || order.balance?.state === 'paid')

/** The 尾款 payment, due BALANCE_PAY_HOURS from now. */
export function newBalance(order: WithPayments, now: Date): OrderPayment {
  return { ...newPayment(balanceFenOf(order), now, BALANCE_PAY_HOURS * 60), part: 'balance' }
}

/** The payment the customer should pay now (the first unpaid one), or null. */
export function duePayment<P extends { state: string }>(order: Payments<P>): P | null {
  return paymentsOf(order).find((payment) => payment.state === 'unpaid') ?? null
}

/** What may still be refunded, per part, 尾款 first: the merchant's refund is split this way. */
export function refundableParts(
  order: Payments<PaymentSums>,
): { part: PaymentPart; restFen: number }[] {
  return [...paymentsOf(order)]
    .reverse()
    .map((payment) => ({ part: partOf(payment), restFen: refundTotals(payment).restFen }))
    .filter((entry) => entry.restFen > 0)
}

/** A refund of `amountFen` split over the parts, 尾款 first (only amounts within the rest). */
export function splitRefund(
  order: Payments<PaymentSums>,
  amountFen: number,
): { part: PaymentPart; amountFen: number }[] {
  const pieces: { part: PaymentPart; amountFen: number }[] = []
  let left = amountFen
  for (const { part, restFen } of refundableParts(order)) {
    if (left <= 0) break
    const take = Math.min(left, restFen)
    pieces.push({ part, amountFen: take })
    left -= take
  }
  return pieces
}

/** What may still be refunded over all the order's payments (fen). */
export const orderRestFen = (order: Payments<PaymentSums>) =>
  refundableParts(order).reduce((sum, part) => sum + part.restFen, 0)

/** Why the merchant cannot refund `amountFen` of the order (over all its payments), or null. */
export function orderRefundRefusal(
  order: Payments<PaymentSums>,
  amountFen: number,
): ReturnType<typeof refundRefusal> {
  return refundRefusal(order.payment, amountFen, orderRestFen(order))
}
