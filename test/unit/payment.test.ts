// Payment rules (payment.ts) and what order events do to an order's payment (order-transition.ts).
import { applyTransition } from '@/domain/order-transition'
import {
  DEFAULT_PAY_WITHIN_MINUTES,
  latePayment,
  newPayment,
  outRefundNoOf,
  outTradeNoOf,
  parseTradeNo,
  paymentDueBy,
  payRefusal,
  payWithinMinutes,
  refundsOf,
  retryRefund,
  settleRefund,
  type OrderPayment,
} from '@/domain/payment'
import type { Actor, OrderEvent, OrderRecord } from '@/domain/order-types'
import { makeOrder, makeUnpaidOrder, MERCHANT, NOW, OWNER } from './order-factories'

const STORAGE = { env: 'test-env' }
const owner: Actor = { role: 'consumer', openid: OWNER }
const merchant: Actor = { role: 'merchant', openid: MERCHANT }
const system: Actor = { role: 'system', openid: null }
const MINUTE = 60 * 1000

function applied(order: OrderRecord, event: OrderEvent, actor: Actor, input = {}, now = NOW) {
  const out = applyTransition(order, event, actor, input, now, STORAGE)
  if (!out.ok) throw new Error(`${event}: ${out.message}`)
  return out.data
}

describe('due time and WeChat numbers', () => {
  test.each([
    [undefined, DEFAULT_PAY_WITHIN_MINUTES],
    ['15', 15],
    ['0', DEFAULT_PAY_WITHIN_MINUTES],
    ['-5', DEFAULT_PAY_WITHIN_MINUTES],
    ['1.5', DEFAULT_PAY_WITHIN_MINUTES],
    ['abc', DEFAULT_PAY_WITHIN_MINUTES],
  ])('PAY_WITHIN_MINUTES=%s -> %s', (text, minutes) => {
    expect(payWithinMinutes(text)).toBe(minutes)
  })

  test('a new order owes its whole quote, due 30 minutes after it was placed', () => {
    const order = makeUnpaidOrder()
    expect(order.payment).toEqual({
      state: 'unpaid',
      amountFen: order.quote.priceFen,
      dueBy: new Date(NOW.getTime() + 30 * MINUTE),
      attempts: 0,
      paidAt: null,
      transactionId: null,
      outTradeNo: null,
      refunds: [],
    })
    expect(paymentDueBy(NOW, 5)).toEqual(new Date(NOW.getTime() + 5 * MINUTE))
  })

  test.each([
    ['20261122-7K3F9XQ2', 1, 'payment', '202611227K3F9XQ2P1', '202611227K3F9XQ2R1'],
    ['20261122-7K3F9XQ2', 12, 'payment', '202611227K3F9XQ2P12', '202611227K3F9XQ2R12'],
    ['20261122-7K3F9XQB', 3, 'balance', '202611227K3F9XQBBP3', '202611227K3F9XQBBR3'],
  ] as const)('%s attempt %s of %s -> %s / %s', (orderNo, n, part, trade, refund) => {
    expect(outTradeNoOf(orderNo, n, part)).toBe(trade)
    expect(outRefundNoOf(orderNo, n, part)).toBe(refund)
    expect(trade.length).toBeLessThanOrEqual(32)
    expect(parseTradeNo(trade, 'P')).toEqual({ orderNo, n, part })
    expect(parseTradeNo(refund, 'R')).toEqual({ orderNo, n, part })
    expect(parseTradeNo(trade, 'R')).toBeNull()
  })

  test.each([
    undefined,
    1,
    '',
    '202611227K3F9XQ2',
    '202611227K3F9XQ2P0',
    '202611227K3F9XQ2BBP1',
    '202611227K3F9XQ2CP1',
    'x202611227K3F9XQ2P1',
    '202611227K3F9XQ2P1 ',
    { $ne: 1 },
  ])('not ours: %p', (value) => {
    expect(parseTradeNo(value, 'P')).toBeNull()
  })
})

describe('who may pay', () => {
  const unpaid = makeUnpaidOrder().payment
  test.each<[string, OrderPayment, Date, string | null]>([
    ['unpaid, in time', unpaid, NOW, null],
    ['unpaid, at dueBy', unpaid, unpaid.dueBy, '订单已超过付款时间，请重新下单'],
    ['paid', makeOrder().payment, NOW, '订单已付款，无需付款'],
    ['closed', { ...unpaid, state: 'closed' }, NOW, '订单已关闭，无需付款'],
    ['refunding', { ...unpaid, state: 'refunding' }, NOW, '订单退款中，无需付款'],
  ])('%s', (_name, payment, now, refusal) => {
    expect(payRefusal(payment, now)).toBe(refusal)
  })
})

