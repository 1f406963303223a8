// merchant.afterSalesQueue — open requests (待处理 and 已受理), oldest first, each marked
//   `overdue` once unanswered past the response promise (AFTER_SALES_RESPONSE_HOURS, default 48);
//   an accepted return also carries `refundableFen`, what its order has left to refund (the
//   完成 form's default and maximum), read from the orders in one query.
// merchant.decideAfterSales — accept with a plan, decline with a reason, or close once done;
//   of two merchants answering at once, one applies and the other gets INVALID_TRANSITION.
//   Closing a paid return refunds it once (src/cloud/after-sales-close.ts), answered ok only
//   after the refund was added; a repeated close of a return whose refund is missing adds it.
import {
  DEFAULT_RESPONSE_HOURS,
  OPEN_AFTER_SALES_STATES,
  type AfterSalesRecord,
} from '@/domain/after-sales'
import { isOverdue } from '@/domain/after-sales-rules'
import type { OrderRecord } from '@/domain/order-types'
import { orderRestFen } from '@/domain/order-payments'
import { ok } from '@/domain/result'
import { afterSales, decideAfterSales as decide } from '@/cloud/after-sales'
import { command, readList } from '@/cloud/database'
import { orders } from '@/cloud/orders'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

const QUEUE_LIMIT = 100

/** AFTER_SALES_RESPONSE_HOURS from the environment, or the default promise. */
export function responseHours(): number {
  const hours = Number(process.env.AFTER_SALES_RESPONSE_HOURS)
  return Number.isInteger(hours) && hours > 0 ? hours : DEFAULT_RESPONSE_HOURS
}

export const afterSalesQueue = defineMerchantAction(merchantApi.afterSalesQueue, async (input) => {
  const state = command.in([...OPEN_AFTER_SALES_STATES])
  const items = await readList<AfterSalesRecord>(
    afterSales()
      .where(input?.kind ? { state, kind: input.kind } : { state })
      .orderBy('createdAt', 'asc')
      .limit(QUEUE_LIMIT),
  )
  const now = currentTime()
  const hours = responseHours()
  const refundable = await refundableByOrder(items)
  return ok({
    items: items.map((item) => ({
      ...item,
      overdue: isOverdue(item, now, hours),
      ...(refundable.has(item.orderId) ? { refundableFen: refundable.get(item.orderId) } : {}),
    })),
    responseHours: hours,
  })
})

/** What each accepted return's order has left to refund (no read when there is none). */
async function refundableByOrder(items: AfterSalesRecord[]): Promise<Map<string, number>> {
  const orderIds = items
    .filter((item) => item.kind === 'return' && item.state === 'accepted')
    .map((item) => item.orderId)
  if (orderIds.length === 0) return new Map()
  const found = await readList<Pick<OrderRecord, '_id' | 'payment' | 'balance'>>(
    orders()
      .where({ _id: command.in(orderIds) })
      .field({ payment: true, balance: true })
      .limit(orderIds.length),
  )
  return new Map(found.map((order) => [order._id, orderRestFen(order)]))
}

export const decideAfterSales = defineMerchantAction(
  merchantApi.decideAfterSales,
  (input, openid) => decide(input, openid, currentTime()),
)
