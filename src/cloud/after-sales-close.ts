// The shop's 完成 of an after-sales request; closing a return (goods received) refunds the order.
// Invariant: a close never refunds twice, and a close whose refund was not added is repaired.
// 1. One transaction re-reads the request and the order, decides the amount (what the shop
//    asked, at most what is left to refund; none on an unpaid order), closes the request with
//    `refund: { amountFen, outRefundNo: null }` (the refund owed), frees the order and queues
//    the customer's message.
// 2. After the commit, `requestRefund` adds the refund with a request id made from the request's
//    id, so however often it runs the order gets one refund (and WeChat is asked).
// 3. The refund's outRefundNo is written on the request; only then is the close answered ok.
// A crash or refusal after 1 leaves a closed return owing its refund: a repeated close finds it
// and runs 2 and 3 again (a refund added before the crash is found by its request id, not
// added again). A close of a request already closed with its refund recorded is refused.
import { formatFen } from '../domain/money'
import type { AfterSalesRecord } from '../domain/after-sales'
import { decide, returnRefundFen, returnRefundRequestId } from '../domain/after-sales-rules'
import { afterSalesMessageDraft } from '../domain/after-sales-message'
import type { PayloadOf } from '../domain/api/contract'
import type { merchantApi } from '../domain/api/merchant'
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { fail, ok, type Result } from '../domain/result'
import { db, inTransaction, readDoc, withoutId } from './database'
import { drainAfterCommit } from './notifier'
import { queueMessage } from './outbox'
import { requestRefund } from './refunds'

type Decision = PayloadOf<typeof merchantApi.decideAfterSales>

/** A return closed earlier whose refund was not added yet (step 2 or 3 did not finish). */
const owesRefund = (request: AfterSalesRecord) =>
  request.state === 'closed' && !!request.refund && !request.refund.outRefundNo

/** Step 1: the close, the refund owed and the message, in one transaction. */
async function closeRequest(
  input: Decision,
  now: Date,
): Promise<{ result: Result<AfterSalesRecord>; queued: string | null }> {
  let queued: string | null = null
  const result = await inTransaction(async (transaction): Promise<Result<AfterSalesRecord>> => {
    queued = null // a retried transaction starts over
    const ref = transaction.collection(COLLECTIONS.afterSales).doc(input.afterSalesId)
    const request = await readDoc<AfterSalesRecord>(ref)
    if (!request) return fail('NOT_FOUND', '售后申请不存在')
    if (owesRefund(request)) return ok(request)
    const move = decide(request, 'close')
    if (!move.ok) return fail('INVALID_TRANSITION', move.message)
    if (request.kind !== 'return' && input.refundFen !== undefined)
      return fail('INVALID_INPUT', '只有退货退款需要填写退款金额', 'refundFen')
    const orderRef = transaction.collection(COLLECTIONS.orders).doc(request.orderId)
    const order = await readDoc<OrderRecord>(orderRef)
    let refund: AfterSalesRecord['refund'] = null
    if (request.kind === 'return' && order) {
      const amount = returnRefundFen(order, input.refundFen)
      if (!amount.ok) return fail(amount.code, amount.message, 'refundFen')
      refund = amount.amountFen ? { amountFen: amount.amountFen, outRefundNo: null } : null
    }
    const text = refund ? `已收到退货，退款 ${formatFen(refund.amountFen)}` : (input.plan ?? '')
    const next: AfterSalesRecord = {
      ...request,
      state: move.to,
      refund,
      steps: [...request.steps, { state: move.to, at: now, actorRole: 'merchant', text }],
      updatedAt: now,
    }
    if (order?.afterSalesOpen === request._id)
      await orderRef.update({ data: { afterSalesOpen: null } })
    await ref.set({ data: withoutId(next) })
    const draft = afterSalesMessageDraft(next, now)
    if (draft) queued = await queueMessage(transaction, draft, now)
    return ok(next)
  })
  return { result, queued }
}

/** Steps 2 and 3: the order's refund (once per request), then its number on the request. */
async function addOwedRefund(
  request: AfterSalesRecord,
  openid: string,
  now: Date,
): Promise<Result<{ request: AfterSalesRecord }>> {
  const owed = request.refund
  if (!owed || owed.outRefundNo) return ok({ request })
  const added = await requestRefund(
    {
      orderId: request.orderId,
      amountFen: owed.amountFen,
      reason: `退货退款：${request.reason}`,
      requestId: returnRefundRequestId(request._id),
      requestedBy: { role: 'merchant', openid },
    },
    now,
  )
  if (!added.ok) return added
  const refund = {
    amountFen: added.data.refund.amountFen,
    outRefundNo: added.data.refund.outRefundNo,
  }
  await db.collection(COLLECTIONS.afterSales).doc(request._id).update({ data: { refund } })
  return ok({ request: { ...request, refund } })
}

/** 完成: closes the request and, for a paid return, refunds it; see the invariant above. */
export async function closeAfterSales(
  input: Decision,
  openid: string,
  now: Date,
): Promise<Result<{ request: AfterSalesRecord }>> {
  const { result, queued } = await closeRequest(input, now)
  if (!result.ok) return result
  const answer = await addOwedRefund(result.data, openid, now)
  if (queued) await drainAfterCommit([queued])
  return answer
}
