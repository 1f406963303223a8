// What a queued message is: the draft a state change hands to the outbox, the outbox row the
// notifier works on, and the draft for an order's notification. The row's id derives from the
// draft's key, so queueing the same (subject, node, user) twice can never make a second row.
import { EXCEPTION_KIND_LABELS } from './order-labels'
import type { OrderNotification, OrderRecord } from './order-types'
import type { FieldValue } from './message-format'
import type { HoldReason, MessagePurpose, OutboxStatus } from './messages'
import { MESSAGE_CONFIG } from './message-templates'
import { variantOf } from './message-variants'

export interface MessageDraft {
  purpose: MessagePurpose
  toOpenid: string
  /** Unique per (subject, node, user), e.g. `order:${orderId}:${node}:v${version}`. */
  key: string
  /** The page the message opens, e.g. pages/order/index?id=… */
  page: string
  /** Raw values by name (config/message-templates.json `value`); formatted at send time. */
  values: Record<string, FieldValue>
}

/** One row of `notification_queue` (the outbox). */
export interface OutboxRecord {
  _id: string
  key: string
  purpose: MessagePurpose
  toOpenid: string
  page: string
  values: Record<string, FieldValue>
  /** The order it is about, for the order page's message list; null for other subjects. */
  orderId: string | null
  orderNo: string | null
  status: OutboxStatus
  /** Sends tried so far. */
  attempts: number
  /** pending/retry: due time; sending: when the claim's lease runs out. */
  nextAttemptAt: Date
  /** The claim that may record this send's outcome (set when claimed). */
  claimId: string | null
  /** The credit was spent (once per message, never again on retries). */
  creditSpent: boolean
  errcode: number | null
  reason: string
  /** Why it is held (null otherwise, and on rows held before this was stored). */
  holdReason?: HoldReason | null
  /** The A/B variant it was sent as (message-variants.ts); absent outside an experiment. */
  variant?: string
  /** Waited once for the customer's learned hour (send-time.ts); never waits again. */
  waitedForHour?: boolean
  /** Held because a send was interrupted with its outcome unknown (never resent blindly). */
  uncertain?: boolean
  createdAt: Date
  updatedAt: Date
  sentAt: Date | null
  deadAt: Date | null
  /** The customer opened the sent message's page (message.opened; absent until then). */
  opened?: boolean
  openedAt?: Date | null
}

/** A stable, short document id for a key (FNV-1a, 64 bits as two 32-bit halves). */
export function outboxIdOf(key: string): string {
  let low = 0x811c9dc5
  let high = 0xcbf29ce4
  for (let index = 0; index < key.length; index += 1) {
    const code = key.charCodeAt(index)
    low = Math.imul(low ^ code, 0x01000193) >>> 0
    high = Math.imul(high ^ code ^ (low & 0xff), 0x01000193) >>> 0
  }
  return `msg_${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}`
}

export function newOutboxRecord(draft: MessageDraft, now: Date): OutboxRecord {
  const variant = variantOf(MESSAGE_CONFIG.experiments ?? {}, draft.purpose, draft.toOpenid)
  const orderId = typeof draft.values.orderId === 'string' ? draft.values.orderId : null
  const orderNo = typeof draft.values.orderNo === 'string' ? draft.values.orderNo : null
  return {
    _id: outboxIdOf(draft.key),
    key: draft.key,
    purpose: draft.purpose,
    toOpenid: draft.toOpenid,
    page: draft.page,
    values: variant?.values ? { ...draft.values, ...variant.values } : draft.values,
    ...(variant ? { variant: variant.key } : {}),
    orderId,
    orderNo,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    claimId: null,
    creditSpent: false,
    errcode: null,
    reason: '',
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    deadAt: null,
  }
}

/** What the delivery_window message asks of the customer (a thing field: 20 characters). */
export const DELIVERY_WINDOW_TIP = '请在订单页选择方便收货的时间'

const TIPS: Partial<Record<OrderNotification['purpose'], string>> = {
  delivery_window: DELIVERY_WINDOW_TIP,
  balance_due: '已成团，逾期未付订单将取消并退定金',
}

export const orderPage = (orderId: string) => `pages/order/index?id=${orderId}`

export function orderMessageKey(order: Pick<OrderRecord, '_id' | 'node' | 'version'>): string {
  return `order:${order._id}:${order.node}:v${order.version}`
}

/** The draft for a transition's notification; `order` is the order after the transition. */
export function orderMessageDraft(
  notification: OrderNotification,
  order: OrderRecord,
): MessageDraft {
  const exception = order.exception
  return {
    purpose: notification.purpose,
    toOpenid: notification.toOpenid,
    key: orderMessageKey(order),
    page: orderPage(order._id),
    values: {
      orderId: order._id,
      orderNo: notification.orderNo,
      productName: notification.productName,
      status: notification.purpose === 'exception_needs_choice' ? 'exception' : notification.node,
      // What the customer pays (or paid), which a discount may make less than the price.
      amountFen: notification.amountFen ?? order.payment.amountFen,
      dueBy: notification.dueBy ?? null,
      eta: notification.eta,
      at: notification.at,
      carrier: notification.shipping?.carrier ?? null,
      trackingNo: notification.shipping?.trackingNo ?? null,
      previousEta: notification.delay?.previousEta ?? null,
      tip: TIPS[notification.purpose] ?? null,
      reason: notification.delay
        ? notification.delay.reason
        : exception
          ? exception.note || EXCEPTION_KIND_LABELS[exception.kind]
          : null,
    },
  }
}
