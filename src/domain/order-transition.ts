// applyTransition(order, event, actor, input, now, storage): Result<TransitionOutput>
// Everything one order event writes, computed purely. The cloud action re-reads the order
// inside a transaction, calls this, and writes `order` (replace), `audit` (add), `notification`
// (queue, when present) and `grant` / `couponReturn` / `batchLeave` / `urgentRelease` (when
// present) in that same transaction.
// Payment: `pay` records WeChat's confirmation; every move into 'cancelled' refunds what a paid
// order has not had refunded yet (a pending refund, sent to WeChat after the commit) or closes an
// unpaid one.
// A repeated request sees the already-moved order and fails here, so nothing applies twice;
// for same-node events the client should send the version it saw and the cloud compare it.
// `storage` is the environment the function runs in: photos must be its files (photos.ts).
// `refundAudit`: the audit row a merchant's refund writes beside the transitions' rows.
import { addDays, chinaDateOf } from './china-date'
import { issueRemedyCoupon, type CouponRecord } from './coupon'
import { deliveryWindowText } from './delivery-window'
import { REMEDY_LABELS } from './order-labels'
import { can } from './order-machine'
import { parseEventInput, type EventInput } from './order-input'
import { formatFen } from './money'
import { depositFenOf, newBalance, paymentPartOf, withPaymentPart } from './order-payments'
import { markPaid, parseTradeNo, paymentOnCancel, type OrderRefund } from './payment'
import { formatChinaTime } from './time'
import { urgentReleaseOf } from './pricing'
import {
  COUPON_RETURN_NODES,
  FINAL_NODES,
  NOTIFICATION_PURPOSES,
  ORDER_EVENTS,
  REFUND_AUDIT_EVENT,
  type Actor,
  type AuditEvent,
  type NotificationPurpose,
  type OrderEvent,
  type OrderNotification,
  type OrderRecord,
  type ResolvedException,
} from './order-types'
import { fail, ok, type Result } from './result'

export interface TransitionOutput {
  order: OrderRecord
  audit: AuditEvent
  notification: OrderNotification | null
  /** A coupon the customer chose as a remedy; the cloud stores it (its id is per exception). */
  grant: CouponRecord | null
  /** The coupon this order used, given back because the order was cancelled before production. */
  couponReturn: { couponId: string } | null
  /** A batch order cancelled while its batch still collects: subtract from the batch (batch.ts). */
  batchLeave: { batchId: string; quantity: number } | null
  /** An urgent order cancelled on the day it was placed: give its slot back (pricing.ts). */
  urgentRelease: { quotaId: string } | null
}

const PURPOSE_OF: Partial<Record<OrderEvent, NotificationPurpose>> = {
  pay: NOTIFICATION_PURPOSES.paymentSucceeded,
  confirm: NOTIFICATION_PURPOSES.orderConfirmed,
  start_production: NOTIFICATION_PURPOSES.productionStarted,
  batch_reached: NOTIFICATION_PURPOSES.productionStarted,
  ship: NOTIFICATION_PURPOSES.shipped,
  deliver: NOTIFICATION_PURPOSES.delivered,
  flag_exception: NOTIFICATION_PURPOSES.exceptionNeedsChoice,
}

