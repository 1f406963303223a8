// WeChat Pay end to end on the local cloud's stand-in: order.pay, the `payment` callback function
// (repeated, delayed, lost, forged), the order timer's reconciliation and expiry, and the refund
// that follows every cancellation of a paid order, exactly once.
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { urgentQuotaId } from '@/domain/pricing'
import { chinaDaytimeToday } from '../helpers/local-cloud'
import { payOrder } from '../helpers/demo-cloud'
import { waitForValue } from '../helpers/wait'
import { storedBatch } from '../helpers/batch-count'
import {
  consumerA,
  consumerB,
  inDays,
  linenSelection,
  makeClient,
  merchant,
  shirtSelection,
  startOrderCloud,
  today,
} from './order-helpers'

const env = startOrderCloud()
const { call, create, act, find, auditOf, stored, snapshot } = makeClient(env)
const MINUTE = 60_000

// Payment times are checked against the functions' clock: a China daytime, so an urgent order's
// slot is given back on the day it was placed.
beforeEach(() => env.cloud.clock.set(chinaDaytimeToday()))
afterEach(async () => {
  await env.cloud.pay.drain()
  // Refund scripts hold until changed; callback scripts queue, and each test spends its own.
  env.cloud.pay.script({ refund: 'normal' })
  env.cloud.clock.set(null)
})

const unpaid = (openid = consumerA, overrides: Record<string, unknown> = {}) =>
  create(openid, overrides, { paid: false })
const pay = (orderId: string, openid = consumerA) => call('pay', { orderId }, openid)
const payEvents = async (orderId: string) =>
  (await auditOf(orderId)).filter((row: { event: string }) => row.event === 'pay')
const refundsOf = async (outTradeNo: string) =>
  (await env.cloud.pay.refunds()).filter((refund) => refund.outTradeNo === outTradeNo)
const tradeOf = async (outTradeNo: string) =>
  (await env.cloud.pay.trades()).find((trade) => trade.outTradeNo === outTradeNo)
const fireTimer = () => env.cloud.fireTimer(FUNCTIONS.order)
/** Moves the functions' clock past the order's payment due time. */
const pastDue = async (orderId: string) => {
  const order = await stored(orderId)
  env.cloud.clock.set(new Date(new Date(order.payment.dueBy).getTime() + MINUTE))
}
/** Also what the stand-in holds: a refused call starts no trade and no refund. */
const everything = async () => ({
  ...(await snapshot()),
  trades: await env.cloud.pay.trades(),
  refunds: await env.cloud.pay.refunds(),
})

