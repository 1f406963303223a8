// Customer service chat (domain/customer-service.ts): which pushes are WeChat's, the order a
// session names, which texts ask about progress, the automatic answer, the 48-hour window.
import {
  HANDOVER_REPLY,
  MAX_INBOUND_TEXT,
  MAX_REPLY_TEXT,
  isProgressQuestion,
  parsePush,
  progressAnswer,
  sessionOrderNo,
  withinReplyWindow,
  type ProgressOrder,
  transferToAgents,
} from '@/domain/customer-service'
import { orderNoFromSessionFrom } from '@/domain/contact'

const base = { ToUserName: 'gh_shop', FromUserName: 'o_customer_a', CreateTime: 1764576000 }

test('a text push: the customer, the time, MsgId as key', () => {
  expect(
    parsePush({ ...base, MsgType: 'text', Content: '到哪了', MsgId: 1234567890123456 }),
  ).toEqual({
    openid: 'o_customer_a',
    appUser: 'gh_shop',
    at: new Date(1764576000 * 1000),
    key: '1234567890123456',
    message: { type: 'text', text: '到哪了' },
  })
})

test('image, card and enter-session pushes', () => {
  const image = { ...base, MsgType: 'image', PicUrl: 'http://p/1', MediaId: 'm1', MsgId: 'a_1' }
  expect(parsePush(image)?.message).toEqual({ type: 'image', picUrl: 'http://p/1', mediaId: 'm1' })
  const card = {
    ...base,
    MsgType: 'miniprogrampage',
    Title: '订单',
    AppId: 'wx1',
    PagePath: 'pages/order/index?id=1',
    ThumbUrl: 'x',
    MsgId: 7,
  }
  expect(parsePush(card)?.message).toEqual({
    type: 'card',
    title: '订单',
    pagePath: 'pages/order/index?id=1',
  })
  const enter = {
    ...base,
    MsgType: 'event',
    Event: 'user_enter_tempsession',
    SessionFrom: 'order:20261122-7K3F9XQ2',
  }
  const parsed = parsePush(enter)
  expect(parsed?.key).toBe('o_customer_a_1764576000_user_enter_tempsession')
  expect(sessionOrderNo(parsed!.message)).toBe('20261122-7K3F9XQ2')
})

test.each([
  ['not an object', 'success'],
  ['null', null],
  ['an array', []],
  ['unknown MsgType', { ...base, MsgType: 'voice', MsgId: 1 }],
  ['another event', { ...base, MsgType: 'event', Event: 'subscribe_msg_event' }],
  [
    'no FromUserName',
    { ...base, FromUserName: undefined, MsgType: 'text', Content: 'x', MsgId: 1 },
  ],
  [
    'a FromUserName that is no openid',
    { ...base, FromUserName: 'a b', MsgType: 'text', Content: 'x', MsgId: 1 },
  ],
  ['no CreateTime', { ...base, CreateTime: '1', MsgType: 'text', Content: 'x', MsgId: 1 }],
  ['a text without MsgId', { ...base, MsgType: 'text', Content: 'x' }],
  ['an empty text', { ...base, MsgType: 'text', Content: '', MsgId: 1 }],
  [
    'an over-long text',
    { ...base, MsgType: 'text', Content: 'x'.repeat(MAX_INBOUND_TEXT + 1), MsgId: 1 },
  ],
  ['an image without MediaId', { ...base, MsgType: 'image', PicUrl: 'u', MsgId: 1 }],
])('refused: %s', (_name, event) => {
  expect(parsePush(event)).toBeNull()
})

test('sessionFrom: only order:<a real order number> names an order', () => {
  expect(orderNoFromSessionFrom('order:20261122-7K3F9XQ2')).toBe('20261122-7K3F9XQ2')
  expect(orderNoFromSessionFrom('product:prod_shirt')).toBeNull()
  expect(orderNoFromSessionFrom('mine')).toBeNull()
  expect(orderNoFromSessionFrom('order:DROP TABLE')).toBeNull()
  expect(orderNoFromSessionFrom('order:20261122-7K3F9XQI')).toBeNull()
})

test.each(['到哪了', '我的衬衫什么时候到？', '进度怎么样', '发货了吗', '快递 到 哪 了'])(
  'progress question: %s',
  (text) => expect(isProgressQuestion({ type: 'text', text })).toBe(true),
)
test.each(['可以改尺码吗', '你好', '发票怎么开'])('not a progress question: %s', (text) =>
  expect(isProgressQuestion({ type: 'text', text })).toBe(false),
)
test('an image or an enter event is never a progress question', () => {
  expect(isProgressQuestion({ type: 'image', picUrl: 'u', mediaId: 'm' })).toBe(false)
  expect(isProgressQuestion({ type: 'enter', sessionFrom: '进度' })).toBe(false)
})

const order = (overrides: Partial<ProgressOrder> = {}): ProgressOrder => ({
  orderNo: '20261122-7K3F9XQ2',
  productName: '量体定制衬衫',
  node: 'production',
  eta: '2026-12-05',
  shipping: null,
  hasException: false,
  ...overrides,
})

test('the answer: node and ETA before shipping; carrier and tracking once shipped', () => {
  expect(progressAnswer(order())).toBe(
    '订单 20261122-7K3F9XQ2（量体定制衬衫）当前：制作中\n预计 12月5日 完成',
  )
  expect(
    progressAnswer(order({ node: 'shipped', shipping: { carrier: '顺丰', trackingNo: 'SF123' } })),
  ).toBe('订单 20261122-7K3F9XQ2（量体定制衬衫）当前：已发货\n顺丰 运单号 SF123')
  expect(progressAnswer(order({ node: 'cancelled' }))).toBe(
    '订单 20261122-7K3F9XQ2（量体定制衬衫）当前：已取消',
  )
  expect(progressAnswer(order({ hasException: true }))).toContain('订单遇到异常')
})

test('the answer stays within the reply limit', () => {
  expect(progressAnswer(order({ productName: '长'.repeat(2000) })).length).toBe(MAX_REPLY_TEXT)
})

test('the hand-over text', () => {
  expect(HANDOVER_REPLY).toBe('已转人工客服，工作时间内会尽快回复')
})

test('the 48-hour reply window', () => {
  const last = new Date('2026-12-01T00:00:00Z')
  expect(withinReplyWindow(last, new Date('2026-12-02T23:59:59Z'))).toBe(true)
  expect(withinReplyWindow(last, new Date('2026-12-03T00:00:00Z'))).toBe(true)
  expect(withinReplyWindow(last, new Date('2026-12-03T00:00:01Z'))).toBe(false)
})

test('a message for a person is handed to the human agents with the documented passive answer', () => {
  const push = parsePush({ ...base, MsgType: 'text', Content: '能开发票吗', MsgId: 'm_invoice' })!
  expect(transferToAgents(push, new Date(1764576005 * 1000))).toEqual({
    MsgType: 'transfer_customer_service',
    ToUserName: 'o_customer_a',
    FromUserName: 'gh_shop',
    CreateTime: 1764576005,
  })
})