export function applyTransition(
  order: OrderRecord,
  event: unknown,
  actor: Actor,
  input: unknown,
  now: Date,
  storage: { env: string },
): Result<TransitionOutput> {
  if (!(ORDER_EVENTS as readonly unknown[]).includes(event))
    return fail('INVALID_INPUT', '不支持的订单操作')
  const orderEvent = event as OrderEvent
  if (actor.role !== 'system' && !actor.openid) return fail('UNAUTHENTICATED')
  const verdict = can(order, orderEvent, actor.role, { openid: actor.openid ?? undefined, now })
  if (!verdict.ok) return fail(verdict.code, verdict.reason)
  const parsed = parseEventInput(orderEvent, input, {
    order,
    now,
    role: actor.role,
    scope: storage,
  })
  if (!parsed.ok) return parsed
  if (parsed.data.event === 'pay' && !paidPartOf(order, parsed.data.input.outTradeNo))
    return fail('INVALID_TRANSITION', '这笔付款不是订单待付的款项')

  const next = nextRecord(order, verdict.to, parsed.data, now)
  if (next.node === 'cancelled' && order.node !== 'cancelled') {
    const by = { role: actor.role, openid: actor.openid ?? null }
    const reason = cancelReason(orderEvent, order)
    next.payment = paymentOnCancel(order.payment, order.orderNo, reason, now, by)
    if (order.balance) next.balance = paymentOnCancel(order.balance, order.orderNo, reason, now, by)
  }
  next.timeline = [
    ...order.timeline,
    {
      node: next.node,
      event: orderEvent,
      at: now,
      actorRole: actor.role,
      note: parsed.data.input.note || timelineNote(parsed.data, order, next),
      photos: parsed.data.input.photos,
    },
  ]
  const choice = order.exception?.choice?.remedy
  const coupon = order.exception?.offered.find((offer) => offer.type === 'coupon')
  const grant =
    orderEvent === 'resolve_exception' &&
    choice === 'coupon' &&
    coupon?.type === 'coupon' &&
    order.exception
      ? issueRemedyCoupon({
          ownerOpenid: order.ownerOpenid,
          amountFen: coupon.amountFen,
          orderId: order._id,
          orderNo: order.orderNo,
          exceptionId: order.exception.id,
          now,
        })
      : null
  const couponReturn =
    next.node === 'cancelled' && order.coupon && COUPON_RETURN_NODES.includes(order.node)
      ? { couponId: order.coupon.couponId }
      : null
  const batchLeave =
    next.node === 'cancelled' && order.batchId && ['submitted', 'confirmed'].includes(order.node)
      ? { batchId: order.batchId, quantity: order.selection.quantity }
      : null
  const urgentRelease =
    next.node === 'cancelled' && order.node !== 'cancelled' ? urgentReleaseOf(order, now) : null
  // A later promised date is told before the customer has to ask, unless this event's own
  // message already carries the new date (production started on a filled batch).
  // A rework's date starts a new promise, told by the after-sales message, not a delay.
  const delayed =
    next.eta > order.eta && !FINAL_NODES.includes(next.node) && orderEvent !== 'rework'
  const openedBalance = orderEvent === 'batch_reached' && next.node === order.node
  const purpose =
    (openedBalance ? NOTIFICATION_PURPOSES.balanceDue : PURPOSE_OF[orderEvent]) ??
    (delayed ? NOTIFICATION_PURPOSES.orderDelayed : undefined) ??
    (askDeliveryWindow(order, orderEvent) ? NOTIFICATION_PURPOSES.deliveryWindow : undefined)
  const delay = delayed
    ? { previousEta: order.eta, reason: next.etaHistory[next.etaHistory.length - 1]?.reason ?? '' }
    : null
  return ok({
    order: next,
    audit: {
      orderId: order._id,
      orderNo: order.orderNo,
      event: orderEvent,
      from: order.node,
      to: next.node,
      actorRole: actor.role,
      actorOpenid: actor.openid,
      at: now,
      version: next.version,
      note: parsed.data.input.note,
      detail: auditDetail(parsed.data, choice),
    },
    notification: purpose ? notify(next, purpose, now, delay, moneyOf(order, next)) : null,
    grant,
    couponReturn,
    batchLeave,
    urgentRelease,
  })
}

/** Quality check is the last stop before shipping: ask when to deliver, unless already chosen. */
const askDeliveryWindow = (order: OrderRecord, event: OrderEvent) =>
  event === 'start_quality_check' && !order.deliveryWindow

function nextRecord(
  order: OrderRecord,
  to: OrderRecord['node'],
  parsed: EventInput,
  now: Date,
): OrderRecord {
  const { event } = parsed
  const next: OrderRecord = { ...order, node: to, version: order.version + 1, updatedAt: now }
  // The reworked item reached the customer again: the rework, and so its request, is over.
  if (order.rework && order.node === 'shipped' && to !== 'shipped') {
    next.rework = null
    if (order.afterSalesOpen === order.rework.afterSalesId) next.afterSalesOpen = null
  }
  const revise = (eta: string, reason: string) => {
    next.eta = eta
    next.etaHistory = [...order.etaHistory, { eta, at: now, event, reason }]
  }
  const close = (resolution: ResolvedException['resolution']) => {
    if (!order.exception) return
    next.exception = null
    next.exceptionHistory = [
      ...order.exceptionHistory,
      { ...order.exception, resolvedAt: now, resolution },
    ]
  }
  switch (parsed.event) {
    case 'ship':
      next.shipping = {
        carrier: parsed.input.carrier,
        trackingNo: parsed.input.trackingNo,
        shippedAt: now,
      }
      break
    case 'set_eta':
      revise(parsed.input.eta, parsed.input.note || '商家调整了预计完成日期')
      break
    case 'batch_reached':
      if (to === order.node) next.balance = newBalance(order, now)
      else revise(addDays(chinaDateOf(now), order.quote.leadDays), '拼单成团，开始制作')
      break
    case 'flag_exception':
      next.exception = {
        id: `exc_${next.version}`,
        kind: parsed.input.kind,
        note: parsed.input.note,
        photos: parsed.input.photos,
        offered: parsed.input.offered,
        flaggedAt: now,
        choice: null,
      }
      break
    case 'choose_remedy':
      if (order.exception)
        next.exception = { ...order.exception, choice: { remedy: parsed.input.remedy, at: now } }
      break
    case 'resolve_exception': {
      const choice = order.exception?.choice?.remedy
      const wait = order.exception?.offered.find((offer) => offer.type === 'wait_new_eta')
      // A coupon compensates for the delay; it does not undo it, so the new date applies too.
      if ((choice === 'wait_new_eta' || choice === 'coupon') && wait?.type === 'wait_new_eta')
        revise(
          wait.newEta,
          choice === 'coupon'
            ? '异常处理：领取补偿券，按新的日期完成'
            : '异常处理：等待新的完成日期',
        )
      if (choice) close(choice)
      break
    }
    case 'cancel':
    case 'expire':
      close('order_cancelled')
      break
    case 'choose_delivery_window':
      next.deliveryWindow = { kind: parsed.input.kind, date: parsed.input.date, chosenAt: now }
      break
    case 'rework':
      next.rework = {
        afterSalesId: order.afterSalesOpen ?? '',
        kind: parsed.input.kind,
        startedAt: now,
      }
      revise(parsed.input.eta, `售后返工：${parsed.input.note}`)
      break
    case 'pay': {
      const target = paidPartOf(order, parsed.input.outTradeNo)
      if (target)
        Object.assign(
          next,
          withPaymentPart(
            next,
            markPaid(target, {
              outTradeNo: parsed.input.outTradeNo,
              transactionId: parsed.input.transactionId,
              paidAt: now,
            }),
          ),
        )
      break
    }
  }
  return next
}

