// The merchant's side of money on the local cloud and its WeChat Pay stand-in: partial and full
// refunds with a reason (merchant.refundOrder) and their audit rows, a cancellation after a
// partial refund refunding only the rest, refused refunds writing nothing, a double tap refunding once, a refund failing
// then succeeding, the failed-refunds list and its retry, and the day's reconciliation read from
// the payment ledger (rows written once, whatever WeChat repeats).
import { chinaDateOf } from '@/domain/china-date'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { refundsOf, type OrderPayment } from '@/domain/payment'
import { chinaDaytimeToday } from '../helpers/local-cloud'
import { callerFor } from '../helpers/demo-cloud'
import { waitForValue } from '../helpers/wait'
import { consumerA, makeClient, merchant, rid, startOrderCloud } from './order-helpers'

const env = startOrderCloud()
const { create, act, find, stored, settlePayments } = makeClient(env)
const merchantCall = callerFor(env, FUNCTIONS.merchant)

beforeEach(() => env.cloud.clock.set(chinaDaytimeToday()))
afterEach(async () => {
  await env.cloud.pay.drain()
  env.cloud.pay.script({ refund: 'normal' })
  env.cloud.clock.set(null)
})

const refund = (orderId: string, amountFen: number, requestId = rid(), note?: string) =>
  merchantCall(
    'refundOrder',
    { orderId, amountFen, reason: '与顾客协商退款', requestId, ...(note ? { note } : {}) },
    merchant,
  )
const stand = async (outTradeNo: string) =>
  (await env.cloud.pay.refunds()).filter((r) => r.outTradeNo === outTradeNo)
const ledgerRows = () => find(COLLECTIONS.paymentLedger)
const fireTimer = () => env.cloud.fireTimer(FUNCTIONS.order)
/** Everything a refused refund must leave alone: orders, the ledger, the stand-in's refunds. */
const everything = async () => ({
  orders: await find(COLLECTIONS.orders),
  audit: await find(COLLECTIONS.orderAudit),
  ledger: await ledgerRows(),
  refunds: await env.cloud.pay.refunds(),
})
const paymentOf = async (orderId: string): Promise<OrderPayment> => (await stored(orderId)).payment