describe('paying', () => {
  test('a new order waits for payment, due 30 minutes after it was placed', async () => {
    const order = await unpaid()
    expect(order.payment).toMatchObject({
      state: 'unpaid',
      amountFen: order.quote.priceFen,
      attempts: 0,
      refunds: [],
    })
    expect(new Date(order.payment.dueBy).getTime() - new Date(order.createdAt).getTime()).toBe(
      30 * MINUTE,
    )
    await expect(act(merchant, order._id, 'confirm')).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: '顾客尚未付款',
    })
  })

  test('order.pay answers what wx.requestPayment takes, for the stored amount', async () => {
    const order = await unpaid()
    const answer = await pay(order._id)
    expect(answer).toMatchObject({
      ok: true,
      data: {
        outTradeNo: `${order.orderNo.replace('-', '')}P1`,
        payment: {
          timeStamp: expect.any(String),
          nonceStr: expect.any(String),
          package: expect.stringMatching(/^prepay_id=/),
          paySign: expect.any(String),
        },
        order: { _id: order._id, payment: { state: 'unpaid', attempts: 1 } },
      },
    })
    expect(await tradeOf(answer.data.outTradeNo)).toMatchObject({ totalFee: order.quote.priceFen })
    expect((await stored(order._id)).payment.attempts).toBe(1)
  })

  test('the callback marks it paid once: audit row, timeline 已付款; the merchant may confirm', async () => {
    const order = await unpaid()
    env.cloud.pay.script({ callback: 'repeated', n: 3 })
    const { data } = await payOrder(env, order._id, consumerA)
    const paid = await stored(order._id)
    expect(paid.payment).toMatchObject({
      state: 'paid',
      outTradeNo: data.outTradeNo,
      transactionId: expect.any(String),
    })
    expect(paid.version).toBe(order.version + 1)
    expect(await payEvents(order._id)).toHaveLength(1)
    expect(paid.timeline.filter((e: { event: string }) => e.event === 'pay')).toEqual([
      expect.objectContaining({ note: '已付款', actorRole: 'system' }),
    ])
    await expect(act(merchant, order._id, 'confirm')).resolves.toMatchObject({ ok: true })
  })

  test('a delayed callback lands later and still applies once', async () => {
    const order = await unpaid()
    env.cloud.pay.script({ callback: 'delayed', ms: 300 })
    const { data } = await pay(order._id)
    await env.cloud.pay.complete(data.outTradeNo, 'paid')
    await env.cloud.pay.drain()
    expect((await stored(order._id)).payment.state).toBe('paid')
    expect(await payEvents(order._id)).toHaveLength(1)
  })

  test('a callback arriving twice at once, and the timer beside it, apply once', async () => {
    const order = await unpaid()
    env.cloud.pay.script({ callback: 'lost' })
    const { data } = await pay(order._id)
    await env.cloud.pay.complete(data.outTradeNo, 'paid')
    const event = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: data.outTradeNo }
    const answers = await Promise.all([
      env.cloud.invoke(FUNCTIONS.payment, event, null),
      env.cloud.invoke(FUNCTIONS.payment, event, null),
      fireTimer(),
    ])
    expect(answers.slice(0, 2)).toEqual([
      { errcode: 0, errmsg: 'OK' },
      { errcode: 0, errmsg: 'OK' },
    ])
    expect((await stored(order._id)).payment.state).toBe('paid')
    expect(await payEvents(order._id)).toHaveLength(1)
  })

  test('a lost callback is found by the order timer', async () => {
    const order = await unpaid()
    env.cloud.pay.script({ callback: 'lost' })
    const { data } = await pay(order._id)
    await env.cloud.pay.complete(data.outTradeNo, 'paid')
    await env.cloud.pay.drain()
    expect((await stored(order._id)).payment.state).toBe('unpaid')
    await fireTimer()
    expect((await stored(order._id)).payment).toMatchObject({
      state: 'paid',
      outTradeNo: data.outTradeNo,
    })
    expect(await payEvents(order._id)).toHaveLength(1)
  })

  test('a sheet cancelled or failed leaves it unpaid; paying again opens a new attempt', async () => {
    const order = await unpaid()
    const first = await pay(order._id)
    await env.cloud.pay.complete(first.data.outTradeNo, 'cancelled')
    const second = await pay(order._id)
    expect(second.data.outTradeNo).toMatch(/P2$/)
    await env.cloud.pay.complete(second.data.outTradeNo, 'failed')
    await env.cloud.pay.drain()
    expect((await stored(order._id)).payment).toMatchObject({ state: 'unpaid', attempts: 2 })
    await payOrder(env, order._id, consumerA)
    expect((await stored(order._id)).payment).toMatchObject({ state: 'paid', attempts: 3 })
  })
})