/** The unpaid payment a confirmed trade pays (its number names the part), or null. */
function paidPartOf(order: OrderRecord, outTradeNo: string) {
  const parsed = parseTradeNo(outTradeNo, 'P')
  const target = parsed && paymentPartOf(order, parsed.part)
  return target?.state === 'unpaid' ? target : null
}

/** The payment a message about this event names: the 尾款 when it was opened or paid. */
function moneyOf(before: OrderRecord, after: OrderRecord) {
  const balance = after.balance
  const touched = balance && (!before.balance || before.balance.state !== balance.state)
  return touched ? balance : after.payment
}

const isBalanceDue = (order: OrderRecord) => order.balance?.state === 'unpaid'

/** What the customer reads on the timeline when the event carries no note of its own. */
function timelineNote(parsed: EventInput, before: OrderRecord, after: OrderRecord): string {
  if (parsed.event === 'choose_remedy') return `已选择：${REMEDY_LABELS[parsed.input.remedy]}`
  if (parsed.event === 'pay') {
    if (before.balance?.state === 'unpaid' && after.balance?.state === 'paid') return '已付尾款'
    return depositFenOf(after) === null ? '已付款' : '已付定金'
  }
  if (parsed.event === 'batch_reached' && after.balance && !before.balance)
    return `已成团，请在 ${formatChinaTime(after.balance.dueBy, 'MM-DD HH:mm')} 前支付尾款 ${formatFen(after.balance.amountFen)}`
  if (parsed.event === 'expire')
    return isBalanceDue(before)
      ? '超时未付尾款，订单已自动取消，定金原路退回'
      : '超时未付款，订单已自动取消'
  if (parsed.event === 'choose_delivery_window')
    return `送货时间：${deliveryWindowText(parsed.input)}`
  return ''
}

/** Why a cancelled order's payment is refunded, as the refund carries it to WeChat. */
function cancelReason(event: OrderEvent, order: OrderRecord): string {
  if (event === 'resolve_exception') return '订单异常，按顾客选择取消'
  if (event === 'expire') return isBalanceDue(order) ? '超时未付尾款' : '超时未付款'
  return '订单取消'
}

function auditDetail(
  { event, input }: EventInput,
  choice: string | undefined,
): Record<string, unknown> {
  const { note: _note, photos, ...rest } = input
  const detail: Record<string, unknown> = { ...rest, photoCount: photos.length }
  if (event === 'resolve_exception') detail.applied = choice
  return detail
}

function notify(
  order: OrderRecord,
  purpose: NotificationPurpose,
  now: Date,
  delay: OrderNotification['delay'],
  money: { amountFen: number; dueBy: Date },
): OrderNotification {
  return {
    amountFen: money.amountFen,
    ...(purpose === NOTIFICATION_PURPOSES.balanceDue ? { dueBy: money.dueBy } : {}),
    purpose,
    toOpenid: order.ownerOpenid,
    orderId: order._id,
    orderNo: order.orderNo,
    productName: order.productSnapshot.name,
    node: order.node,
    eta: order.eta,
    at: now,
    shipping: order.shipping
      ? { carrier: order.shipping.carrier, trackingNo: order.shipping.trackingNo }
      : null,
    delay,
  }
}

/**
 * The audit row of a refund the merchant asked for, written with it: who, when, how much, why and
 * WeChat's number for it. The order's node and version do not move (refunds are not transitions).
 */
export function refundAudit(
  order: Pick<OrderRecord, '_id' | 'orderNo' | 'node' | 'version'>,
  refund: OrderRefund,
  now: Date,
): AuditEvent {
  const by = refund.requestedBy ?? { role: 'system', openid: null }
  return {
    orderId: order._id,
    orderNo: order.orderNo,
    event: REFUND_AUDIT_EVENT,
    from: order.node,
    to: order.node,
    actorRole: by.role,
    actorOpenid: by.openid,
    at: now,
    version: order.version,
    note: refund.reason,
    detail: {
      outRefundNo: refund.outRefundNo,
      amountFen: refund.amountFen,
      reason: refund.reason,
      requestId: refund.requestId ?? null,
    },
  }
}
