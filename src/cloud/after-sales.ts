// After-sales requests (domain/after-sales.ts holds the rules). A request and the order's
// `afterSalesOpen` are written in one transaction that read both, so of two requests racing on
// one order, or two decisions racing on one request, the database commits one; the other
// finds the place taken (AFTER_SALES_OPEN) or the request already answered (INVALID_TRANSITION).
// A decision queues the customer's message in its own transaction and sends it after the commit;
// 完成 (and a return's refund) is in after-sales-close.ts. The customer's 寄回信息 is one
// transaction that re-reads the request, so it never lands on a request the shop just closed.
import {
  AFTER_SALES_KIND_LABELS,
  OPEN_AFTER_SALES_STATES,
  mayShipToShop,
  type AfterSalesRecord,
  type AfterSalesStep,
} from '../domain/after-sales'
import {
  afterSalesRefusal,
  checkAlterations,
  decide,
  isReworkKind,
} from '../domain/after-sales-rules'
import { afterSalesMessageDraft } from '../domain/after-sales-message'
import { optionLabels } from '../domain/after-sales-stats'
import { COLLECTIONS } from '../domain/names'
import { idFor } from '../domain/new-order'
import type { OrderRecord } from '../domain/order-types'
import type { ProductRecord } from '../domain/product-schema'
import { fail, ok, type Result } from '../domain/result'
import type { PayloadOf } from '../domain/api/contract'
import type { afterSalesRequestApi } from '../domain/api/after-sales-request'
import type { afterSalesShipmentApi } from '../domain/api/after-sales-shipment'
import type { merchantApi } from '../domain/api/merchant'
import { closeAfterSales } from './after-sales-close'
import { db, inTransaction, readDoc, type Transaction, withoutId } from './database'
import { drainAfterCommit } from './notifier'
import { addDays, chinaDateOf } from '../domain/china-date'
import { SYSTEM, afterOrderEvent, orderEventIn, type AppliedOrderEvent } from './orders'
import { queueMessage } from './outbox'
import { areCallersPhotos, FOREIGN_PHOTO_MESSAGE } from './photo-dir'

export const afterSales = () => db.collection(COLLECTIONS.afterSales)

/** A request's id: the same client request id always lands on the same document. */
const requestIdOf = (openid: string, requestId: string) => idFor('as_', openid, requestId)

const NOT_FOUND = () => fail('NOT_FOUND', '售后申请不存在')

type RequestInput = PayloadOf<typeof afterSalesRequestApi.requestAfterSales>

/** The checked request, or why it cannot be made; reads the product only for alterations. */
async function buildRequest(
  input: RequestInput,
  order: OrderRecord & { afterSalesOpen?: string | null },
  openid: string,
  now: Date,
): Promise<Result<AfterSalesRecord>> {
  const refusal = afterSalesRefusal(order, input.kind, now)
  if (refusal) return fail(refusal.code, refusal.message)
  if (!areCallersPhotos(input.photos, openid))
    return fail('INVALID_INPUT', FOREIGN_PHOTO_MESSAGE, 'photos')
  let alterations: AfterSalesRecord['alterations'] = []
  if (input.alterations?.length) {
    const product = await readDoc<ProductRecord>(
      db.collection(COLLECTIONS.products).doc(order.productId),
    )
    const checked = checkAlterations(
      input.alterations,
      order.selection.measurements,
      product?.measurements ?? [],
    )
    if (!checked.ok) return fail('INVALID_INPUT', checked.message, 'alterations')
    alterations = checked.alterations
  }
  const note = input.note ?? ''
  return ok({
    _id: requestIdOf(openid, input.requestId),
    orderId: order._id,
    orderNo: order.orderNo,
    ownerOpenid: openid,
    productName: order.productSnapshot.name,
    kind: input.kind,
    reason: input.reason,
    note,
    alterations,
    options: optionLabels(order.productSnapshot),
    photos: input.photos,
    state: 'submitted',
    plan: null,
    declineReason: null,
    steps: [{ state: 'submitted', at: now, actorRole: 'consumer', text: note }],
    createdAt: now,
    updatedAt: now,
  })
}

