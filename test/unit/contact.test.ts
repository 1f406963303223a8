// 联系客服 (domain/contact.ts): the session-from each page sends to WeChat's customer-service
// chat, the order's message card, and the H5 stand-in's text.
import { contactSession, contactStandIn } from '@/domain/contact'

const order = {
  page: 'order',
  orderId: 'ord_2dfig65blmg29k687cp0zq',
  orderNo: '20261122-7K3F9XQ2',
  productName: '量体定制衬衫',
} as const

test('from an order: its number as session-from, and a card that opens the order page', () => {
  expect(contactSession(order)).toEqual({
    sessionFrom: 'order:20261122-7K3F9XQ2',
    card: {
      title: '订单 20261122-7K3F9XQ2 · 量体定制衬衫',
      path: '/pages/order/index?id=ord_2dfig65blmg29k687cp0zq',
    },
  })
})

test.each([
  [{ page: 'product', productId: 'prod_shirt' } as const, 'product:prod_shirt'],
  [{ page: 'mine' } as const, 'mine'],
])('from %o: session-from %s, no card', (from, sessionFrom) => {
  expect(contactSession(from)).toEqual({ sessionFrom, card: null })
})

test('the H5 stand-in is named, says the chat opens in WeChat, and shows what WeChat is told', () => {
  expect(contactStandIn(contactSession(order))).toEqual({
    title: '联系客服（本地环境）',
    content:
      '客服会话只在微信中打开。微信会告诉客服：会话来源 order:20261122-7K3F9XQ2，可发送卡片「订单 20261122-7K3F9XQ2 · 量体定制衬衫」',
  })
  expect(contactStandIn(contactSession({ page: 'mine' })).content).toBe(
    '客服会话只在微信中打开。微信会告诉客服：会话来源 mine',
  )
})
