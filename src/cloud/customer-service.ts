// The 客服 chat's storage and its automatic answers (issue 17). Per push, in this order:
//   1. find the order: the one an enter event's SessionFrom or a card of our order page names
//      (only if the customer owns it, else none), else the chat's order of the last 48 hours,
//      else the customer's newest order in progress.
//   2. claim — one transaction: if the push's key (MsgId) is already stored, stop (WeChat retried);
//      else store the message and update the chat. A progress question is stored as waiting for a
//      human until its answer is confirmed sent. A message for a person claims the hand-over text
//      in the chat row (handoverAt) at most once per 48 hours: concurrent pushes write that row,
//      so one transaction wins and the other re-reads it.
//   3. send — customerServiceMessage.send, outside the transaction, at most once per claim (WeChat
//      has no idempotency key); 4. record the outcome. A crash between 2 and 4 leaves the message
//      to a human, never answered twice.
import * as cloud from 'wx-server-sdk'
import { nextSession, orderSource, owesHandoverReply, sessionOrderId } from '../domain/cs-session'
import {
  HANDOVER_REPLY,
  handlingFor,
  messageText,
  progressAnswer,
  withinReplyWindow,
  type CsHandling,
  type CsMessageRecord,
  type CsPush,
  type CsSessionRecord,
} from '../domain/customer-service'
import { COLLECTIONS } from '../domain/names'
import { FINAL_NODES, type OrderRecord } from '../domain/order-types'
import { fail, ok, type Result } from '../domain/result'
import { command, db, inTransaction, readDoc, readList, withoutId } from './database'

// Not imported from ./orders: that module would triple the service function's bundle (19 -> 61 KB).
const orders = () => db.collection(COLLECTIONS.orders)
async function ownedOrderByNo(orderNo: string, openid: string): Promise<OrderRecord | null> {
  const [order] = await readList<OrderRecord>(
    orders().where({ orderNo, ownerOpenid: openid }).limit(1),
  )
  return order ?? null
}

async function ownedOrderById(orderId: string, openid: string): Promise<OrderRecord | null> {
  const order = await readDoc<OrderRecord>(orders().doc(orderId))
  return order && order.ownerOpenid === openid ? order : null
}

async function newestOrderInProgress(openid: string): Promise<OrderRecord | null> {
  const [order] = await readList<OrderRecord>(
    orders()
      .where({ ownerOpenid: openid, node: command.nin([...FINAL_NODES]) })
      .orderBy('createdAt', 'desc')
      .limit(1),
  )
  return order ?? null
}

/** The order this push is about (step 1); null when the customer has none to talk about. */
async function orderOf(push: CsPush): Promise<OrderRecord | null> {
  const source = orderSource(push.message)
  if (source.kind === 'order_no') return ownedOrderByNo(source.orderNo, push.openid)
  if (source.kind === 'order_id') return ownedOrderById(source.orderId, push.openid)
  if (source.kind === 'none') return null
  const session = await readDoc<CsSessionRecord>(
    db.collection(COLLECTIONS.csSessions).doc(push.openid),
  )
  const chatOrderId = sessionOrderId(session, push.at)
  if (chatOrderId) {
    const order = await ownedOrderById(chatOrderId, push.openid)
    if (order) return order
  }
  return newestOrderInProgress(push.openid)
}

interface Claim {
  claimed: boolean
  wasWaiting: boolean
  /** This message claimed the chat's hand-over text: send it. */
  handover: boolean
}

/** Step 2: stores the message once; claimed false when this key was stored before (a retry). */
async function claim(record: CsMessageRecord, planned: CsHandling, now: Date): Promise<Claim> {
  return inTransaction(async (transaction) => {
    const messageRef = transaction.collection(COLLECTIONS.csMessages).doc(record._id)
    if (await readDoc<CsMessageRecord>(messageRef))
      return { claimed: false, wasWaiting: false, handover: false }
    const sessionRef = transaction.collection(COLLECTIONS.csSessions).doc(record.openid)
    const earlier = await readDoc<CsSessionRecord>(sessionRef)
    const handover = owesHandoverReply(planned, record.at, earlier?.handoverAt, now)
    await messageRef.set({ data: withoutId(record) })
    await sessionRef.set({ data: withoutId(nextSession(earlier, record, handover)) })
    return { claimed: true, wasWaiting: earlier?.waitingHuman ?? false, handover }
  })
}

/**
 * Stores one push, answers a progress question, tells a customer handed to a person so (once per
 * 48 hours); returns who handles the message (a repeat: as planned, nothing sent).
 */
