// The message the customer gets each time the shop answers an after-sales request
// (config/message-templates.json after_sales_update: orderNo, service, status, detail, at).
// Its key names the request and the state it moved to, so each answer queues one message
// however often a decide is retried: a request reaches each state at most once.
import {
  ANSWERED_STATES,
  requestSummary,
  type AfterSalesRecord,
  type AfterSalesState,
  type AnsweredState,
} from './after-sales'
import { orderPage, type MessageDraft } from './message-drafts'
import { afterSalesStatus } from './message-format'

const isAnswer = (state: AfterSalesState): state is AnsweredState =>
  (ANSWERED_STATES as readonly string[]).includes(state)

/** Said when the shop closes a request without a word of its own. */
export const AFTER_SALES_DONE_TEXT = '售后已处理完成'

export const afterSalesMessageKey = (request: Pick<AfterSalesRecord, '_id' | 'state'>) =>
  `after_sales:${request._id}:${request.state}`

/** What the answer says; the days come first, so a long plan cut to 20 characters keeps them. */
function detailOf(request: AfterSalesRecord, state: AnsweredState): string {
  if (state === 'accepted') return `预计 ${request.plan?.days ?? 1} 天：${request.plan?.text ?? ''}`
  if (state === 'declined') return request.declineReason ?? ''
  if (state === 'shipped_back')
    return `${request.shipping?.carrier ?? ''} ${request.shipping?.trackingNo ?? ''}`.trim()
  return request.steps[request.steps.length - 1]?.text || AFTER_SALES_DONE_TEXT
}

/** The draft for a request just answered (`request` as written), or null for other states. */
export function afterSalesMessageDraft(request: AfterSalesRecord, at: Date): MessageDraft | null {
  const state = request.state
  if (!isAnswer(state)) return null
  return {
    purpose: 'after_sales_update',
    toOpenid: request.ownerOpenid,
    key: afterSalesMessageKey(request),
    page: orderPage(request.orderId),
    values: {
      orderId: request.orderId,
      orderNo: request.orderNo,
      service: requestSummary(request),
      status: afterSalesStatus(state),
      detail: detailOf(request, state),
      at,
    },
  }
}