describe('refused payments write nothing', () => {
  test.each<[string, () => Promise<{ orderId: string; openid: string }>, string]>([
    [
      "someone else's order",
      async () => ({ orderId: (await unpaid(consumerA))._id, openid: consumerB }),
      'NOT_FOUND',
    ],
    [
      'an order that does not exist',
      async () => ({ orderId: 'ord_nonexistent0000000000', openid: consumerA }),
      'NOT_FOUND',
    ],
    [
      'a paid order',
      async () => ({ orderId: (await create(consumerA))._id, openid: consumerA }),
      'INVALID_TRANSITION',
    ],
    [
      'a cancelled order',
      async () => {
        const order = await unpaid()
        await act(consumerA, order._id, 'cancel')
        return { orderId: order._id, openid: consumerA }
      },
      'INVALID_TRANSITION',
    ],
    [
      'an order past its due time',
      async () => {
        const order = await unpaid()
        await pastDue(order._id)
        return { orderId: order._id, openid: consumerA }
      },
      'INVALID_TRANSITION',
    ],
    [
      'an expired order',
      async () => {
        const order = await unpaid()
        await pastDue(order._id)
        await fireTimer()
        return { orderId: order._id, openid: consumerA }
      },
      'INVALID_TRANSITION',
    ],
  ])('%s', async (_name, setUp, code) => {
    const { orderId, openid } = await setUp()
    const before = await everything()
    const answer = await pay(orderId, openid)
    expect(answer).toMatchObject({
      ok: false,
      code,
      message: expect.stringMatching(/[\u4e00-\u9fa5]/),
    })
    expect(await everything()).toEqual(before)
  })

  test('bad input and anonymous callers', async () => {
    const before = await everything()
    await expect(call('pay', {}, consumerA)).resolves.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(call('pay', { orderId: 'x', amountFen: 1 }, consumerA)).resolves.toMatchObject({
      ok: false,
    })
    await expect(call('pay', { orderId: 'ord_x' }, null)).resolves.toMatchObject({
      code: 'UNAUTHENTICATED',
    })
    expect(await everything()).toEqual(before)
  })

  test('a client amount is never used', async () => {
    const order = await unpaid()
    const answer = await call('pay', { orderId: order._id, totalFee: 1 }, consumerA)
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})

describe('forged callbacks change nothing', () => {
  test('a client calling the callback function (with an OPENID) is refused', async () => {
    const order = await unpaid()
    const { data } = await pay(order._id)
    const before = await everything()
    const forged = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: data.outTradeNo,
      totalFee: order.quote.priceFen,
      transactionId: 'forged',
    }
    const answer = await env.cloud.invoke(FUNCTIONS.payment, forged, consumerA)
    expect(answer).toMatchObject({ errcode: expect.any(Number) })
    expect((answer as { errcode: number }).errcode).not.toBe(0)
    expect(await everything()).toEqual(before)
  })

  test.each<[string, (outTradeNo: string, amount: number) => object]>([
    [
      'an unpaid attempt',
      (outTradeNo, amount) => ({
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        outTradeNo,
        totalFee: amount,
        transactionId: 'forged',
      }),
    ],
    ['another amount', (outTradeNo) => ({ returnCode: 'SUCCESS', outTradeNo, totalFee: 1 })],
    ['an attempt never started', (outTradeNo) => ({ outTradeNo: outTradeNo.replace(/P1$/, 'P9') })],
    ['a number not ours', () => ({ outTradeNo: 'X1' })],
    [
      'a refund of an order that has none',
      (outTradeNo) => ({ outRefundNo: outTradeNo.replace(/P1$/, 'R1') }),
    ],
    ['garbage', () => ({ outTradeNo: { $ne: 1 } })],
  ])('without an OPENID: %s', async (_name, event) => {
    const order = await unpaid()
    const { data } = await pay(order._id)
    const before = await everything()
    const answer = await env.cloud.invoke(
      FUNCTIONS.payment,
      event(data.outTradeNo, order.quote.priceFen),
      null,
    )
    expect(answer).toEqual({ errcode: 0, errmsg: 'OK' })
    expect(await everything()).toEqual(before)
  })
})

describe('unpaid orders expire', () => {
  test('the timer closes the attempt and cancels; stock, urgent slot and batch place come back', async () => {
    const day = today()
    const quota = async () =>
      (await find(COLLECTIONS.urgentQuotas, { _id: urgentQuotaId('prod_shirt', day) }))[0]?.count ??
      0
    const batch = async () => (await storedBatch(find, 'prod_linen_batch'))?.quantity ?? 0
    const quotaBefore = await quota()
    const batchBefore = await batch()
    const urgent = await unpaid(consumerA, { selection: shirtSelection({ urgent: true }) })
    const linen = await unpaid(consumerA, {
      productId: 'prod_linen_batch',
      selection: linenSelection(2),
    })
    expect(await quota()).toBe(quotaBefore + 1)
    expect(await batch()).toBe(batchBefore + 2)
    const attempt = await pay(urgent._id)
    await pastDue(urgent._id)
    await fireTimer()
    for (const order of [urgent, linen]) {
      const now = await stored(order._id)
      expect(now).toMatchObject({ node: 'cancelled', payment: { state: 'closed', refunds: [] } })
      expect(now.timeline.at(-1)).toMatchObject({ event: 'expire', actorRole: 'system' })
      const held = await find(COLLECTIONS.stockReservations, { orderId: order._id })
      expect(held.length).toBeGreaterThan(0)
      expect(held.every((r: { status: string }) => r.status === 'released')).toBe(true)
    }
    expect(await tradeOf(attempt.data.outTradeNo)).toMatchObject({ state: 'CLOSED' })
    expect(await quota()).toBe(quotaBefore)
    expect(await batch()).toBe(batchBefore)
  })

  test('not before its due time', async () => {
    const order = await unpaid()
    env.cloud.clock.set(new Date(new Date(order.payment.dueBy).getTime() - MINUTE))
    await fireTimer()
    expect((await stored(order._id)).node).toBe('submitted')
  })

  test('paid on the sheet but the callback lost: the timer marks it paid instead of expiring it', async () => {
    const order = await unpaid()
    env.cloud.pay.script({ callback: 'lost' })
    const { data } = await pay(order._id)
    await env.cloud.pay.complete(data.outTradeNo, 'paid')
    await pastDue(order._id)
    await fireTimer()
    expect(await stored(order._id)).toMatchObject({ node: 'submitted', payment: { state: 'paid' } })
    expect(await refundsOf(data.outTradeNo)).toEqual([])
  })
})

describe('every cancellation of a paid order refunds it exactly once', () => {
  const refunded = async (orderId: string) => {
    // The stand-in pays the refund out just after answering, then sends its notice.
    const order = await waitForValue(
      () => stored(orderId),
      (o) => o.payment.state !== 'refunding',
      'the refund notice',
    )
    expect(order).toMatchObject({
      node: 'cancelled',
      payment: {
        state: 'refunded',
        refunds: [
          {
            outRefundNo: `${order.orderNo.replace('-', '')}R1`,
            amountFen: order.payment.amountFen,
            state: 'succeeded',
          },
        ],
      },
    })
    const refunds = await refundsOf(order.payment.outTradeNo)
    expect(refunds).toHaveLength(1)
    expect(refunds[0]).toMatchObject({
      outRefundNo: order.payment.refunds[0].outRefundNo,
      refundFee: order.payment.amountFen,
    })
    // The timer finds nothing left to do, and a repeated refund callback changes nothing.
    const before = await everything()
    await fireTimer()
    await env.cloud.invoke(
      FUNCTIONS.payment,
      { outRefundNo: order.payment.refunds[0].outRefundNo, refundStatus: 'SUCCESS' },
      null,
    )
    expect(await everything()).toEqual(before)
    return order
  }

  test('the customer cancels', async () => {
    const order = await create(consumerA)
    await expect(act(consumerA, order._id, 'cancel')).resolves.toMatchObject({ ok: true })
    await refunded(order._id)
  })

  test('the merchant cancels, in production', async () => {
    const order = await create(consumerA)
    await act(merchant, order._id, 'confirm')
    await act(merchant, order._id, 'purchase_materials')
    await act(merchant, order._id, 'start_production')
    await expect(act(merchant, order._id, 'cancel', { note: '无法制作' })).resolves.toMatchObject({
      ok: true,
    })
    await refunded(order._id)
  })

  test('an exception resolved by cancelling', async () => {
    const order = await create(consumerA)
    await act(merchant, order._id, 'flag_exception', {
      kind: 'out_of_stock',
      note: '面料缺货',
      offered: [{ type: 'cancel' }, { type: 'wait_new_eta', newEta: inDays(30) }],
    })
    await act(consumerA, order._id, 'choose_remedy', { remedy: 'cancel' })
    await expect(act(merchant, order._id, 'resolve_exception')).resolves.toMatchObject({ ok: true })
    await refunded(order._id)
  })

  test('the merchant cancels the batch; its unpaid order is closed, not refunded', async () => {
    const paid = await create(consumerA, {
      productId: 'prod_linen_batch',
      selection: linenSelection(1),
    })
    const open = await unpaid(consumerB, {
      productId: 'prod_linen_batch',
      selection: linenSelection(1),
    })
    const answer = await env.cloud.invoke(
      FUNCTIONS.merchant,
      { action: 'cancelBatch', payload: { batchId: paid.batchId, note: '面料停产' } },
      merchant,
    )
    expect(answer).toMatchObject({ ok: true })
    await refunded(paid._id)
    expect(await stored(open._id)).toMatchObject({
      node: 'cancelled',
      payment: { state: 'closed' },
    })
  })

  test('cancelling an unpaid order closes its open sheet', async () => {
    const order = await unpaid()
    const { data } = await pay(order._id)
    await expect(act(consumerA, order._id, 'cancel')).resolves.toMatchObject({ ok: true })
    expect(await tradeOf(data.outTradeNo)).toMatchObject({ state: 'CLOSED' })
    await expect(env.cloud.pay.complete(data.outTradeNo, 'paid')).resolves.toMatchObject({
      ok: false,
    })
    expect((await stored(order._id)).payment).toMatchObject({ state: 'closed', closing: false })
  })

  test('paid, callback lost, then cancelled as unpaid: found when closing, refunded once', async () => {
    const order = await unpaid()
    env.cloud.pay.script({ callback: 'lost' })
    const { data } = await pay(order._id)
    await env.cloud.pay.complete(data.outTradeNo, 'paid')
    await expect(act(consumerA, order._id, 'cancel')).resolves.toMatchObject({ ok: true })
    const late = await refunded(order._id)
    expect(late.payment).toMatchObject({
      outTradeNo: data.outTradeNo,
      transactionId: expect.any(String),
    })
    // Not a transition: no `pay` audit row, the version only moved by the cancel.
    expect(await payEvents(order._id)).toEqual([])
    expect(late.version).toBe(order.version + 1)
  })

  test('a refund WeChat answers SYSTEMERROR stays 退款中 and the timer resends it (same number)', async () => {
    const order = await create(consumerA)
    env.cloud.pay.script({ refund: 'fail_then_succeed' })
    await act(consumerA, order._id, 'cancel')
    await env.cloud.pay.drain()
    expect((await stored(order._id)).payment).toMatchObject({
      state: 'refunding',
      refunds: [{ state: 'pending' }],
    })
    expect(await refundsOf(order.payment.outTradeNo)).toEqual([])
    await fireTimer()
    await refunded(order._id)
  })

  test('a refund WeChat refuses is 退款失败 with its reason; the timer resends it until it succeeds', async () => {
    const order = await create(consumerA)
    env.cloud.pay.script({ refund: 'fail' })
    await act(consumerA, order._id, 'cancel')
    await env.cloud.pay.drain()
    expect((await stored(order._id)).payment).toMatchObject({
      state: 'refund_failed',
      refunds: [{ state: 'failed', failure: expect.stringMatching(/余额不足/) }],
    })
    await fireTimer()
    await env.cloud.pay.drain()
    expect((await stored(order._id)).payment.state).toBe('refund_failed')
    expect(await refundsOf(order.payment.outTradeNo)).toEqual([])
    env.cloud.pay.script({ refund: 'normal' })
    await fireTimer()
    await refunded(order._id)
  })
})

test('no refund exceeds its payment, and no trade is refunded twice', async () => {
  const trades = await env.cloud.pay.trades()
  const refunds = await env.cloud.pay.refunds()
  expect(refunds.length).toBeGreaterThan(0)
  for (const trade of trades) {
    const of = refunds.filter((r) => r.outTradeNo === trade.outTradeNo)
    expect(of.length).toBeLessThanOrEqual(1)
    expect(of.reduce((sum, r) => sum + r.refundFee, 0)).toBeLessThanOrEqual(trade.totalFee)
  }
})
