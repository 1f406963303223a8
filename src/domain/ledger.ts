// The money ledger: one row per payment WeChat confirmed and per refund WeChat paid out, written
// in the same transaction as the order write that records it, with WeChat's own number as the
// row's id (outTradeNo / outRefundNo), so a repeated callback or a retried transaction can never
// write a second row. A day's reconciliation reads the rows of that China date (index chinaDate)
// and folds them here. Pure.
import { chinaDateOf, type ChinaDate } from './china-date'
import { paymentPartOf, paymentsOf } from './order-payments'
import type { OrderPayment } from './payment'
import { partOf, refundsOf, wasPaid } from './payment'

export type LedgerKind = 'pay' | 'refund'

export interface LedgerEntry {
  /** outTradeNo for a payment, outRefundNo for a refund: WeChat's key, once only. */
  _id: string
  kind: LedgerKind
  chinaDate: ChinaDate
  at: Date
  orderId: string
  orderNo: string
  /** Always positive; a refund subtracts. */
  amountFen: number
}

interface OrderMoney {
  _id: string
  orderNo: string
  payment: OrderPayment
  /** A preorder's 尾款: its own trade, with its own rows. */
  balance?: OrderPayment | null
}

/**
 * The ledger rows an order write adds: each payment (定金, 尾款 or the whole price) when it
 * becomes paid, each refund when it succeeds. Comparing the order before and after the write
 * keeps a repeat from adding anything.
 */
export function ledgerEntriesOf(before: OrderMoney, after: OrderMoney, now: Date): LedgerEntry[] {
  const row = (kind: LedgerKind, key: string, amountFen: number): LedgerEntry => ({
    _id: key,
    kind,
    chinaDate: chinaDateOf(now),
    at: now,
    orderId: after._id,
    orderNo: after.orderNo,
    amountFen,
  })
  const rows: LedgerEntry[] = []
  for (const payment of paymentsOf(after)) {
    const earlier = paymentPartOf(before, partOf(payment))
    const trade = payment.outTradeNo
    if (
      trade &&
      wasPaid(payment) &&
      (!earlier || !wasPaid(earlier) || earlier.outTradeNo !== trade)
    )
      rows.push(row('pay', trade, payment.amountFen))
    const succeededBefore = new Set(
      (earlier ? refundsOf(earlier) : [])
        .filter((refund) => refund.state === 'succeeded')
        .map((refund) => refund.outRefundNo),
    )
    for (const refund of refundsOf(payment))
      if (refund.state === 'succeeded' && !succeededBefore.has(refund.outRefundNo))
        rows.push(row('refund', refund.outRefundNo, refund.amountFen))
  }
  return rows
}

export interface ReconciliationRow {
  orderId: string
  orderNo: string
  paidFen: number
  refundedFen: number
  netFen: number
}

export interface ReconciliationTotals {
  paidFen: number
  refundedFen: number
  netFen: number
  /** Payments and refunds (ledger rows) of the day, and the orders they belong to. */
  payments: number
  refunds: number
  orders: number
}

/** A day's ledger rows folded: totals over all, and one row per order (by order number). */
export function reconcile(
  entries: Pick<LedgerEntry, 'kind' | 'orderId' | 'orderNo' | 'amountFen'>[],
): {
  totals: ReconciliationTotals
  rows: ReconciliationRow[]
} {
  const byOrder = new Map<string, ReconciliationRow>()
  const totals: ReconciliationTotals = {
    paidFen: 0,
    refundedFen: 0,
    netFen: 0,
    payments: 0,
    refunds: 0,
    orders: 0,
  }
  for (const entry of entries) {
    const row = byOrder.get(entry.orderId) ?? {
      orderId: entry.orderId,
      orderNo: entry.orderNo,
      paidFen: 0,
      refundedFen: 0,
      netFen: 0,
    }
    if (entry.kind === 'pay') {
      row.paidFen += entry.amountFen
      totals.paidFen += entry.amountFen
      totals.payments += 1
    } else {
      row.refundedFen += entry.amountFen
      totals.refundedFen += entry.amountFen
      totals.refunds += 1
    }
    row.netFen = row.paidFen - row.refundedFen
    byOrder.set(entry.orderId, row)
  }
  totals.netFen = totals.paidFen - totals.refundedFen
  totals.orders = byOrder.size
  const rows = [...byOrder.values()].sort((a, b) => a.orderNo.localeCompare(b.orderNo))
  return { totals, rows }
}
