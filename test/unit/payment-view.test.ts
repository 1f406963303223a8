// What the screens say about an order's payment (src/domain/payment-view.ts), per state and
// audience; the countdown; the wait for WeChat's callback.
import {
  awaitingPayment,
  formatCountdown,
  msUntil,
  orderUrlAfterSheet,
  paymentNotice,
  paymentTag,
  pollUntil,
  REFUND_POLL,
  refundPollDue,
  type PaymentView,
  unpaidOutcomeText,
  UNPAID_OUTCOME_TEXT,
} from '@/domain/payment-view'
import { orderCancelQuestion } from '@/domain/order-payment-view'
import type { PaymentState } from '@/domain/payment'

const DUE = '2026-12-01T04:30:00.000Z' // 12:30 China time

function payment(state: PaymentState, overrides: Partial<PaymentView> = {}): PaymentView {
  return {
    state,
    amountFen: 47900,
    dueBy: DUE,
    attempts: 1,
    paidAt: state === 'unpaid' || state === 'closed' ? null : '2026-12-01T04:05:00.000Z',
    transactionId: null,
    refund: ['refunding', 'refunded', 'refund_failed'].includes(state)
      ? {
          outRefundNo: '20261201000001R1',
          amountFen: 47900,
          state:
            state === 'refunded' ? 'succeeded' : state === 'refund_failed' ? 'failed' : 'pending',
          reason: '顾客取消订单',
          failure: state === 'refund_failed' ? '商户账户余额不足' : null,
          at: '2026-12-01T05:00:00.000Z',
        }
      : null,
    ...overrides,
  }
}

test.each([
  ['unpaid', 'consumer', '待付款'],
  ['unpaid', 'merchant', '待付款'],
  ['paid', 'consumer', null],
  ['paid', 'merchant', '已付款'],
  ['refunding', 'consumer', '退款中'],
  ['refunded', 'merchant', '已退款'],
  ['refund_failed', 'consumer', '退款失败'],
  ['refund_failed', 'merchant', '退款失败'],
  ['closed', 'consumer', null],
  ['closed', 'merchant', null],
] as const)('the %s tag for the %s is %s', (state, audience, tag) => {
  expect(paymentTag(payment(state), audience)).toBe(tag)
})

test('an order from before payments has no tag and no notice', () => {
  expect(paymentTag(undefined, 'merchant')).toBeNull()
  expect(paymentNotice(null, 'submitted', 'consumer')).toBeNull()
  expect(awaitingPayment(undefined, 'submitted')).toBe(false)
})

test('an unpaid submitted order asks the customer to pay by dueBy, in China time', () => {
  const notice = paymentNotice(payment('unpaid'), 'submitted', 'consumer')
  expect(notice).toEqual({
    state: 'unpaid',
    title: '待付款',
    text: '请在 12-01 12:30 前支付 ¥479，逾期未付订单将自动取消',
    tone: 'alert',
  })
  expect(awaitingPayment(payment('unpaid'), 'submitted')).toBe(true)
  expect(awaitingPayment(payment('unpaid'), 'cancelled')).toBe(false)
  expect(paymentNotice(payment('unpaid'), 'cancelled', 'consumer')).toBeNull()
})

test('the merchant reads that an unpaid order cannot be confirmed yet', () => {
  expect(paymentNotice(payment('unpaid'), 'submitted', 'merchant')?.text).toContain(
    '付款后才能确认订单',
  )
})

test('each refund state says the amount and what happens next', () => {
  expect(paymentNotice(payment('refunding'), 'cancelled', 'consumer')).toMatchObject({
    title: '退款中',
    text: '¥479 将原路退回你的微信支付，到账后这里会显示已退款',
    tone: 'info',
  })
  expect(paymentNotice(payment('refunded'), 'cancelled', 'consumer')?.text).toBe(
    '¥479 已原路退回你的微信支付',
  )
  const failed = paymentNotice(payment('refund_failed'), 'cancelled', 'consumer')
  expect(failed).toMatchObject({ title: '退款失败', tone: 'alert' })
  expect(failed?.text).toContain('系统会自动重试')
  expect(failed?.text).not.toContain('余额不足') // WeChat's reason is for the merchant
  expect(paymentNotice(payment('refund_failed'), 'cancelled', 'merchant')?.text).toContain(
    '微信支付：商户账户余额不足',
  )
})

test('the refund amount is the refund’s own', () => {
  const partial = payment('refunded')
  partial.refund = { ...partial.refund!, amountFen: 12050 }
  expect(paymentNotice(partial, 'cancelled', 'merchant')?.text).toContain('¥120.50')
})

test('a paid order: a receipt line for the merchant, nothing extra for the customer', () => {
  expect(paymentNotice(payment('paid'), 'confirmed', 'consumer')).toBeNull()
  expect(paymentNotice(payment('paid'), 'confirmed', 'merchant')?.text).toBe(
    '已支付 ¥479（12-01 12:05）',
  )
})

