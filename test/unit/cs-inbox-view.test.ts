// The 客服 inbox (domain/cs-inbox-view.ts): a card's or an image's order is shown beside the
// message, as is any message's about another order than the chat's; the chat's own order once.
import { csSessionView } from '@/domain/cs-inbox-view'
import type { CsMessageRecord, CsSessionRecord } from '@/domain/customer-service'

const chat: CsSessionRecord = {
  _id: 'o_customer_1234',
  orderId: 'order_1',
  orderNo: 'N1',
  orderAt: new Date('2026-12-01T00:00:00Z'),
  lastMessageAt: new Date('2026-12-01T00:05:00Z'),
  lastText: '',
  waitingHuman: true,
}
let minute = 0
const message = (overrides: Partial<CsMessageRecord>): CsMessageRecord => ({
  _id: `m${(minute += 1)}`,
  openid: chat._id,
  type: 'text',
  text: '你好',
  picUrl: null,
  pagePath: null,
  orderId: 'order_1',
  orderNo: 'N1',
  at: new Date(Date.UTC(2026, 11, 1, 0, minute)),
  handling: 'human',
  reply: null,
  replyError: null,
  ...overrides,
})

test('each message shows its order when it is a card or an image, or about another order', () => {
  const view = csSessionView(chat, [
    message({ type: 'text' }),
    message({ type: 'card', text: '订单 N1', pagePath: 'pages/order/index?id=order_1' }),
    message({ type: 'image', text: '', picUrl: 'u' }),
    message({ type: 'text', orderId: 'order_2', orderNo: 'N2' }),
    message({ type: 'image', text: '', picUrl: 'u', orderId: null, orderNo: null }),
  ])
  expect(view.messages.map((m) => m.order)).toEqual([
    null,
    { id: 'order_1', no: 'N1' },
    { id: 'order_1', no: 'N1' },
    { id: 'order_2', no: 'N2' },
    null,
  ])
  expect(view.messages[2].text).toBe('[图片]')
})
