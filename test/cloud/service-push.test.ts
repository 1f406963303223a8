// WeChat's 客服 message push into the `service` function (issue 17), delivered by the local cloud
// as WeChat would (pushMessage: OPENID = FromUserName). Enter-session with SessionFrom attaches
// the order; a progress question gets one automatic answer with its node and ETA; a repeated
// MsgId is stored and answered once; anything else waits for a human; garbage and client calls
// write nothing.
import {
  HANDOVER_REPLY,
  type CsMessageRecord,
  type CsSessionRecord,
} from '@/domain/customer-service'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderRecord } from '@/domain/order-types'
import { consumerA, consumerB, makeClient, merchant, startOrderCloud } from './order-helpers'

const env = startOrderCloud()
const { create, walk } = makeClient(env)
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the envelope's data as read
const csInbox = (payload: object, openid: string): Promise<any> =>
  env.cloud.invoke(FUNCTIONS.merchant, { action: 'csInbox', payload }, openid)
const stored_ = async (orderId: string) =>
  (
    (await env.cloud.store.find(COLLECTIONS.orders, { _id: orderId })) as unknown as OrderRecord[]
  )[0]

let clock = Math.floor(Date.now() / 1000)
const at = () => (clock += 1)
const push = (event: Record<string, unknown>) =>
  env.cloud.pushMessage(FUNCTIONS.service, { ToUserName: 'gh_shop', CreateTime: at(), ...event })
const text = (from: string, content: string, msgId = `m_${at()}`) =>
  push({ FromUserName: from, MsgType: 'text', Content: content, MsgId: msgId })
const enter = (from: string, sessionFrom: string) =>
  push({
    FromUserName: from,
    MsgType: 'event',
    Event: 'user_enter_tempsession',
    SessionFrom: sessionFrom,
  })

const messages = async (openid: string) =>
  (await env.cloud.store.find(COLLECTIONS.csMessages, { openid })) as unknown as CsMessageRecord[]
const session = async (openid: string) =>
  (
    (await env.cloud.store.find(COLLECTIONS.csSessions, {
      _id: openid,
    })) as unknown as CsSessionRecord[]
  )[0]
const sentTo = async (openid: string) =>
  (await env.cloud.csInbox.list()).filter((send) => send.touser === openid)
/** What was sent to a customer other than the hand-over text. */
const repliesTo = async (openid: string) =>
  (await sentTo(openid)).filter((send) => send.body.content !== HANDOVER_REPLY)
const handoversTo = async (openid: string) =>
  (await sentTo(openid)).filter((send) => send.body.content === HANDOVER_REPLY)

beforeEach(() => env.cloud.csInbox.clear())

test('enter from an order, then 到哪了: one answer with the node and ETA; a retry of the same MsgId adds nothing', async () => {
  const order = await create(consumerA)
  await walk(order._id, [
    [merchant, 'confirm'],
    [merchant, 'purchase_materials'],
  ])
  const stored = await stored_(order._id)
  expect(await enter(consumerA, `order:${stored.orderNo}`)).toBe('success')
  expect(await session(consumerA)).toMatchObject({
    orderId: order._id,
    orderNo: stored.orderNo,
    waitingHuman: false,
  })

  expect(await text(consumerA, '请问到哪了？', 'msg_progress_1')).toBe('success')
  const [month, day] = stored.eta.split('-').slice(1).map(Number)
  const sends = await sentTo(consumerA)
  expect(sends).toEqual([
    expect.objectContaining({
      msgtype: 'text',
      fn: FUNCTIONS.service,
      errcode: 0,
      body: {
        content: `订单 ${stored.orderNo}（${stored.productSnapshot.name}）当前：备料中\n预计 ${month}月${day}日 完成`,
      },
    }),
  ])
  const question = (await messages(consumerA)).find((m) => m._id === 'msg_progress_1')
  expect(question).toMatchObject({
    handling: 'auto_answered',
    orderId: order._id,
    reply: sends[0].body.content,
  })

  const before = (await messages(consumerA)).length
  expect(await text(consumerA, '请问到哪了？', 'msg_progress_1')).toBe('success')
  expect(await sentTo(consumerA)).toHaveLength(1)
  expect(await messages(consumerA)).toHaveLength(before)
})