/** 申请售后: one transaction reads the order (owner, node, window, open place) and writes both. */
export async function requestAfterSales(
  input: RequestInput,
  openid: string,
  now: Date,
): Promise<Result<{ request: AfterSalesRecord; repeated: boolean }>> {
  const requestId = requestIdOf(openid, input.requestId)
  const earlier = await readDoc<AfterSalesRecord>(afterSales().doc(requestId))
  if (earlier) {
    return earlier.ownerOpenid === openid && earlier.orderId === input.orderId
      ? ok({ request: earlier, repeated: true })
      : fail('INVALID_INPUT', '请求编号已用于另一次申请', 'requestId')
  }
  return inTransaction(async (transaction) => {
    const orderRef = transaction.collection(COLLECTIONS.orders).doc(input.orderId)
    const order = await readDoc<OrderRecord>(orderRef)
    if (!order || order.ownerOpenid !== openid) return fail('NOT_FOUND', '订单不存在')
    // The same request sent twice at once: the second finds the first's place on the order.
    if (order.afterSalesOpen === requestId) {
      const same = await readDoc<AfterSalesRecord>(
        transaction.collection(COLLECTIONS.afterSales).doc(requestId),
      )
      if (same) return ok({ request: same, repeated: true })
    }
    const built = await buildRequest(input, order, openid, now)
    if (!built.ok) return built
    const request = built.data
    await transaction
      .collection(COLLECTIONS.afterSales)
      .doc(request._id)
      .set({ data: withoutId(request) })
    await orderRef.update({ data: { afterSalesOpen: request._id } })
    return ok({ request, repeated: false })
  })
}

/**
 * Moves one request and frees the order's place when it leaves the open states; `beside` writes
 * what goes with the move (the order's rework) in the same transaction, before the request.
 */
async function moveRequest(
  transaction: Transaction,
  afterSalesId: string,
  move: (request: AfterSalesRecord) => Result<AfterSalesRecord>,
  beside?: (next: AfterSalesRecord) => Promise<Result<unknown>>,
): Promise<Result<{ request: AfterSalesRecord }>> {
  const ref = transaction.collection(COLLECTIONS.afterSales).doc(afterSalesId)
  const request = await readDoc<AfterSalesRecord>(ref)
  if (!request) return NOT_FOUND()
  const moved = move(request)
  if (!moved.ok) return moved
  const next = moved.data
  const written = beside ? await beside(next) : null
  if (written && !written.ok) return written
  if (!OPEN_AFTER_SALES_STATES.includes(next.state)) {
    const orderRef = transaction.collection(COLLECTIONS.orders).doc(request.orderId)
    const order = await readDoc<OrderRecord>(orderRef)
    if (order?.afterSalesOpen === request._id)
      await orderRef.update({ data: { afterSalesOpen: null } })
  }
  await ref.set({ data: withoutId(next) })
  return ok({ request: next })
}

const stepped = (
  request: AfterSalesRecord,
  step: AfterSalesStep,
  fields: Partial<AfterSalesRecord> = {},
): AfterSalesRecord => ({
  ...request,
  ...fields,
  state: step.state,
  steps: [...request.steps, step],
  updatedAt: step.at,
})

/** The customer takes back a request the shop has not answered yet. */
export function withdrawAfterSales(afterSalesId: string, openid: string, now: Date) {
  return inTransaction((transaction) =>
    moveRequest(transaction, afterSalesId, (request) => {
      if (request.ownerOpenid !== openid) return NOT_FOUND()
      if (request.state !== 'submitted')
        return fail('INVALID_TRANSITION', '商家已处理这个申请，不能撤回；如有疑问请联系客服')
      return ok(stepped(request, { state: 'withdrawn', at: now, actorRole: 'consumer', text: '' }))
    }),
  )
}

type ShipmentInput = PayloadOf<typeof afterSalesShipmentApi.sendAfterSalesItem>

