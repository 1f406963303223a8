// The 客服 chat's memory (domain/cs-session.ts): which order a message is about (an order card, an
// enter event, else the chat's order of the last 48 hours), the chat row after a message, and the
// hand-over text once per customer per 48 hours.
import { orderIdFromCardPath } from '@/domain/contact'
import {
  SESSION_ORDER_MS,
  nextSession,
  orderSource,
  owesHandoverReply,
  sessionOrderId,
} from '@/domain/cs-session'
import type { CsMessage, CsMessageRecord, CsSessionRecord } from '@/domain/customer-service'

const HOUR = 3600_000
const t0 = new Date('2026-12-01T00:00:00Z')
const after = (ms: number) => new Date(t0.getTime() + ms)

test.each([
  ['/pages/order/index?id=order_abc', 'order_abc'],
  ['pages/order/index?id=order_abc', 'order_abc'],
  ['pages/order/index?from=cs&id=o-1_x', 'o-1_x'],
  ['pages/order/index', null],
  ['pages/order/index?id=', null],
  ['pages/order/index?id=a&id=b', null],
  ['pages/order/index?id=a b', null],
  ['pages/orders/index?id=order_abc', null],
  ['pages/product/index?id=prod_shirt', null],
  ['/pages/order/index/extra?id=order_abc', null],
])('card path %s names order %s', (path, orderId) => {
  expect(orderIdFromCardPath(path)).toBe(orderId)
})

const card = (pagePath: string): CsMessage => ({ type: 'card', title: '订单', pagePath })
test.each<[string, CsMessage, ReturnType<typeof orderSource>]>([
  [
    'enter from an order',
    { type: 'enter', sessionFrom: 'order:20261122-7K3F9XQ2' },
    { kind: 'order_no', orderNo: '20261122-7K3F9XQ2' },
  ],
  ['enter from 我的', { type: 'enter', sessionFrom: 'mine' }, { kind: 'none' }],
  [
    'a card of an order page',
    card('/pages/order/index?id=order_1'),
    { kind: 'order_id', orderId: 'order_1' },
  ],
  ['a card of another page', card('pages/product/index?id=p'), { kind: 'session' }],
  ['an image', { type: 'image', picUrl: 'u', mediaId: 'm' }, { kind: 'session' }],
  ['a text', { type: 'text', text: '到哪了' }, { kind: 'session' }],
])('order source: %s', (_name, message, source) => {
  expect(orderSource(message)).toEqual(source)
})

const session = (overrides: Partial<CsSessionRecord> = {}): CsSessionRecord => ({
  _id: 'o_customer',
  orderId: 'order_1',
  orderNo: '20261122-7K3F9XQ2',
  orderAt: t0,
  lastMessageAt: t0,
  lastText: '',
  waitingHuman: false,
  handoverAt: null,
  ...overrides,
})

test.each<[string, CsSessionRecord | null, Date, string | null]>([
  ['no chat yet', null, t0, null],
  ['a chat without an order', session({ orderId: null, orderNo: null }), t0, null],
  ['an hour later', session(), after(HOUR), 'order_1'],
  ['exactly 48 hours later', session(), after(SESSION_ORDER_MS), 'order_1'],
  ['past 48 hours', session(), after(SESSION_ORDER_MS + 1000), null],
  [
    'an older row without orderAt: its last message counts',
    session({ orderAt: undefined }),
    after(HOUR),
    'order_1',
  ],
])("the chat's order: %s", (_name, chat, at, orderId) => {
  expect(sessionOrderId(chat, at)).toBe(orderId)
})

const record = (overrides: Partial<CsMessageRecord> = {}): CsMessageRecord => ({
  _id: 'm1',
  openid: 'o_customer',
  type: 'image',
  text: '',
  picUrl: 'u',
  pagePath: null,
  orderId: null,
  orderNo: null,
  at: after(HOUR),
  handling: 'human',
  reply: null,
  replyError: null,
  ...overrides,
})

test.each<[string, CsSessionRecord | null, CsMessageRecord, Partial<CsSessionRecord>]>([
  [
    'a first message carrying an order starts the chat with it',
    null,
    record({ orderId: 'order_2', orderNo: 'N2' }),
    {
      orderId: 'order_2',
      orderNo: 'N2',
      orderAt: after(HOUR),
      lastText: '[图片]',
      waitingHuman: true,
    },
  ],
  [
    'a card of another order of theirs replaces the chat order',
    session(),
    record({ type: 'card', text: '订单 N2', orderId: 'order_2', orderNo: 'N2' }),
    { orderId: 'order_2', orderNo: 'N2', orderAt: after(HOUR), lastText: '订单 N2' },
  ],
  [
    'a message without an order keeps the chat order and its time',
    session(),
    record(),
    { orderId: 'order_1', orderAt: t0, lastMessageAt: after(HOUR) },
  ],
  [
    'an enter event naming no order clears it',
    session(),
    record({ type: 'enter', text: 'mine', handling: 'none' }),
    { orderId: null, orderNo: null, orderAt: after(HOUR), lastText: '', waitingHuman: false },
  ],
  [
    'a push older than the chat order does not override it',
    session({ orderAt: after(2 * HOUR), lastMessageAt: after(2 * HOUR) }),
    record({ orderId: 'order_2', orderNo: 'N2' }),
    { orderId: 'order_1', orderAt: after(2 * HOUR), lastMessageAt: after(2 * HOUR) },
  ],
])('the chat after a message: %s', (_name, earlier, message, expected) => {
  expect(nextSession(earlier, message, false)).toMatchObject(expected)
})

test('the chat remembers when the hand-over text was claimed', () => {
  expect(nextSession(session(), record(), true).handoverAt).toEqual(after(HOUR))
  expect(nextSession(session({ handoverAt: t0 }), record(), false).handoverAt).toEqual(t0)
})

test.each<[string, Parameters<typeof owesHandoverReply>, boolean]>([
  ['a first message for a person', ['human', t0, null, t0], true],
  ['an older row without handoverAt', ['human', t0, undefined, t0], true],
  ['an automatic answer', ['auto_answered', t0, null, t0], false],
  ['an enter event', ['none', t0, null, t0], false],
  ['a second message within 48 hours', ['human', after(47 * HOUR), t0, after(47 * HOUR)], false],
  ['exactly 48 hours after the text', ['human', after(48 * HOUR), t0, after(48 * HOUR)], false],
  ['a message past 48 hours', ['human', after(49 * HOUR), t0, after(49 * HOUR)], true],
  ['a push arriving past the reply window', ['human', t0, null, after(49 * HOUR)], false],
])('hand-over text: %s', (_name, args, owed) => {
  expect(owesHandoverReply(...args)).toBe(owed)
})