describe('order events and the payment', () => {
  test('pay records the attempt WeChat confirmed, with a timeline entry', () => {
    const out = applied(makeUnpaidOrder(), 'pay', system, {
      outTradeNo: '202611227K3F9XQ2P1',
      transactionId: 'wx_tx_9',
    })
    expect(out.order.node).toBe('submitted')
    expect(out.order.payment).toMatchObject({
      state: 'paid',
      outTradeNo: '202611227K3F9XQ2P1',
      transactionId: 'wx_tx_9',
      paidAt: NOW,
    })
    expect(out.order.timeline.at(-1)).toMatchObject({ event: 'pay', note: '已付款' })
    expect(out.audit).toMatchObject({ event: 'pay', from: 'submitted', to: 'submitted' })
  })

  test('pay needs what WeChat confirmed', () => {
    expect(applyTransition(makeUnpaidOrder(), 'pay', system, {}, NOW, STORAGE)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  })

  const chosenCancel = (order: OrderRecord) =>
    applied(
      applied(
        applied(order, 'flag_exception', merchant, {
          kind: 'delayed',
          note: '面料延迟',
          offered: [{ type: 'cancel' }],
        }).order,
        'choose_remedy',
        owner,
        { remedy: 'cancel' },
      ).order,
      'resolve_exception',
      merchant,
    )

  // Every way into 'cancelled' refunds a paid order in the same transition.
  test.each<[string, (order: OrderRecord) => ReturnType<typeof applied>]>([
    ['consumer cancel', (o) => applied(o, 'cancel', owner)],
    ['merchant cancel', (o) => applied(o, 'cancel', merchant)],
    [
      'merchant cancel in production',
      (o) => applied({ ...o, node: 'production' }, 'cancel', merchant),
    ],
    ['resolve_exception with cancel', chosenCancel],
  ])('%s of a paid order starts its refund', (_name, cancel) => {
    const order = makeOrder()
    const out = cancel(order)
    expect(out.order.node).toBe('cancelled')
    expect(out.order.payment).toMatchObject({
      state: 'refunding',
      refundOpen: true,
      refunds: [
        {
          outRefundNo: outRefundNoOf(order.orderNo, 1),
          amountFen: order.payment.amountFen,
          state: 'pending',
          failure: null,
        },
      ],
    })
  })

  test.each<[string, (order: OrderRecord) => ReturnType<typeof applied>]>([
    ['consumer cancel', (o) => applied(o, 'cancel', owner)],
    ['merchant cancel', (o) => applied(o, 'cancel', merchant)],
    ['expire', (o) => applied(o, 'expire', system, {}, o.payment.dueBy)],
  ])('%s of an unpaid order closes its payment', (_name, cancel) => {
    const out = cancel(makeUnpaidOrder())
    expect(out.order.node).toBe('cancelled')
    expect(out.order.payment).toMatchObject({ state: 'closed', refunds: [] })
  })

  test('an unpaid order with attempts closes them after the cancel (closing), one without not', () => {
    const tried = makeUnpaidOrder()
    const out = applied({ ...tried, payment: { ...tried.payment, attempts: 2 } }, 'cancel', owner)
    expect(out.order.payment).toMatchObject({ state: 'closed', closing: true })
    expect(applied(makeUnpaidOrder(), 'cancel', owner).order.payment).not.toHaveProperty('closing')
  })

  test('expiry releases what the order held, like a cancel', () => {
    const order = makeUnpaidOrder({}, 'prod_linen_batch')
    const out = applied(order, 'expire', system, {}, order.payment.dueBy)
    expect(out.batchLeave).toEqual({ batchId: order.batchId, quantity: 1 })
    expect(out.order.timeline.at(-1)).toMatchObject({ note: '超时未付款，订单已自动取消' })
  })

  test('events other than cancellation leave the payment as it is', () => {
    const order = makeOrder()
    expect(applied(order, 'confirm', merchant).order.payment).toEqual(order.payment)
  })
})

describe('refunds', () => {
  const refunding = applyTransition(
    makeOrder(),
    'cancel',
    { role: 'consumer', openid: OWNER },
    {},
    NOW,
    STORAGE,
  )
  if (!refunding.ok) throw new Error(refunding.message)
  const pending = refunding.data.order.payment
  const LATER = new Date(NOW.getTime() + MINUTE)

  test('success, failure, still processing', () => {
    const no = refundsOf(pending)[0].outRefundNo
    expect(settleRefund(pending, no, { state: 'succeeded' }, LATER)).toMatchObject({
      state: 'refunded',
      refundOpen: false,
      refunds: [{ state: 'succeeded', at: LATER }],
    })
    const failed = settleRefund(pending, no, { state: 'failed', failure: 'NOTENOUGH' }, LATER)
    expect(failed).toMatchObject({
      state: 'refund_failed',
      refundFailed: true,
      refunds: [{ state: 'failed', failure: 'NOTENOUGH' }],
    })
    expect(settleRefund(pending, no, { state: 'pending' }, LATER)).toBe(pending)
    expect(settleRefund(pending, 'someone-elses', { state: 'succeeded' }, LATER)).toBe(pending)
    expect(retryRefund(failed, no)).toMatchObject({
      state: 'refunding',
      refundFailed: false,
      refunds: [{ state: 'pending', failure: null, outRefundNo: no }],
    })
    expect(retryRefund(pending, no)).toBe(pending)
  })

  test('a payment that lands after the order closed is recorded and refunded in full', () => {
    const closed: OrderPayment = { ...newPayment(5000, NOW), state: 'closed', attempts: 1 }
    const late = latePayment(
      closed,
      '20261122-7K3F9XQ2',
      { outTradeNo: '202611227K3F9XQ2P1', transactionId: 'wx_tx', paidAt: LATER, amountFen: 5000 },
      LATER,
    )
    expect(late).toMatchObject({
      state: 'refunding',
      transactionId: 'wx_tx',
      refunds: [{ outRefundNo: '202611227K3F9XQ2R1', amountFen: 5000, state: 'pending' }],
    })
  })
})