/** 寄回信息: the owner's carrier and tracking number, replaced until the shop closes or ships back. */
export function sendAfterSalesItem(input: ShipmentInput, openid: string, now: Date) {
  return inTransaction(async (transaction): Promise<Result<{ request: AfterSalesRecord }>> => {
    const ref = transaction.collection(COLLECTIONS.afterSales).doc(input.afterSalesId)
    const request = await readDoc<AfterSalesRecord>(ref)
    if (!request || request.ownerOpenid !== openid) return NOT_FOUND()
    if (!mayShipToShop(request))
      return fail(
        'INVALID_TRANSITION',
        request.state === 'submitted'
          ? '商家受理后才能填写寄回信息'
          : '这个售后申请已处理，寄回信息不能再修改',
      )
    const customerShipment = { carrier: input.carrier, trackingNo: input.trackingNo, at: now }
    const next = { ...request, customerShipment, updatedAt: now }
    await ref.set({ data: withoutId(next) })
    return ok({ request: next })
  })
}

/** The merchant's answer as merchant.decideAfterSales's check gives it. */
type Decision = PayloadOf<typeof merchantApi.decideAfterSales>

/** How the merchant's accept (plan), decline (reason) or ship back (tracking) moves a request. */
function answer(request: AfterSalesRecord, input: Decision, now: Date): Result<AfterSalesRecord> {
  const move = decide(request, input.decision)
  if (!move.ok) return fail('INVALID_TRANSITION', move.message)
  const step = { state: move.to, at: now, actorRole: 'merchant' as const }
  if (move.to === 'accepted') {
    const plan = { text: input.plan ?? '', days: input.days ?? 1 }
    return ok(stepped(request, { ...step, text: `${plan.text}，预计 ${plan.days} 天` }, { plan }))
  }
  if (move.to === 'declined') {
    const reason = input.reason ?? ''
    return ok(stepped(request, { ...step, text: reason }, { declineReason: reason }))
  }
  if (move.to === 'shipped_back') {
    const shipping = { carrier: input.carrier ?? '', trackingNo: input.trackingNo ?? '' }
    return ok(
      stepped(
        request,
        { ...step, text: `${shipping.carrier} ${shipping.trackingNo}` },
        { shipping },
      ),
    )
  }
  // 完成 never comes here: decideAfterSales hands it to closeAfterSales.
  return fail('INVALID_TRANSITION', '只有已受理的售后可以完成')
}

/**
 * An accepted alteration or remake sends the order back to the workshop in the accept's own
 * transaction (the order's `rework` event, as the system): the plan is its timeline note and
 * its days the new promised date.
 */
function startRework(transaction: Transaction, request: AfterSalesRecord, now: Date) {
  if (request.state !== 'accepted' || !isReworkKind(request.kind) || !request.plan)
    return Promise.resolve(ok(null))
  const { kind, plan } = request
  return orderEventIn(transaction, {
    orderId: request.orderId,
    event: 'rework',
    input: {
      kind,
      note: `${AFTER_SALES_KIND_LABELS[kind]}：${plan.text}`,
      eta: addDays(chinaDateOf(now), plan.days),
    },
    actorFor: (order) =>
      order.afterSalesOpen === request._id
        ? ok(SYSTEM)
        : fail('INVALID_TRANSITION', '订单的售后状态已变化，请刷新后再处理'),
    now,
  })
}

/**
 * The merchant's answer, and the customer's message about it in the same transaction (its id is
 * the request's and the new state's, and a second answer is refused, so never two), sent after
 * the commit; the message timer retries what this send misses. 完成 refunds a return; accepting
 * an alteration or remake starts the order's rework.
 */
export async function decideAfterSales(input: Decision, openid: string, now: Date) {
  if (input.decision === 'close') return closeAfterSales(input, openid, now)
  let queued: string | null = null
  let rework: AppliedOrderEvent | null = null
  const result = await inTransaction(async (transaction) => {
    queued = null // a retried transaction starts over
    rework = null
    const moved = await moveRequest(
      transaction,
      input.afterSalesId,
      (request) => answer(request, input, now),
      async (next) => {
        const started = await startRework(transaction, next, now)
        if (started.ok && started.data) rework = started.data
        return started
      },
    )
    const draft = moved.ok ? afterSalesMessageDraft(moved.data.request, now) : null
    if (draft) queued = await queueMessage(transaction, draft, now)
    return moved
  })
  if (result.ok && queued) await drainAfterCommit([queued])
  if (result.ok && rework) await afterOrderEvent(rework, now)
  return result
}
