// The refund rules (payment.ts): refunds pending, succeeded or failed never add up to more than
// was paid; a partial refund leaves the payment paid; the rest makes it refunded; a cancellation
// refunds only what is left; old records with a single `refund` read as a list of one. And the
// ledger (ledger.ts): one row per payment and per paid-out refund, folded into a day.
import fc from 'fast-check'
import { applyTransition } from '@/domain/order-transition'
import { ledgerEntriesOf, reconcile } from '@/domain/ledger'
import { refundAmountOf, refundReasonText } from '@/domain/money-views'
import {
  addRefund,
  newRefunds,
  paymentOnCancel,
  refundRefusal,
  refundsOf,
  refundTotals,
  retryRefund,
  settleRefund,
  type OrderPayment,
  type OrderRefund,
} from '@/domain/payment'
import { paymentNotice, paymentTag, refundLines } from '@/domain/payment-view'
import type { Wire } from '@/domain/api/contract'
import { makeOrder, makeUnpaidOrder, MERCHANT, NOW } from './order-factories'

const BY = { role: 'merchant' as const, openid: MERCHANT }
const LATER = new Date(NOW.getTime() + 60_000)
const ORDER_NO = '20261122-7K3F9XQ2'

function refunded(payment: OrderPayment, amountFen: number, reason = '协商退款'): OrderPayment {
  const added = addRefund(payment, ORDER_NO, { amountFen, reason, requestedBy: BY }, NOW)
  if (!added.ok) throw new Error(added.message)
  return added.payment
}
const paid = () => makeOrder().payment
const wire = (payment: OrderPayment) => JSON.parse(JSON.stringify(payment)) as Wire<OrderPayment>

describe('adding a refund', () => {
  test('a partial refund stays paid; the rest makes it refunding, then refunded', () => {
    const start = paid()
    const amount = start.amountFen
    const one = refunded(start, 1000)
    expect(one).toMatchObject({ state: 'paid', refundOpen: true, refundFailed: false })
    expect(refundsOf(one)).toMatchObject([
      { outRefundNo: '202611227K3F9XQ2R1', amountFen: 1000, state: 'pending', requestedBy: BY },
    ])
    expect(refundTotals(one)).toMatchObject({
      paidFen: amount,
      pendingFen: 1000,
      restFen: amount - 1000,
    })
    const settled = settleRefund(one, '202611227K3F9XQ2R1', { state: 'succeeded' }, LATER)
    expect(settled).toMatchObject({ state: 'paid', refundOpen: false })
    const all = refunded(settled, amount - 1000)
    expect(all.state).toBe('refunding')
    expect(refundsOf(all)[1].outRefundNo).toBe('202611227K3F9XQ2R2')
    const done = settleRefund(all, '202611227K3F9XQ2R2', { state: 'succeeded' }, LATER)
    expect(done).toMatchObject({ state: 'refunded', refundOpen: false })
    expect(refundTotals(done)).toMatchObject({ refundedFen: amount, restFen: 0 })
  })

  test.each([
    ['zero', 0, 'INVALID_INPUT'],
    ['negative', -1, 'INVALID_INPUT'],
    ['a fraction of a fen', 0.5, 'INVALID_INPUT'],
    ['one fen more than paid', 'paid+1', 'REFUND_TOO_MUCH'],
  ])('%s is refused (%s)', (_name, amount, code) => {
    const payment = paid()
    const fen = amount === 'paid+1' ? payment.amountFen + 1 : (amount as number)
    expect(refundRefusal(payment, fen)).toMatchObject({ code })
    expect(
      addRefund(payment, ORDER_NO, { amountFen: fen, reason: 'x', requestedBy: BY }, NOW),
    ).toMatchObject({
      ok: false,
      code,
    })
  })

  test('an unpaid or closed order has nothing to refund; a fully refunded one neither', () => {
    expect(refundRefusal(makeUnpaidOrder().payment, 100)).toMatchObject({ code: 'NOT_PAID' })
    expect(refundRefusal({ ...makeUnpaidOrder().payment, state: 'closed' }, 100)).toMatchObject({
      code: 'NOT_PAID',
    })
    const all = refunded(paid(), paid().amountFen)
    expect(refundRefusal(all, 1)).toMatchObject({
      code: 'REFUND_TOO_MUCH',
      message: '订单已全额退款，没有可退的余额',
    })
  })

  test('a failed refund keeps its amount spoken for; its retry puts it back to pending, same number', () => {
    const one = refunded(paid(), 2000)
    const failed = settleRefund(
      one,
      '202611227K3F9XQ2R1',
      { state: 'failed', failure: 'NOTENOUGH' },
      LATER,
    )
    expect(failed).toMatchObject({ state: 'paid', refundOpen: true, refundFailed: true })
    expect(refundTotals(failed).restFen).toBe(paid().amountFen - 2000)
    const again = retryRefund(failed, '202611227K3F9XQ2R1')
    expect(refundsOf(again)).toMatchObject([
      { outRefundNo: '202611227K3F9XQ2R1', amountFen: 2000, state: 'pending', failure: null },
    ])
    expect(again.refundFailed).toBe(false)
    // A refund WeChat paid out is final.
    const done = settleRefund(again, '202611227K3F9XQ2R1', { state: 'succeeded' }, LATER)
    expect(settleRefund(done, '202611227K3F9XQ2R1', { state: 'failed', failure: 'x' }, LATER)).toBe(
      done,
    )
  })

  test('whatever refunds are asked, pending + succeeded + failed never exceed what was paid', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.integer({ min: -10, max: 60_000 }),
            outcome: fc.constantFrom('succeeded', 'failed', 'pending', 'retry'),
          }),
          { maxLength: 12 },
        ),
        (steps) => {
          let payment = paid()
          for (const step of steps) {
            const added = addRefund(
              payment,
              ORDER_NO,
              { amountFen: step.amount, reason: 'x', requestedBy: BY },
              NOW,
            )
            if (!added.ok) continue
            payment = added.payment
            const no = added.refund.outRefundNo
            if (step.outcome === 'succeeded')
              payment = settleRefund(payment, no, { state: 'succeeded' }, LATER)
            if (step.outcome === 'failed' || step.outcome === 'retry')
              payment = settleRefund(payment, no, { state: 'failed', failure: 'x' }, LATER)
            if (step.outcome === 'retry') payment = retryRefund(payment, no)
          }
          const sum = refundsOf(payment).reduce((s, r) => s + r.amountFen, 0)
          expect(sum).toBeLessThanOrEqual(payment.amountFen)
          const numbers = refundsOf(payment).map((r) => r.outRefundNo)
          expect(new Set(numbers).size).toBe(numbers.length)
          expect(payment.state === 'paid').toBe(refundTotals(payment).restFen > 0)
        },
      ),
    )
  })
})