test('a closed order says no refund is due, once cancelled', () => {
  expect(paymentNotice(payment('closed'), 'cancelled', 'consumer')?.text).toBe(
    '订单未付款，已关闭，无需退款',
  )
})

test('cancelling a paid order says the money comes back', () => {
  const order = (state: 'paid' | 'unpaid') => ({
    node: 'submitted' as const,
    payment: payment(state),
    quote: { priceFen: 47900 },
  })
  expect(orderCancelQuestion(order('paid'))).toContain('已付的 ¥479 将原路退回')
  expect(orderCancelQuestion(order('unpaid'))).not.toContain('退回')
})

test.each([
  [30 * 60_000, '30:00'],
  [61_000, '01:01'],
  [59_001, '01:00'],
  [999, '00:01'],
  [0, '00:00'],
  [-5000, '00:00'],
  [90 * 60_000, '90:00'],
])('%i ms left reads %s', (ms, text) => {
  expect(formatCountdown(ms)).toBe(text)
})

test('msUntil counts down to dueBy and stops at 0', () => {
  const due = new Date(DUE).getTime()
  expect(msUntil(DUE, due - 1500)).toBe(1500)
  expect(msUntil(DUE, due + 1500)).toBe(0)
})

describe('pollUntil', () => {
  const options = { intervalMs: 1500, timeoutMs: 10_000 }

  test('stops at the first answer that is done', async () => {
    const answers = ['unpaid', 'unpaid', 'paid', 'paid']
    const slept: number[] = []
    const read = jest.fn(async () => answers.shift()!)
    const result = await pollUntil(
      read,
      (s) => s === 'paid',
      options,
      async (ms) => {
        slept.push(ms)
      },
    )
    expect(result).toEqual({ value: 'paid', done: true })
    expect(read).toHaveBeenCalledTimes(3)
    expect(slept).toEqual([1500, 1500])
  })

  test('gives up after the timeout with the last answer', async () => {
    let waited = 0
    const read = jest.fn(async () => 'unpaid')
    const result = await pollUntil(
      read,
      (s) => s === 'paid',
      options,
      async (ms) => {
        waited += ms
      },
    )
    expect(result).toEqual({ value: 'unpaid', done: false })
    expect(waited).toBeLessThanOrEqual(10_000)
    expect(read).toHaveBeenCalledTimes(7) // at 0, 1.5, 3, 4.5, 6, 7.5, 9 s
  })
})

describe('refundPollDue: the order page re-reads only while a refund shows 退款中', () => {
  const pendingRefund = {
    outRefundNo: '20261201000001R1',
    amountFen: 5000,
    state: 'pending' as const,
    reason: '其他',
    failure: null,
    at: '2026-12-01T05:00:00.000Z',
  }
  test.each([
    ['unpaid', false],
    ['paid', false],
    ['refunding', true],
    ['refunded', false],
    ['refund_failed', false],
    ['closed', false],
  ] as const)('%s: %s', (state, due) => {
    expect(refundPollDue(payment(state), 0)).toBe(due)
  })

  test('a paid order with a partial refund pending: yes; once it settled or failed: no', () => {
    const partial = (state: 'pending' | 'succeeded' | 'failed') =>
      payment('paid', { refunds: [{ ...pendingRefund, state }] })
    expect(refundPollDue(partial('pending'), 0)).toBe(true)
    expect(refundPollDue(partial('succeeded'), 0)).toBe(false)
    expect(refundPollDue(partial('failed'), 0)).toBe(false)
  })

  test('an order from before payments: no', () => {
    expect(refundPollDue(undefined, 0)).toBe(false)
    expect(refundPollDue(null, 0)).toBe(false)
  })

  test('every few seconds, for about a minute at most', () => {
    expect(REFUND_POLL.intervalMs).toBeGreaterThanOrEqual(2000)
    expect(REFUND_POLL.intervalMs).toBeLessThanOrEqual(5000)
    const last = REFUND_POLL.timeoutMs - REFUND_POLL.intervalMs
    expect(refundPollDue(payment('refunding'), last)).toBe(true)
    expect(refundPollDue(payment('refunding'), last + 1)).toBe(false)
    expect(refundPollDue(payment('refunding'), 60_000)).toBe(false)
  })
})

describe('the order page after the sheet closed', () => {
  const url = '/shop/pages/order/index?id=o1'
  test('carries the outcome, which the order page reads back as its toast', () => {
    expect(orderUrlAfterSheet(url, 'paid')).toBe(`${url}&paid=1`)
    for (const outcome of ['cancelled', 'failed'] as const) {
      const unpaid = new URLSearchParams(orderUrlAfterSheet(url, outcome).split('?')[1]).get(
        'unpaid',
      )
      expect(unpaidOutcomeText(unpaid ?? undefined)).toBe(UNPAID_OUTCOME_TEXT[outcome])
    }
  })
  test('says nothing for a missing or unknown outcome', () => {
    for (const param of [undefined, '', 'paid', 'toString', '__proto__'])
      expect(unpaidOutcomeText(param)).toBeNull()
  })
})
