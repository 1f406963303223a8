// The merchant's side of money (src/cloud/refunds.ts, src/domain/ledger.ts). Merchants only.
// merchant.refundOrder — a partial or full refund of a paid order with a reason: one transaction
//   checks the rule and writes the pending refund and its audit row (a repeated requestId writes
//   nothing), WeChat is asked after the commit; the order's node does not move.
// merchant.retryRefund — a failed refund sent again with its own outRefundNo.
// merchant.reconciliation — a China day's payments and refunds, read from the payment ledger
//   (written with each payment and refund in its own transaction), totals and rows by order.
// merchant.failedRefunds — orders whose refund failed, with WeChat's reason.
import { chinaDateOf } from '@/domain/china-date'
import { reconcile, type LedgerEntry } from '@/domain/ledger'
import { refundReasonText, type FailedRefundView } from '@/domain/money-views'
import type { OrderRecord } from '@/domain/order-types'
import { paymentsOf } from '@/domain/order-payments'
import { refundsOf } from '@/domain/payment'
import { ok } from '@/domain/result'
import { command, readList } from '@/cloud/database'
import { ledger } from '@/cloud/ledger'
import { orders } from '@/cloud/orders'
import { failedRefundQuery, requestRefund, retryFailedRefund } from '@/cloud/refunds'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const refundOrder = defineMerchantAction(merchantApi.refundOrder, async (input, openid) => {
  const result = await requestRefund(
    {
      orderId: input.orderId,
      amountFen: input.amountFen,
      reason: refundReasonText(input.reason, input.note),
      requestId: input.requestId,
      requestedBy: { role: 'merchant', openid },
    },
    currentTime(),
  )
  return result
})

export const retryRefund = defineMerchantAction(merchantApi.retryRefund, async (input) => {
  const result = await retryFailedRefund(input.orderId, input.outRefundNo, currentTime())
  return result.ok ? ok({ ...result.data, repeated: false }) : result
})

/** Ledger rows read per call, and the most read for one day (the totals say when cut). */
const LEDGER_PAGE = 100
const LEDGER_MAX_READS = 20
const ROWS_PER_PAGE = 50

export const reconciliation = defineMerchantAction(merchantApi.reconciliation, async (input) => {
  const date = input?.date ?? chinaDateOf(currentTime())
  const entries: LedgerEntry[] = []
  let truncated = true
  for (let read = 0; read < LEDGER_MAX_READS; read += 1) {
    const last = entries.at(-1)?._id
    const page = await readList<LedgerEntry>(
      ledger()
        .where(last ? { chinaDate: date, _id: command.gt(last) } : { chinaDate: date })
        .orderBy('_id', 'asc')
        .limit(LEDGER_PAGE),
    )
    entries.push(...page)
    if (page.length < LEDGER_PAGE) {
      truncated = false
      break
    }
  }
  const { totals, rows } = reconcile(entries)
  const pages = Math.max(1, Math.ceil(rows.length / ROWS_PER_PAGE))
  const page = Math.min(input?.page ?? 1, pages)
  return ok({
    date,
    totals,
    rows: rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE),
    page,
    pages,
    truncated,
  })
})

const FAILED_LIMIT = 100

export const failedRefunds = defineMerchantAction(merchantApi.failedRefunds, async () => {
  const found = await readList<OrderRecord>(
    orders().where(failedRefundQuery()).orderBy('updatedAt', 'desc').limit(FAILED_LIMIT),
  )
  const refunds: FailedRefundView[] = found.flatMap((order) =>
    paymentsOf(order)
      .flatMap((payment) => refundsOf(payment))
      .filter((refund) => refund.state === 'failed')
      .map((refund) => ({
        orderId: order._id,
        orderNo: order.orderNo,
        productName: order.productSnapshot.name,
        outRefundNo: refund.outRefundNo,
        amountFen: refund.amountFen,
        reason: refund.reason,
        failure: refund.failure ?? '未知原因',
        at: new Date(refund.at).toISOString(),
      })),
  )
  return ok({ refunds, total: found.length })
})
