// Customer service chat (issue 17): WeChat pushes each message a customer sends in the 客服 chat,
// and the enter-session event, to a cloud function as JSON (云函数接收消息推送; fields as in
// 接收消息和事件: ToUserName, FromUserName, CreateTime in seconds, MsgType text / image /
// miniprogrampage / event, Content, PicUrl, MediaId, Title, AppId, PagePath (「小程序页面路径」),
// ThumbUrl, ThumbMediaId, MsgId, Event user_enter_tempsession with SessionFrom). Here: what a push is, which texts ask about
// progress, and what the automatic answer says. Not verified: WeChat's length limit of an
// inbound or outbound text; the bounds below are our own and conservative.
import { orderNoFromSessionFrom } from './contact'
import { NODE_LABELS } from './order-labels'
import type { OrderNode } from './order-types'

export type CsMessage =
  | { type: 'text'; text: string }
  | { type: 'image'; picUrl: string; mediaId: string }
  | { type: 'card'; title: string; pagePath: string }
  | { type: 'enter'; sessionFrom: string }

export interface CsPush {
  /** The customer's OPENID (FromUserName). */
  openid: string
  /** The mini program's original id (ToUserName): the sender of a passive answer. */
  appUser: string
  at: Date
  /**
   * What makes a push unique across WeChat's retries: MsgId for messages; events carry none, so
   * the customer, CreateTime and event name (WeChat retries with the same CreateTime).
   */
  key: string
  message: CsMessage
}

/** Longest text we store; a customer's message is short, anything longer is refused. */
export const MAX_INBOUND_TEXT = 2000
/** Longest reply a merchant types in 客服消息. */
export const MAX_MERCHANT_REPLY = 500
/** Longest automatic answer (WeChat's own cap for a 客服 text is not documented where we looked). */
export const MAX_REPLY_TEXT = 600
/** WeChat lets a mini program answer in the 客服 chat for 48 hours after the customer's last message. */
export const REPLY_WINDOW_MS = 48 * 60 * 60 * 1000
/** Sent once per customer per 48 hours when a message is handed to the human agents. */
export const HANDOVER_REPLY = '已转人工客服，工作时间内会尽快回复'
export const ENTER_EVENT = 'user_enter_tempsession'

const MAX_FIELD = 1000
const OPENID = /^[A-Za-z0-9_-]{1,64}$/

function text(value: unknown, max = MAX_FIELD): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : null
}

function parseMessage(event: Record<string, unknown>): CsMessage | null {
  switch (event.MsgType) {
    case 'text': {
      const content = text(event.Content, MAX_INBOUND_TEXT)
      return content === null ? null : { type: 'text', text: content }
    }
    case 'image': {
      const picUrl = text(event.PicUrl)
      const mediaId = text(event.MediaId)
      return picUrl && mediaId ? { type: 'image', picUrl, mediaId } : null
    }
    case 'miniprogrampage': {
      const title = text(event.Title) ?? ''
      const pagePath = text(event.PagePath)
      return pagePath ? { type: 'card', title, pagePath } : null
    }
    case 'event': {
      if (event.Event !== ENTER_EVENT) return null
      const sessionFrom = typeof event.SessionFrom === 'string' ? event.SessionFrom : ''
      return sessionFrom.length <= MAX_FIELD ? { type: 'enter', sessionFrom } : null
    }
    default:
      return null
  }
}

/** A push as WeChat sends it, or null for anything else (stored nothing, answered nothing). */
export function parsePush(event: unknown): CsPush | null {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return null
  const fields = event as Record<string, unknown>
  const openid = typeof fields.FromUserName === 'string' ? fields.FromUserName : ''
  const seconds = fields.CreateTime
  if (!OPENID.test(openid)) return null
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0) return null
  const message = parseMessage(fields)
  if (message === null) return null
  let key: string
  if (message.type === 'enter') key = `${openid}_${seconds}_${ENTER_EVENT}`
  else {
    // MsgId is a 64-bit integer in the docs' JSON: a string keeps all its digits.
    const msgId = fields.MsgId
    if (typeof msgId === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(msgId)) key = msgId
    else if (typeof msgId === 'number' && Number.isSafeInteger(msgId) && msgId > 0)
      key = String(msgId)
    else return null
  }
  const appUser = typeof fields.ToUserName === 'string' ? fields.ToUserName : ''
  return { openid, appUser, at: new Date(seconds * 1000), key, message }
}

/**
 * The passive answer that hands the customer's message to the shop's human agents (网页版客服工具
 * / 客服小助手), per 转发客服消息 (customer-message/trans): returned by the push function instead
 * of 'success', for customers' messages only, never for events.
 */
export interface TransferToAgents {
  MsgType: 'transfer_customer_service'
  ToUserName: string
  FromUserName: string
  CreateTime: number
}