describe('cancelling after refunds', () => {
  test('refunds only what is left, as R2', () => {
    const order = makeOrder()
    const partial = { ...order, payment: refunded(order.payment, 3000) }
    const out = applyTransition(
      partial,
      'cancel',
      { role: 'consumer', openid: order.ownerOpenid },
      {},
      NOW,
      { env: 'test-env' },
    )
    if (!out.ok) throw new Error(out.message)
    expect(refundsOf(out.data.order.payment)).toMatchObject([
      { amountFen: 3000 },
      {
        outRefundNo: `${order.orderNo.replace('-', '')}R2`,
        amountFen: order.payment.amountFen - 3000,
        state: 'pending',
        requestedBy: { role: 'consumer' },
      },
    ])
    expect(out.data.order.payment.state).toBe('refunding')
    expect(newRefunds(partial.payment, out.data.order.payment)).toHaveLength(1)
  })

  test('a payment refunded in full is left as it is', () => {
    const all = refunded(paid(), paid().amountFen)
    expect(paymentOnCancel(all, ORDER_NO, '订单取消', NOW)).toBe(all)
  })
})

describe('records from before the list', () => {
  const legacy = (refund: OrderRefund): OrderPayment => {
    const { refunds: _list, ...rest } = paid()
    void _list
    return { ...rest, state: 'refund_failed', refund }
  }
  const old: OrderRefund = {
    outRefundNo: '202611227K3F9XQ2R1',
    amountFen: 47900,
    state: 'failed',
    reason: '订单取消',
    failure: 'NOTENOUGH',
    at: NOW,
  }

  test('a single `refund` reads as a list of one, and settles into the list', () => {
    const payment = legacy({ ...old, amountFen: paid().amountFen })
    expect(refundsOf(payment)).toHaveLength(1)
    expect(refundTotals(payment).restFen).toBe(0)
    const retried = retryRefund(payment, old.outRefundNo)
    expect(retried).not.toHaveProperty('refund')
    expect(retried).toMatchObject({ state: 'refunding', refunds: [{ state: 'pending' }] })
    expect(paymentNotice(wire(payment), 'cancelled', 'merchant')?.text).toContain('NOTENOUGH')
  })
})

