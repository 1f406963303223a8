// A preorder's 定金 and 尾款 (src/domain/order-payments.ts, order-payment-view.ts): amounts, the
// merchant's refund split over the two trades, the ledger rows each trade makes, the batch's
// deadline, and what the pages say.
import { ledgerEntriesOf } from '@/domain/ledger'
import {
  balanceFenOf,
  depositFenOf,
  duePayment,
  fullyPaid,
  orderRefundRefusal,
  orderRestFen,
  splitRefund,
} from '@/domain/order-payments'
import { orderPaymentTag, paymentPanels } from '@/domain/order-payment-view'
import { applyTransition } from '@/domain/order-transition'
import type { Actor, OrderRecord } from '@/domain/order-types'
import { addRefund, markPaid, outTradeNoOf, settleRefund } from '@/domain/payment'
import { makeOrder, NOW } from './order-factories'

const system: Actor = { role: 'system', openid: null }
const STORAGE = { env: 'prod-7g3k' }
const wire = <T>(value: T) => JSON.parse(JSON.stringify(value)) as never

function step(order: OrderRecord, event: string, input: unknown = {}, now = NOW): OrderRecord {
  const result = applyTransition(order, event, system, input, now, STORAGE)
  if (!result.ok) throw new Error(`${event}: ${result.message}`)
  return result.data.order
}

/** A linen preorder (¥699 a set, ¥99 定金) whose batch filled and whose 尾款 is now due. */
const asked = () => step(makeOrder({}, 'prod_linen_batch'), 'batch_reached')
const balancePaid = () => {
  const order = asked()
  const trade = { outTradeNo: outTradeNoOf(order.orderNo, 1, 'balance'), transactionId: 'wx_b1' }
  return step(order, 'pay', trade)
}

describe('amounts', () => {
  test('the 定金 is the product’s deposit per unit; the 尾款 is the rest after any coupon', () => {
    const order = makeOrder({}, 'prod_linen_batch')
    expect(depositFenOf(order)).toBe(9900)
    expect(balanceFenOf(order)).toBe(69900 - 9900)
    const coupon = { couponId: 'c1', discountFen: 2000 } as OrderRecord['coupon']
    expect(balanceFenOf({ ...order, coupon })).toBe(69900 - 2000 - 9900)
    // A deposit at least the whole amount is no deposit: the order is paid in full at once.
    expect(depositFenOf({ quote: { priceFen: 9900, depositFen: 9900 } })).toBeNull()
    expect(depositFenOf(makeOrder())).toBeNull()
    expect(balanceFenOf(makeOrder())).toBe(0)
  })

  test('what is due: the 定金, nothing while the batch collects, then the 尾款', () => {
    const placed = makeOrder({}, 'prod_linen_batch')
    const unpaid = { ...placed, payment: { ...placed.payment, state: 'unpaid' as const } }
    expect(duePayment(unpaid)).toMatchObject({ state: 'unpaid', amountFen: 9900 })
    expect(duePayment(placed)).toBeNull()
    expect(fullyPaid(placed)).toBe(false)
    expect(duePayment(asked())?.part).toBe('balance')
    expect(fullyPaid(balancePaid())).toBe(true)
    expect(fullyPaid(makeOrder())).toBe(true)
  })
})

describe("the merchant's refund over two trades", () => {
  test('takes from the 尾款 first, then the 定金, never past what is left', () => {
    const order = balancePaid()
    expect(splitRefund(order, 1000)).toEqual([{ part: 'balance', amountFen: 1000 }])
    expect(splitRefund(order, 65000)).toEqual([
      { part: 'balance', amountFen: 60000 },
      { part: 'payment', amountFen: 5000 },
    ])
    expect(orderRefundRefusal(order, 69900)).toBeNull()
    expect(orderRefundRefusal(order, 69901)).toMatchObject({ code: 'REFUND_TOO_MUCH' })
    // With only the 定金 paid, only the 定金 can come back.
    expect(orderRefundRefusal(makeOrder({}, 'prod_linen_batch'), 9901)).toMatchObject({
      code: 'REFUND_TOO_MUCH',
      message: '退款金额超过可退余额（最多可退 ¥99）',
    })
  })

  test('each trade writes its own ledger rows, once', () => {
    const before = asked()
    const after = balancePaid()
    expect(ledgerEntriesOf(before, after, NOW)).toEqual([
      expect.objectContaining({
        kind: 'pay',
        _id: outTradeNoOf(after.orderNo, 1, 'balance'),
        amountFen: 60000,
      }),
    ])
    expect(ledgerEntriesOf(after, after, NOW)).toEqual([])
    const added = addRefund(
      after.balance!,
      after.orderNo,
      { amountFen: 500, reason: '补差价', requestedBy: { role: 'merchant', openid: 'm' } },
      NOW,
    )
    if (!added.ok) throw new Error(added.message)
    expect(added.refund.outRefundNo).toMatch(/BR1$/)
    const settled = {
      ...after,
      balance: settleRefund(added.payment, added.refund.outRefundNo, { state: 'succeeded' }, NOW),
    }
    expect(ledgerEntriesOf(after, settled, NOW)).toEqual([
      expect.objectContaining({ kind: 'refund', _id: added.refund.outRefundNo, amountFen: 500 }),
    ])
  })
})

describe('what the pages say', () => {
  test('while the batch collects, the customer reads the 定金 paid and the 尾款 to come', () => {
    const order = wire(makeOrder({}, 'prod_linen_batch'))
    expect(paymentPanels(order, 'consumer')).toEqual([
      expect.objectContaining({
        part: 'payment',
        payable: false,
        notice: expect.objectContaining({
          title: '定金 · 已付款',
          text: '已付定金 ¥99，成团后支付尾款 ¥600；未成团将原路退回定金',
        }),
      }),
    ])
    expect(orderPaymentTag(order, 'consumer')).toEqual({ text: '已付定金', state: 'paid' })
  })

  test('once the batch fills, the 尾款 panel is the one to pay', () => {
    const order = wire(asked())
    const panels = paymentPanels(order, 'consumer')
    expect(panels.map((panel) => [panel.part, panel.notice.title, panel.payable])).toEqual([
      ['balance', '尾款 · 待付款', true],
    ])
    expect(panels[0].notice.text).toContain('请支付尾款 ¥600')
    expect(orderPaymentTag(order, 'merchant')).toEqual({ text: '待付尾款', state: 'unpaid' })
    expect(paymentPanels(order, 'merchant')[0]).toMatchObject({ payable: false })
  })

  test('paid in full, the merchant may refund both trades', () => {
    const order = wire(balancePaid())
    expect(orderRestFen(order)).toBe(69900)
    expect(paymentPanels(order, 'consumer')).toEqual([])
    expect(paymentPanels(order, 'merchant').map((panel) => panel.notice.title)).toEqual([
      '定金 · 已付款',
      '尾款 · 已付款',
    ])
  })

  test('an order paid in full at submit reads as before', () => {
    const order = wire(makeOrder())
    expect(paymentPanels(order, 'merchant').map((panel) => panel.notice.title)).toEqual(['已付款'])
    expect(orderPaymentTag(order, 'consumer')).toBeNull()
    const paid = markPaid(makeOrder().payment, { outTradeNo: 'x', transactionId: 'y', paidAt: NOW })
    expect(orderRestFen(wire({ ...makeOrder(), payment: paid }))).toBe(paid.amountFen)
  })
})
