// merchant.afterSalesQueue — open requests (待处理 and 已受理), oldest first, each marked
//   `overdue` once unanswered past the response promise (AFTER_SALES_RESPONSE_HOURS, default 48).
// merchant.decideAfterSales — accept with a plan, decline with a reason, or close once done;
//   of two merchants answering at once, one applies and the other gets INVALID_TRANSITION.
import {
  DEFAULT_RESPONSE_HOURS,
  OPEN_AFTER_SALES_STATES,
  type AfterSalesRecord,
} from '@/domain/after-sales'
import { isOverdue } from '@/domain/after-sales-rules'
import { ok } from '@/domain/result'
import { afterSales, decideAfterSales as decide } from '@/cloud/after-sales'
import { command, readList } from '@/cloud/database'
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
  return ok({
    items: items.map((item) => ({ ...item, overdue: isOverdue(item, now, hours) })),
    responseHours: hours,
  })
})

export const decideAfterSales = defineMerchantAction(merchantApi.decideAfterSales, (input) =>
  decide(input, currentTime()),
)