describe('what the screens say', () => {
  test('部分退款 on tags and notices; each refund listed with its state', () => {
    const payment = refunded(paid(), 1000, '延期补偿')
    expect(paymentTag(wire(payment), 'merchant')).toBe('部分退款')
    expect(paymentTag(wire(payment), 'consumer')).toBe('部分退款')
    expect(paymentNotice(wire(payment), 'production', 'consumer')).toMatchObject({
      title: '部分退款',
      text: expect.stringContaining('退款中 ¥10'),
    })
    expect(refundLines(wire(payment), 'consumer')).toMatchObject([
      { title: '退款 ¥10 · 退款中', reason: '延期补偿', failure: null },
    ])
    const failed = settleRefund(
      payment,
      '202611227K3F9XQ2R1',
      { state: 'failed', failure: '余额不足' },
      LATER,
    )
    expect(refundLines(wire(failed), 'merchant')[0].failure).toBe('微信支付：余额不足')
    expect(refundLines(wire(failed), 'consumer')[0].failure).toBe('暂未退回成功，系统会自动重试')
  })

  test('the form: amount in yuan within the rest; the reason with its note', () => {
    expect(refundAmountOf('12.5', 2000)).toEqual({ ok: true, amountFen: 1250 })
    expect(refundAmountOf('0', 2000)).toMatchObject({ ok: false })
    expect(refundAmountOf('1.234', 2000)).toMatchObject({ ok: false })
    expect(refundAmountOf('abc', 2000)).toMatchObject({ ok: false })
    expect(refundAmountOf('20.01', 2000)).toMatchObject({
      ok: false,
      message: expect.stringContaining('¥20'),
    })
    expect(refundReasonText('其他', '  面料换了 ')).toBe('其他：面料换了')
    expect(refundReasonText('延期补偿', undefined)).toBe('延期补偿')
  })
})

describe('the ledger', () => {
  const order = makeOrder()
  test('a payment and each paid-out refund once; a repeat adds nothing', () => {
    const unpaidOrder = { ...order, payment: makeUnpaidOrder().payment }
    expect(ledgerEntriesOf(unpaidOrder, order, NOW)).toMatchObject([
      {
        _id: order.payment.outTradeNo,
        kind: 'pay',
        amountFen: order.payment.amountFen,
        chinaDate: '2026-11-22',
      },
    ])
    expect(ledgerEntriesOf(order, order, NOW)).toEqual([])
    const pending = { ...order, payment: refunded(order.payment, 500) }
    expect(ledgerEntriesOf(order, pending, NOW)).toEqual([])
    const done = {
      ...pending,
      payment: settleRefund(
        pending.payment,
        refundsOf(pending.payment)[0].outRefundNo,
        { state: 'succeeded' },
        LATER,
      ),
    }
    expect(ledgerEntriesOf(pending, done, LATER)).toMatchObject([
      { kind: 'refund', amountFen: 500 },
    ])
    expect(ledgerEntriesOf(done, done, LATER)).toEqual([])
  })

  test('a day folds into totals that are the sum of its rows', () => {
    const { totals, rows } = reconcile([
      { kind: 'pay', orderId: 'b', orderNo: '2', amountFen: 500 },
      { kind: 'pay', orderId: 'a', orderNo: '1', amountFen: 1000 },
      { kind: 'refund', orderId: 'a', orderNo: '1', amountFen: 300 },
      { kind: 'refund', orderId: 'c', orderNo: '3', amountFen: 200 },
    ])
    expect(totals).toEqual({
      paidFen: 1500,
      refundedFen: 500,
      netFen: 1000,
      payments: 2,
      refunds: 2,
      orders: 3,
    })
    expect(rows.map((r) => [r.orderNo, r.paidFen, r.refundedFen, r.netFen])).toEqual([
      ['1', 1000, 300, 700],
      ['2', 500, 0, 500],
      ['3', 0, 200, -200],
    ])
  })
})
