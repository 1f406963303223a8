// The merchant's 客服 inbox (merchant.csInbox): each customer's chat, newest first, with its
// order, its latest messages and who answers each one.
import type { CsHandling, CsMessageRecord, CsSessionRecord } from './customer-service'

export interface CsMessageView {
  id: string
  type: CsMessageRecord['type']
  text: string
  at: Date
  handling: CsHandling
  /** The automatic answer as sent. */
  reply: string | null
  /** WeChat's errcode when the automatic answer or a merchant's reply was not sent. */
  replyError: number | null
  /**
   * The order shown beside the message: a card's or an image's, or any message's about another
   * order than the chat's (the chat's own order is shown once, above).
   */
  order: { id: string; no: string } | null
}

export interface CsSessionView {
  /** The customer's OPENID, for a reply from the page (never shown whole). */
  openid: string
  /** How the page names the customer: the OPENID's last characters. */
  customer: string
  orderId: string | null
  orderNo: string | null
  lastMessageAt: Date
  waitingHuman: boolean
  /** The latest messages, oldest first (as a chat reads). */
  messages: CsMessageView[]
}

/** Messages shown per chat. */
export const CS_MESSAGES_PER_SESSION = 5

export const HANDLING_LABELS: Record<CsHandling, string> = {
  auto_answered: '已自动回复',
  human: '待人工回复',
  none: '',
  sending: '发送结果未知',
}

export function customerLabel(openid: string): string {
  return `顾客 ·${openid.slice(-4)}`
}

function shownOrder(message: CsMessageRecord, chatOrderId: string | null) {
  if (!message.orderId || !message.orderNo) return null
  const ownOrder = message.type === 'card' || message.type === 'image'
  return ownOrder || message.orderId !== chatOrderId
    ? { id: message.orderId, no: message.orderNo }
    : null
}

export function csMessageView(
  message: CsMessageRecord,
  chatOrderId: string | null = null,
): CsMessageView {
  return {
    id: message._id,
    type: message.type,
    text: message.type === 'image' ? '[图片]' : message.text,
    at: message.at,
    handling: message.handling,
    reply: message.reply,
    replyError: message.replyError,
    order: shownOrder(message, chatOrderId),
  }
}

/** One chat's view from its session row and its newest messages (any order). */
export function csSessionView(session: CsSessionRecord, newest: CsMessageRecord[]): CsSessionView {
  const messages = [...newest]
    .filter((message) => message.type !== 'enter')
    .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
    .slice(-CS_MESSAGES_PER_SESSION)
    .map((message) => csMessageView(message, session.orderId))
  return {
    openid: session._id,
    customer: customerLabel(session._id),
    orderId: session.orderId,
    orderNo: session.orderNo,
    lastMessageAt: session.lastMessageAt,
    waitingHuman: session.waitingHuman,
    messages,
  }
}