describe('merchant.refundOrder', () => {
  test('part, then the rest: stays paid (部分退款) until the whole amount is back, node unchanged', async () => {
    const order = await create(consumerA)
    const paid = order.payment.amountFen
    const first = await refund(order._id, 1000, rid(), '袖口改短')
    expect(first).toMatchObject({
      ok: true,
      data: {
        repeated: false,
        refund: {
          outRefundNo: `${order.orderNo.replace('-', '')}R1`,
          amountFen: 1000,
          state: 'pending',
          reason: '与顾客协商退款：袖口改短',
          requestedBy: { role: 'merchant', openid: merchant },
        },
      },
    })
    await settlePayments()
    let payment = await paymentOf(order._id)
    expect(payment.state).toBe('paid')
    expect(refundsOf(payment)).toMatchObject([{ state: 'succeeded', amountFen: 1000 }])
    expect((await stored(order._id)).node).toBe(order.node)
    expect((await stored(order._id)).version).toBe(order.version)

    await expect(refund(order._id, paid - 1000)).resolves.toMatchObject({ ok: true })
    await settlePayments()
    payment = await paymentOf(order._id)
    expect(payment).toMatchObject({ state: 'refunded', refundOpen: false })
    expect(refundsOf(payment).map((r) => [r.outRefundNo.slice(-2), r.amountFen, r.state])).toEqual([
      ['R1', 1000, 'succeeded'],
      ['R2', paid - 1000, 'succeeded'],
    ])
    const atWeChat = await stand(order.payment.outTradeNo)
    expect(atWeChat.map((r) => r.refundFee).sort()).toEqual([1000, paid - 1000].sort())
  })

  test('each refund leaves one audit row: who, when, amount, reason, outRefundNo; a repeat adds none', async () => {
    const order = await create(consumerA)
    const requestId = rid('audited')
    const first = await refund(order._id, 1000, requestId, '袖口改短')
    expect(first.ok).toBe(true)
    await expect(refund(order._id, 1000, requestId, '袖口改短')).resolves.toMatchObject({
      ok: true,
      data: { repeated: true },
    })
    const rows = await find(COLLECTIONS.orderAudit, { orderId: order._id, event: 'refund' })
    expect(rows).toEqual([
      expect.objectContaining({
        orderNo: order.orderNo,
        from: order.node,
        to: order.node,
        actorRole: 'merchant',
        actorOpenid: merchant,
        at: expect.any(Date),
        version: order.version,
        note: '与顾客协商退款：袖口改短',
        detail: {
          outRefundNo: first.data.refund.outRefundNo,
          amountFen: 1000,
          reason: '与顾客协商退款：袖口改短',
          requestId,
        },
      }),
    ])
    // When: the function's clock (set to today's daytime before each test) at the request.
    const { at } = rows[0]
    expect(at.getTime() - chinaDaytimeToday().getTime()).toBeGreaterThanOrEqual(0)
    expect(at.getTime() - chinaDaytimeToday().getTime()).toBeLessThan(60_000)
  })

  test('a cancellation after a partial refund refunds only what is left', async () => {
    const order = await create(consumerA)
    await refund(order._id, 2500)
    await settlePayments()
    await expect(act(consumerA, order._id, 'cancel')).resolves.toMatchObject({ ok: true })
    await settlePayments()
    const payment = await paymentOf(order._id)
    expect(payment.state).toBe('refunded')
    expect(refundsOf(payment)).toMatchObject([
      { amountFen: 2500, state: 'succeeded', requestedBy: { role: 'merchant' } },
      { amountFen: order.payment.amountFen - 2500, state: 'succeeded', reason: '订单取消' },
    ])
    const atWeChat = await stand(order.payment.outTradeNo)
    expect(atWeChat.reduce((sum, r) => sum + r.refundFee, 0)).toBe(order.payment.amountFen)
  })

  test.each([
    ['more than was paid', (paid: number) => paid + 1, 'REFUND_TOO_MUCH'],
    ['zero', () => 0, 'INVALID_INPUT'],
    ['negative', () => -100, 'INVALID_INPUT'],
    ['not whole fen', () => 10.5, 'INVALID_INPUT'],
  ])('%s is refused with a stable code and nothing written', async (_name, amount, code) => {
    const order = await create(consumerA)
    await settlePayments()
    const before = await everything()
    await expect(refund(order._id, amount(order.payment.amountFen))).resolves.toMatchObject({
      ok: false,
      code,
    })
    expect(await everything()).toEqual(before)
  })

  test('over what is left after a partial refund, an unpaid order, a fully refunded one', async () => {
    const order = await create(consumerA)
    await refund(order._id, order.payment.amountFen - 100)
    await settlePayments()
    let before = await everything()
    await expect(refund(order._id, 101)).resolves.toMatchObject({
      ok: false,
      code: 'REFUND_TOO_MUCH',
      message: expect.stringContaining('¥1'),
    })
    expect(await everything()).toEqual(before)
    await refund(order._id, 100)
    await settlePayments()
    before = await everything()
    await expect(refund(order._id, 1)).resolves.toMatchObject({
      ok: false,
      code: 'REFUND_TOO_MUCH',
    })

    const unpaid = await create(consumerA, {}, { paid: false })
    before = await everything()
    await expect(refund(unpaid._id, 100)).resolves.toMatchObject({ ok: false, code: 'NOT_PAID' })
    await expect(refund('ord_missing', 100)).resolves.toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    expect(await everything()).toEqual(before)
  })

  test('a double tap (same requestId, even at once) refunds once', async () => {
    const order = await create(consumerA)
    const requestId = rid('tap')
    const answers = await Promise.all([
      refund(order._id, 1200, requestId),
      refund(order._id, 1200, requestId),
    ])
    await expect(refund(order._id, 1200, requestId)).resolves.toMatchObject({
      ok: true,
      data: { repeated: true },
    })
    expect(answers.every((a) => a.ok)).toBe(true)
    await settlePayments()
    expect(refundsOf(await paymentOf(order._id))).toHaveLength(1)
    expect(await stand(order.payment.outTradeNo)).toHaveLength(1)
  })

  test('a refund WeChat refuses is listed with its reason; 重试 sends the same number once it can', async () => {
    const order = await create(consumerA)
    env.cloud.pay.script({ refund: 'fail' })
    const answer = await refund(order._id, 800)
    expect(answer).toMatchObject({ ok: true, data: { refund: { state: 'failed' } } })
    const outRefundNo = answer.data.refund.outRefundNo
    expect(await paymentOf(order._id)).toMatchObject({ state: 'paid', refundFailed: true })

    const listed = await merchantCall('failedRefunds', undefined, merchant)
    expect(listed.data.refunds).toContainEqual(
      expect.objectContaining({
        orderId: order._id,
        orderNo: order.orderNo,
        outRefundNo,
        amountFen: 800,
        failure: expect.stringMatching(/余额不足/),
      }),
    )
    const dashboard = await merchantCall('dashboard', undefined, merchant)
    expect(dashboard.data.failedRefunds).toBeGreaterThanOrEqual(1)
    // Still failing: the retry answers the failure again; nothing reached WeChat.
    await expect(
      merchantCall('retryRefund', { orderId: order._id, outRefundNo }, merchant),
    ).resolves.toMatchObject({ ok: true, data: { refund: { state: 'failed' } } })
    // The failed amount stays spoken for: the merchant cannot refund it a second time.
    await expect(refund(order._id, order.payment.amountFen - 799)).resolves.toMatchObject({
      ok: false,
      code: 'REFUND_TOO_MUCH',
    })

    env.cloud.pay.script({ refund: 'normal' })
    await expect(
      merchantCall('retryRefund', { orderId: order._id, outRefundNo }, merchant),
    ).resolves.toMatchObject({ ok: true, data: { refund: { outRefundNo, state: 'pending' } } })
    await settlePayments()
    expect(refundsOf(await paymentOf(order._id))).toMatchObject([
      { outRefundNo, state: 'succeeded' },
    ])
    // A second retry of a refund that succeeded is refused; WeChat holds one refund.
    await expect(
      merchantCall('retryRefund', { orderId: order._id, outRefundNo }, merchant),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    expect(await stand(order.payment.outTradeNo)).toHaveLength(1)
    const after = await merchantCall('failedRefunds', undefined, merchant)
    expect(after.data.refunds.map((r: { orderId: string }) => r.orderId)).not.toContain(order._id)
  })

  test('SYSTEMERROR leaves the partial refund pending; the order timer resends it (same number)', async () => {
    const order = await create(consumerA)
    env.cloud.pay.script({ refund: 'fail_then_succeed' })
    await refund(order._id, 700)
    expect(refundsOf(await paymentOf(order._id))).toMatchObject([{ state: 'pending' }])
    expect(await stand(order.payment.outTradeNo)).toEqual([])
    await fireTimer()
    await waitForValue(
      () => paymentOf(order._id),
      (p) => refundsOf(p)[0]?.state === 'succeeded',
      'the resent refund',
    )
    expect(await stand(order.payment.outTradeNo)).toHaveLength(1)
  })
})

describe('the payment ledger and merchant.reconciliation', () => {
  test('one row per payment and per paid-out refund, however often WeChat repeats itself', async () => {
    const order = await create(consumerA)
    await refund(order._id, 1500)
    await settlePayments()
    const rows = (await ledgerRows()).filter((r) => r.orderId === order._id)
    expect(rows.map((r) => [r.kind, r.amountFen])).toEqual(
      expect.arrayContaining([
        ['pay', order.payment.amountFen],
        ['refund', 1500],
      ]),
    )
    expect(rows).toHaveLength(2)
    const refundNo = refundsOf(await paymentOf(order._id))[0].outRefundNo
    const before = await everything()
    for (let i = 0; i < 3; i += 1) {
      await env.cloud.invoke(FUNCTIONS.payment, { outTradeNo: order.payment.outTradeNo }, null)
      await env.cloud.invoke(FUNCTIONS.payment, { outRefundNo: refundNo }, null)
    }
    await fireTimer()
    expect(await everything()).toEqual(before)
  })

  test('a day adds up: totals are the sum of the rows, and match the orders', async () => {
    const a = await create(consumerA)
    const b = await create(consumerA)
    await refund(b._id, 3000)
    const c = await create(consumerA)
    await act(consumerA, c._id, 'cancel')
    await settlePayments()

    const date = chinaDateOf(chinaDaytimeToday())
    const answer = await merchantCall('reconciliation', { date }, merchant)
    expect(answer.ok).toBe(true)
    const { totals, rows } = answer.data
    const sum = (key: 'paidFen' | 'refundedFen' | 'netFen') =>
      rows.reduce((total: number, row: Record<string, number>) => total + row[key], 0)
    expect(answer.data.pages).toBe(1)
    expect(totals.paidFen).toBe(sum('paidFen'))
    expect(totals.refundedFen).toBe(sum('refundedFen'))
    expect(totals.netFen).toBe(totals.paidFen - totals.refundedFen)
    expect(totals.orders).toBe(rows.length)

    // Against the orders themselves: every order paid today, every refund paid out today.
    const all = (await find(COLLECTIONS.orders)) as Array<{
      _id: string
      orderNo: string
      payment: OrderPayment & { paidAt: string | null }
    }>
    const paidToday = all.filter((o) => o.payment.paidAt && chinaDateOf(o.payment.paidAt) === date)
    expect(totals.paidFen).toBe(paidToday.reduce((s, o) => s + o.payment.amountFen, 0))
    const refundedToday = all.flatMap((o) =>
      refundsOf(o.payment).filter((r) => r.state === 'succeeded' && chinaDateOf(r.at) === date),
    )
    expect(totals.refundedFen).toBe(refundedToday.reduce((s, r) => s + r.amountFen, 0))
    expect(totals.refunds).toBe(refundedToday.length)

    const rowOf = (orderNo: string) => rows.find((r: { orderNo: string }) => r.orderNo === orderNo)
    expect(rowOf(a.orderNo)).toMatchObject({ paidFen: a.payment.amountFen, refundedFen: 0 })
    expect(rowOf(b.orderNo)).toMatchObject({
      paidFen: b.payment.amountFen,
      refundedFen: 3000,
      netFen: b.payment.amountFen - 3000,
    })
    expect(rowOf(c.orderNo)).toMatchObject({ paidFen: c.payment.amountFen, netFen: 0 })
  })

  test('another day has nothing; a bad date is refused', async () => {
    const empty = await merchantCall('reconciliation', { date: '2020-01-01' }, merchant)
    expect(empty).toMatchObject({
      ok: true,
      data: { date: '2020-01-01', rows: [], totals: { paidFen: 0, refundedFen: 0, netFen: 0 } },
    })
    await expect(
      merchantCall('reconciliation', { date: '2026-02-30' }, merchant),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})