export function transferToAgents(push: CsPush, now: Date): TransferToAgents {
  return {
    MsgType: 'transfer_customer_service',
    ToUserName: push.openid,
    FromUserName: push.appUser,
    CreateTime: Math.floor(now.getTime() / 1000),
  }
}

/** The order number an enter-session event names in its SessionFrom (联系客服 on an order). */
export function sessionOrderNo(message: CsMessage): string | null {
  return message.type === 'enter' ? orderNoFromSessionFrom(message.sessionFrom) : null
}

const PROGRESS_WORDS = [
  '到哪',
  '什么时候到',
  '啥时候到',
  '何时到',
  '几时到',
  '进度',
  '发货了吗',
  '发货没',
  '发了吗',
  '物流',
  '快递',
  '做好了吗',
  '好了没',
]

/** Does this text ask where the order is or when it arrives? */
export function isProgressQuestion(message: CsMessage): boolean {
  if (message.type !== 'text') return false
  const compact = message.text.replace(/\s+/g, '')
  return PROGRESS_WORDS.some((word) => compact.includes(word))
}

/** What the automatic answer needs of an order. */
export interface ProgressOrder {
  orderNo: string
  productName: string
  node: OrderNode
  /** China date YYYY-MM-DD. */
  eta: string
  shipping: { carrier: string; trackingNo: string } | null
  /** An open exception stops progress until the merchant resolves it. */
  hasException: boolean
}

function etaLabel(eta: string): string {
  const [, month, day] = eta.split('-').map(Number)
  return month && day ? `${month}月${day}日` : eta
}

/** The automatic answer to a progress question: node, ETA, tracking once shipped. */
export function progressAnswer(order: ProgressOrder): string {
  const lines = [`订单 ${order.orderNo}（${order.productName}）当前：${NODE_LABELS[order.node]}`]
  if (order.node === 'cancelled' || order.node === 'completed') {
    // Nothing is on its way: no ETA to give.
  } else if (order.node === 'delivered') {
    lines.push('已签收，如有问题可在订单页申请售后')
  } else if (order.shipping) {
    lines.push(`${order.shipping.carrier} 运单号 ${order.shipping.trackingNo}`)
  } else {
    lines.push(`预计 ${etaLabel(order.eta)} 完成`)
  }
  if (order.hasException) lines.push('订单遇到异常，请在订单页查看处理方式')
  const answer = lines.join('\n')
  return answer.length <= MAX_REPLY_TEXT ? answer : `${answer.slice(0, MAX_REPLY_TEXT - 1)}…`
}

/** May the mini program still answer in this chat? (48 hours since the customer's last message) */
export function withinReplyWindow(lastCustomerMessageAt: Date, now: Date): boolean {
  const elapsed = now.getTime() - lastCustomerMessageAt.getTime()
  return elapsed <= REPLY_WINDOW_MS
}

/**
 * Who answers a stored message: the automatic answer went out, a person must, or nobody (events,
 * and a merchant's own reply); a reply not confirmed sent stays 'sending'.
 */
export type CsHandling = 'auto_answered' | 'human' | 'none' | 'sending'

/** A row of `cs_messages`. */
export interface CsMessageRecord {
  /** MsgId, or CsPush.key for events; `reply_<requestId>` for a merchant's reply. */
  _id: string
  openid: string
  /** 'reply': a merchant's answer from the 客服消息 page (text = what was sent). */
  type: CsMessage['type'] | 'reply'
  /** The text, the card's title, or the session's SessionFrom; '' for an image. */
  text: string
  picUrl: string | null
  pagePath: string | null
  orderId: string | null
  orderNo: string | null
  at: Date
  handling: CsHandling
  /** The automatic answer as sent, when there was one. */
  reply: string | null
  /** WeChat's errcode when the automatic answer failed (it then waits for a human). */
  replyError: number | null
}

/** A row of `cs_sessions`, `_id` = the customer's OPENID. */
export interface CsSessionRecord {
  _id: string
  orderId: string | null
  orderNo: string | null
  /** When the latest enter event or message named or carried that order (absent on older rows). */
  orderAt?: Date | null
  /** The customer's last message or enter event: the 48-hour window runs from here. */
  lastMessageAt: Date
  lastText: string
  /** A message no automatic answer covered: the merchant owes a reply. */
  waitingHuman: boolean
  /** When HANDOVER_REPLY was last claimed for this customer (absent on older rows). */
  handoverAt?: Date | null
}

/** What the session row stores for a message's text column. */
export function messageText(message: CsMessage): string {
  switch (message.type) {
    case 'text':
      return message.text
    case 'card':
      return message.title
    case 'enter':
      return message.sessionFrom
    case 'image':
      return ''
  }
}

/** How a message is handled before any send: progress questions with an order get an answer. */
export function handlingFor(message: CsMessage, hasOrder: boolean): CsHandling {
  if (message.type === 'enter') return 'none'
  return isProgressQuestion(message) && hasOrder ? 'auto_answered' : 'human'
}