test('shipped: the answer carries the carrier and tracking number', async () => {
  const order = await create(consumerA)
  await walk(order._id, [
    [merchant, 'confirm'],
    [merchant, 'purchase_materials'],
    [merchant, 'start_production'],
    [merchant, 'start_quality_check'],
    [merchant, 'ship', { carrier: '顺丰速运', trackingNo: 'SF1234567890' }],
  ])
  const stored = await stored_(order._id)
  await enter(consumerA, `order:${stored.orderNo}`)
  await text(consumerA, '发货了吗')
  expect((await sentTo(consumerA))[0].body.content).toBe(
    `订单 ${stored.orderNo}（${stored.productSnapshot.name}）当前：已发货\n顺丰速运 运单号 SF1234567890`,
  )
})

const HANDED_OVER = { MsgType: 'transfer_customer_service', ToUserName: expect.any(String) }

test('an unrelated question is stored for a human and handed to the human agents, told so once', async () => {
  await create(consumerB)
  // WeChat's passive answer that forwards this message to the shop's 客服 agents (转发客服消息).
  expect(await text(consumerB, '可以改一下袖长吗', 'msg_sleeve')).toEqual({
    MsgType: 'transfer_customer_service',
    ToUserName: consumerB,
    FromUserName: 'gh_shop',
    CreateTime: expect.any(Number),
  })
  // WeChat retries a push whose answer was lost: handed over again, stored and sent nothing more.
  expect(await text(consumerB, '可以改一下袖长吗', 'msg_sleeve')).toMatchObject(HANDED_OVER)
  expect(await sentTo(consumerB)).toEqual([
    expect.objectContaining({ msgtype: 'text', errcode: 0, body: { content: HANDOVER_REPLY } }),
  ])
  expect((await messages(consumerB)).find((m) => m._id === 'msg_sleeve')).toMatchObject({
    handling: 'human',
    reply: HANDOVER_REPLY,
    replyError: null,
    type: 'text',
    text: '可以改一下袖长吗',
  })
  expect(await session(consumerB)).toMatchObject({
    waitingHuman: true,
    lastText: '可以改一下袖长吗',
  })
})

test("SessionFrom naming someone else's order attaches nothing and reveals nothing", async () => {
  const theirs = await stored_((await create(consumerA))._id)
  const stranger = 'o_cs_stranger'
  await enter(stranger, `order:${theirs.orderNo}`)
  await text(stranger, '进度如何')
  expect(await repliesTo(stranger)).toEqual([])
  expect(await session(stranger)).toMatchObject({ orderId: null, waitingHuman: true })
})

test('garbage is stored nothing and still answered success', async () => {
  const before = await env.cloud.store.count(COLLECTIONS.csMessages).catch(() => 0)
  for (const event of [
    { FromUserName: consumerA, MsgType: 'voice', MsgId: 'v1' },
    { MsgType: 'text', Content: '到哪了', MsgId: 'nofrom' },
    { FromUserName: consumerA, MsgType: 'text', Content: 'x'.repeat(5000), MsgId: 'long' },
  ])
    expect(await push(event)).toBe('success')
  expect(await env.cloud.pushMessage(FUNCTIONS.service, 'hello')).toBe('success')
  expect(await env.cloud.store.count(COLLECTIONS.csMessages).catch(() => 0)).toBe(before)
  expect(await env.cloud.csInbox.list()).toEqual([])
})