export async function handlePush(push: CsPush, now: Date): Promise<CsHandling> {
  const order = await orderOf(push)
  const planned = handlingFor(push.message, order !== null)
  const record: CsMessageRecord = {
    _id: push.key,
    openid: push.openid,
    type: push.message.type,
    text: messageText(push.message),
    picUrl: push.message.type === 'image' ? push.message.picUrl : null,
    pagePath: push.message.type === 'card' ? push.message.pagePath : null,
    orderId: order?._id ?? null,
    orderNo: order?.orderNo ?? null,
    at: push.at,
    handling: planned === 'auto_answered' ? 'human' : planned,
    reply: null,
    replyError: null,
  }
  const { claimed, wasWaiting, handover } = await claim(record, planned, now)
  // A repeat (WeChat retries when our answer was lost) is handled as planned again, sending nothing.
  if (!claimed) return planned
  if (handover)
    await recordReply(record._id, HANDOVER_REPLY, await sendText(push.openid, HANDOVER_REPLY))
  if (planned !== 'auto_answered' || !order) return planned
  if (!withinReplyWindow(push.at, now)) return 'human'
  const reply = progressAnswer({
    orderNo: order.orderNo,
    productName: order.productSnapshot.name,
    node: order.node,
    eta: order.eta,
    shipping: order.shipping,
    hasException: order.exception !== null,
  })
  const errcode = await sendText(push.openid, reply)
  const handling: CsHandling = errcode === 0 ? 'auto_answered' : 'human'
  await recordReply(record._id, reply, errcode, handling)
  if (handling === 'auto_answered')
    await db
      .collection(COLLECTIONS.csSessions)
      .doc(push.openid)
      .update({ data: { waitingHuman: wasWaiting } })
  return handling
}

/** Step 4: the automatic text as sent on the message's row, with WeChat's errcode if refused. */
async function recordReply(
  messageId: string,
  reply: string,
  errcode: number,
  handling?: CsHandling,
): Promise<void> {
  await db
    .collection(COLLECTIONS.csMessages)
    .doc(messageId)
    .update({
      data: { ...(handling && { handling }), reply, replyError: errcode === 0 ? null : errcode },
    })
}

/** What a merchant's reply did: the stored row, or the earlier one for a repeated requestId. */
export type ReplyOutcome = Result<{ message: CsMessageRecord; repeated: boolean }>

/**
 * A merchant's reply, in the same order as a push: claim `reply_<requestId>` in a transaction
 * that re-reads the chat and checks the 48-hour window, send after the commit, record the outcome.
 * A repeated requestId sends nothing; a crash before the record leaves the row 'sending'.
 */
export async function replyInChat(
  openid: string,
  text: string,
  requestId: string,
  now: Date,
): Promise<ReplyOutcome> {
  const id = `reply_${requestId}`
  const claimed = await inTransaction(async (transaction): Promise<ReplyOutcome> => {
    const ref = transaction.collection(COLLECTIONS.csMessages).doc(id)
    const earlier = await readDoc<CsMessageRecord>(ref)
    if (earlier) return ok({ message: earlier, repeated: true })
    const session = await readDoc<CsSessionRecord>(
      transaction.collection(COLLECTIONS.csSessions).doc(openid),
    )
    if (!session) return fail('NOT_FOUND', '没有这位顾客的客服会话')
    if (!withinReplyWindow(new Date(session.lastMessageAt), now)) return fail('REPLY_WINDOW_CLOSED')
    const record: CsMessageRecord = {
      _id: id,
      openid,
      type: 'reply',
      text,
      picUrl: null,
      pagePath: null,
      orderId: session.orderId,
      orderNo: session.orderNo,
      at: now,
      handling: 'sending',
      reply: null,
      replyError: null,
    }
    await ref.set({ data: withoutId(record) })
    return ok({ message: record, repeated: false })
  })
  if (!claimed.ok || claimed.data.repeated) return claimed
  const errcode = await sendText(openid, text)
  const replyError = errcode === 0 ? null : errcode
  await db
    .collection(COLLECTIONS.csMessages)
    .doc(id)
    .update({ data: { handling: 'none', replyError } })
  if (errcode === OUT_OF_WINDOW) return fail('REPLY_WINDOW_CLOSED')
  if (errcode !== 0)
    return fail('INTERNAL', `微信未能发送这条回复（错误码 ${errcode}），请稍后重试`)
  await db
    .collection(COLLECTIONS.csSessions)
    .doc(openid)
    .update({ data: { waitingHuman: false } })
  return ok({ message: { ...claimed.data.message, handling: 'none' }, repeated: false })
}

/** WeChat's answer to a send outside the 48-hour window (as commonly reported; not confirmed). */
const OUT_OF_WINDOW = 45015

/** customerServiceMessage.send as text; WeChat's errcode (0 sent; -1 when no answer came back). */
async function sendText(openid: string, content: string): Promise<number> {
  try {
    await cloud.openapi.customerServiceMessage.send({
      touser: openid,
      msgtype: 'text',
      text: { content },
    } as never)
    return 0
  } catch (error) {
    const errCode = (error as { errCode?: unknown }).errCode
    console.error('[customer-service] 客服 message not sent', error)
    return typeof errCode === 'number' ? errCode : -1
  }
}
