// The 客服 chat's memory (issue 17): which order a message is about, what the chat row becomes
// after a message, and when the customer is told their message went to a person. Pure: the
// service function runs these inside the transaction that stores the message.
import { orderIdFromCardPath, orderNoFromSessionFrom } from './contact'
import {
  REPLY_WINDOW_MS,
  withinReplyWindow,
  type CsHandling,
  type CsMessage,
  type CsMessageRecord,
  type CsSessionRecord,
} from './customer-service'

/** A chat's order stays its order for 48 hours, like the reply window; later the chat starts afresh. */
export const SESSION_ORDER_MS = REPLY_WINDOW_MS

/**
 * Where a message's order comes from: an enter event's SessionFrom (none when it names no order),
 * a card of our order page, or else the chat's order. The cloud attaches a named order only when
 * the sender owns it.
 */
export type OrderSource =
  | { kind: 'order_no'; orderNo: string }
  | { kind: 'order_id'; orderId: string }
  | { kind: 'none' }
  | { kind: 'session' }

export function orderSource(message: CsMessage): OrderSource {
  if (message.type === 'enter') {
    const orderNo = orderNoFromSessionFrom(message.sessionFrom)
    return orderNo ? { kind: 'order_no', orderNo } : { kind: 'none' }
  }
  const orderId = message.type === 'card' ? orderIdFromCardPath(message.pagePath) : null
  return orderId ? { kind: 'order_id', orderId } : { kind: 'session' }
}

const time = (at: Date | string) => new Date(at).getTime()

/**
 * The chat's order for a message at `at`: the order of the latest enter event or message that
 * carried one, if that was within 48 hours; else null (the cloud then takes the newest order in
 * progress).
 */
export function sessionOrderId(session: CsSessionRecord | null, at: Date): string | null {
  if (!session?.orderId) return null
  const since = session.orderAt ?? session.lastMessageAt
  return time(at) - time(since) <= SESSION_ORDER_MS ? session.orderId : null
}

/**
 * Does this message earn the customer HANDOVER_REPLY? Only a message handed to the agents, while
 * WeChat still lets us answer (the push may arrive late), and once per 48 hours per customer.
 */
export function owesHandoverReply(
  planned: CsHandling,
  at: Date,
  lastHandoverAt: Date | null | undefined,
  now: Date,
): boolean {
  if (planned !== 'human' || !withinReplyWindow(at, now)) return false
  return !lastHandoverAt || time(at) - time(lastHandoverAt) > REPLY_WINDOW_MS
}

/**
 * The chat after a stored message or enter event. An enter event sets the chat's order (clears it
 * when it names none); a message carrying an order renews it; a message without one keeps it.
 * A push older than the chat's order (WeChat's retries interleave) never overrides it.
 */
export function nextSession(
  earlier: CsSessionRecord | null,
  record: CsMessageRecord,
  handoverClaimed: boolean,
): CsSessionRecord {
  const orderAt = earlier?.orderAt ?? null
  const newer = orderAt === null || time(record.at) >= time(orderAt)
  const setsOrder = newer && (record.type === 'enter' || record.orderId !== null)
  const lastMessageAt =
    earlier && time(earlier.lastMessageAt) > time(record.at) ? earlier.lastMessageAt : record.at
  return {
    _id: record.openid,
    orderId: setsOrder ? record.orderId : (earlier?.orderId ?? null),
    orderNo: setsOrder ? record.orderNo : (earlier?.orderNo ?? null),
    orderAt: setsOrder ? record.at : orderAt,
    lastMessageAt,
    lastText: record.type === 'enter' ? (earlier?.lastText ?? '') : record.text || '[图片]',
    waitingHuman: (earlier?.waitingHuman ?? false) || record.handling === 'human',
    handoverAt: handoverClaimed ? record.at : (earlier?.handoverAt ?? null),
  }
}