test('a client calling the function with an OPENID is refused and nothing is written', async () => {
  const before = await env.cloud.store.count(COLLECTIONS.csMessages).catch(() => 0)
  const forged = {
    ToUserName: 'gh_shop',
    FromUserName: consumerA,
    CreateTime: at(),
    MsgType: 'text',
    Content: '到哪了',
    MsgId: 'forged',
  }
  expect(await env.cloud.invoke(FUNCTIONS.service, forged, consumerA)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  expect(await env.cloud.invoke(FUNCTIONS.service, forged, consumerB)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  expect(await env.cloud.store.count(COLLECTIONS.csMessages).catch(() => 0)).toBe(before)
  expect(await env.cloud.csInbox.list()).toEqual([])
})

test('merchant.csInbox: newest chats first, each with its order, latest messages and who answers; merchants only', async () => {
  const order = await stored_((await create(consumerA))._id)
  await enter(consumerA, `order:${order.orderNo}`)
  await text(consumerA, '什么时候到')
  await text(consumerB, '能开发票吗')
  const inbox = await csInbox({ limit: 2 }, merchant)
  expect(inbox.ok).toBe(true)
  const [first, second] = inbox.data.items
  expect(first).toMatchObject({ openid: consumerB, waitingHuman: true })
  expect(first.messages.at(-1)).toMatchObject({
    text: '能开发票吗',
    handling: 'human',
    reply: null,
  })
  expect(second).toMatchObject({ openid: consumerA, orderId: order._id, orderNo: order.orderNo })
  expect(second.messages.at(-1)).toMatchObject({ text: '什么时候到', handling: 'auto_answered' })
  expect(second.messages.every((m: { type: string }) => m.type !== 'enter')).toBe(true)
  const next = await csInbox({ cursor: inbox.data.nextCursor }, merchant)
  const seen = new Set([consumerB, consumerA])
  expect(next.data.items.some((item: { openid: string }) => seen.has(item.openid))).toBe(false)
  expect(await csInbox({}, consumerA)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  const { roundTrips } = await env.cloud.invokeCounted(
    FUNCTIONS.merchant,
    { action: 'csInbox', payload: { limit: 2 } },
    merchant,
  )
  expect(roundTrips).toBe(2 + 2) // merchant, sessions, each chat's messages
})

test('database round trips per push (docs/messages.md)', async () => {
  const customer = 'o_cs_trips'
  const order = await stored_((await create(customer))._id)
  const trips = async (event: Record<string, unknown>) => {
    const { result, roundTrips } = await env.cloud.pushMessageCounted(FUNCTIONS.service, {
      ToUserName: 'gh_shop',
      FromUserName: customer,
      CreateTime: at(),
      ...event,
    })
    // Events and answered progress questions get 'success'; the rest goes to the human agents.
    if (event.MsgType === 'event' || event.Content === '到哪了') expect(result).toBe('success')
    else expect(result).toMatchObject(HANDED_OVER)
    return roundTrips
  }
  const progress = { MsgType: 'text', Content: '到哪了', MsgId: 'rt_progress' }
  const image = { MsgType: 'image', PicUrl: 'http://p/1', MediaId: 'media_1' }
  expect({
    enter: await trips({
      MsgType: 'event',
      Event: 'user_enter_tempsession',
      SessionFrom: `order:${order.orderNo}`,
    }),
    progress: await trips(progress),
    repeat: await trips(progress),
    otherWithHandover: await trips({ MsgType: 'text', Content: '你好', MsgId: 'rt_other' }),
    other: await trips({ MsgType: 'text', Content: '在吗', MsgId: 'rt_other_2' }),
    orderCard: await trips({
      MsgType: 'miniprogrampage',
      Title: `订单 ${order.orderNo}`,
      PagePath: `/pages/order/index?id=${order._id}`,
      MsgId: 'rt_card',
    }),
    image: await trips({ ...image, MsgId: 'rt_image' }),
  }).toEqual({
    enter: 7,
    progress: 10, // + 1 customerServiceMessage.send
    repeat: 5,
    otherWithHandover: 9, // the hand-over text: + 1 send, its outcome on the message
    other: 8,
    orderCard: 7, // the card's order by id, then the transaction (6)
    image: 8,
  })
  expect(await handoversTo(customer)).toHaveLength(1)
})

test('a progress question without an enter event answers about the newest order in progress', async () => {
  const customer = 'o_cs_no_enter'
  const order = await stored_((await create(customer))._id)
  await text(customer, '进度')
  expect((await sentTo(customer))[0]?.body.content).toContain(order.orderNo)
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the envelope's data as read
const csReply = (payload: object, openid = merchant): Promise<any> =>
  env.cloud.invoke(FUNCTIONS.merchant, { action: 'csReply', payload }, openid)

test('merchant.csReply: sent once per requestId, the chat stops waiting, shown in the inbox', async () => {
  const customer = 'o_cs_reply'
  // A minute ago by the real clock (at() runs ahead of it), so the reply sorts after it.
  await env.cloud.pushMessage(FUNCTIONS.service, {
    FromUserName: customer,
    CreateTime: Math.floor(Date.now() / 1000) - 60,
    MsgType: 'text',
    Content: '可以加急吗',
    MsgId: 'msg_reply_1',
  })
  expect(await session(customer)).toMatchObject({ waitingHuman: true })
  const payload = { openid: customer, text: '可以，加急费 50 元', requestId: 'req_reply_1' }
  expect(await csReply(payload)).toMatchObject({
    ok: true,
    data: {
      repeated: false,
      message: { type: 'reply', text: '可以，加急费 50 元', replyError: null },
    },
  })
  expect(await csReply(payload)).toMatchObject({ ok: true, data: { repeated: true } })
  expect(await repliesTo(customer)).toEqual([
    expect.objectContaining({
      msgtype: 'text',
      body: { content: '可以，加急费 50 元' },
      errcode: 0,
    }),
  ])
  expect(await session(customer)).toMatchObject({ waitingHuman: false })
  const inbox = await csInbox({}, merchant)
  const chat = inbox.data.items.find((item: { openid: string }) => item.openid === customer)
  expect(chat.messages.map((m: { type: string }) => m.type)).toEqual(['text', 'reply'])
  const { roundTrips } = await env.cloud.invokeCounted(
    FUNCTIONS.merchant,
    { action: 'csReply', payload: { ...payload, requestId: 'req_reply_2' } },
    merchant,
  )
  expect(roundTrips).toBe(8) // merchant, transaction (5), reply update, chat update
})

test('merchant.csReply: after 48 hours REPLY_WINDOW_CLOSED, nothing sent or stored; no chat NOT_FOUND', async () => {
  const customer = 'o_cs_late'
  await text(customer, '在吗')
  env.cloud.clock.set(new Date(Date.now() + 49 * 3600_000))
  try {
    const before = (await messages(customer)).length
    expect(await csReply({ openid: customer, text: '在的', requestId: 'req_late' })).toMatchObject({
      ok: false,
      code: 'REPLY_WINDOW_CLOSED',
    })
    expect(await messages(customer)).toHaveLength(before)
  } finally {
    env.cloud.clock.set(null)
  }
  expect(
    await csReply({ openid: 'o_cs_nobody', text: '你好', requestId: 'req_none' }),
  ).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  })
  expect(await repliesTo(customer)).toEqual([])
  expect(
    await csReply({ openid: customer, text: '在的', requestId: 'req_c' }, consumerA),
  ).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
})

test('merchant.csReply: a send WeChat refuses is recorded with its errcode and answered as an error', async () => {
  const customer = 'o_cs_refused'
  await text(customer, '你好')
  env.cloud.inbox.failNext(45047)
  const answer = await csReply({ openid: customer, text: '您好', requestId: 'req_refused' })
  expect(answer).toMatchObject({
    ok: false,
    code: 'INTERNAL',
    message: expect.stringContaining('45047'),
  })
  expect((await messages(customer)).find((m) => m._id === 'reply_req_refused')).toMatchObject({
    replyError: 45047,
    handling: 'none',
  })
  expect(await session(customer)).toMatchObject({ waitingHuman: true })
})

const cardOf = (from: string, orderId: string, msgId = `card_${at()}`) =>
  push({
    FromUserName: from,
    MsgType: 'miniprogrampage',
    Title: '订单',
    AppId: 'wx_local',
    PagePath: `/pages/order/index?id=${orderId}`,
    ThumbUrl: '',
    ThumbMediaId: '',
    MsgId: msgId,
  })
const image = (from: string, msgId = `img_${at()}`) =>
  push({ FromUserName: from, MsgType: 'image', PicUrl: 'http://p/1', MediaId: 'm1', MsgId: msgId })
const message = async (openid: string, id: string) =>
  (await messages(openid)).find((m) => m._id === id)

test('a card from an order page attaches that order, and 到哪了 right after answers about it', async () => {
  const customer = 'o_cs_card'
  const older = await stored_((await create(customer))._id)
  const newer = await stored_((await create(customer))._id)
  await enter(customer, `order:${newer.orderNo}`)
  expect(await cardOf(customer, older._id, 'msg_card_own')).toMatchObject(HANDED_OVER)
  expect(await message(customer, 'msg_card_own')).toMatchObject({
    type: 'card',
    orderId: older._id,
    orderNo: older.orderNo,
    pagePath: `/pages/order/index?id=${older._id}`,
  })
  expect(await session(customer)).toMatchObject({ orderId: older._id })

  await text(customer, '这个到哪了', 'msg_after_card')
  expect((await repliesTo(customer)).map((send) => send.body.content)).toEqual([
    expect.stringContaining(`订单 ${older.orderNo}`),
  ])
  const inbox = await csInbox({}, merchant)
  const chat = inbox.data.items.find((item: { openid: string }) => item.openid === customer)
  expect(chat.orderNo).toBe(older.orderNo)
  const shown = chat.messages.find((m: { id: string }) => m.id === 'msg_card_own')
  expect(shown.order).toEqual({ id: older._id, no: older.orderNo })
})

test("a card for someone else's order attaches no order and answers nothing about it", async () => {
  const theirs = await stored_((await create(consumerA))._id)
  const customer = 'o_cs_foreign_card'
  const own = await stored_((await create(customer))._id)
  await cardOf(customer, theirs._id, 'msg_card_foreign')
  expect(await message(customer, 'msg_card_foreign')).toMatchObject({
    type: 'card',
    orderId: null,
    orderNo: null,
  })
  // The next question is about the customer's own order, never about the one on the card.
  await text(customer, '到哪了')
  const [answer] = (await repliesTo(customer)).map((send) => String(send.body.content))
  expect(answer).toContain(own.orderNo)
  expect(answer).not.toContain(theirs.orderNo)
})

test("an image takes the order of the customer's session; after 48 hours, the newest in progress", async () => {
  const customer = 'o_cs_image'
  const older = await stored_((await create(customer))._id)
  const newer = await stored_((await create(customer))._id)
  await enter(customer, `order:${older.orderNo}`)
  expect(await image(customer, 'msg_image_1')).toMatchObject(HANDED_OVER)
  expect(await message(customer, 'msg_image_1')).toMatchObject({
    type: 'image',
    orderId: older._id,
    orderNo: older.orderNo,
  })
  const inbox = await csInbox({}, merchant)
  const chat = inbox.data.items.find((item: { openid: string }) => item.openid === customer)
  const shown = chat.messages.find((m: { id: string }) => m.id === 'msg_image_1')
  expect(shown).toMatchObject({ text: '[图片]', order: { id: older._id, no: older.orderNo } })

  const later = clock + 49 * 3600
  env.cloud.clock.set(new Date(later * 1000))
  try {
    await env.cloud.pushMessage(FUNCTIONS.service, {
      ToUserName: 'gh_shop',
      FromUserName: customer,
      CreateTime: later,
      MsgType: 'image',
      PicUrl: 'http://p/2',
      MediaId: 'm2',
      MsgId: 'msg_image_2',
    })
  } finally {
    env.cloud.clock.set(null)
  }
  expect(await message(customer, 'msg_image_2')).toMatchObject({ orderId: newer._id })
})

test('the hand-over text: once for two unanswered messages and a retried push; again only after 48 hours; never for a late push', async () => {
  const customer = 'o_cs_handover'
  await text(customer, '能开发票吗', 'msg_ho_1')
  await text(customer, '抬头写公司', 'msg_ho_2')
  expect(await text(customer, '能开发票吗', 'msg_ho_1')).toMatchObject(HANDED_OVER)
  expect(await sentTo(customer)).toEqual([
    expect.objectContaining({ msgtype: 'text', errcode: 0, body: { content: HANDOVER_REPLY } }),
  ])
  expect(await message(customer, 'msg_ho_1')).toMatchObject({ reply: HANDOVER_REPLY })
  expect(await message(customer, 'msg_ho_2')).toMatchObject({ reply: null })

  // 49 hours on, the next message opens a new window: told once more.
  const later = clock + 49 * 3600
  env.cloud.clock.set(new Date(later * 1000))
  try {
    await env.cloud.pushMessage(FUNCTIONS.service, {
      ToUserName: 'gh_shop',
      FromUserName: customer,
      CreateTime: later,
      MsgType: 'text',
      Content: '还在吗',
      MsgId: 'msg_ho_3',
    })
  } finally {
    env.cloud.clock.set(null)
  }
  expect(await handoversTo(customer)).toHaveLength(2)

  // A push WeChat delivers after the reply window closed: handed over, no text tried.
  const late = 'o_cs_handover_late'
  const result = await env.cloud.pushMessage(FUNCTIONS.service, {
    ToUserName: 'gh_shop',
    FromUserName: late,
    CreateTime: Math.floor(Date.now() / 1000) - 49 * 3600,
    MsgType: 'text',
    Content: '你好',
    MsgId: 'msg_ho_late',
  })
  expect(result).toMatchObject(HANDED_OVER)
  expect(await sentTo(late)).toEqual([])
})

test('the hand-over text: exactly once for concurrent pushes of one customer', async () => {
  const customer = 'o_cs_handover_race'
  const results = await Promise.all([
    text(customer, '第一句', 'msg_race_1'),
    text(customer, '第二句', 'msg_race_2'),
    image(customer, 'msg_race_3'),
  ])
  for (const result of results) expect(result).toMatchObject(HANDED_OVER)
  expect(await handoversTo(customer)).toHaveLength(1)
  expect(await messages(customer)).toHaveLength(3)
})
