// A preorder's 定金 and 尾款 on the local cloud and its WeChat Pay stand-in (prod_linen_batch:
// minimum 20 units, ¥99 定金 a unit, 14 days to fill): the 定金 at submit, the batch not filled in
// time cancelled by the order timer with every 定金 refunded, the 尾款 asked for when the batch
// fills and its own trade, an unpaid 尾款 expiring with the 定金 refunded, the merchant's refund
// split over both trades, and the round trips of paying and applying the 尾款.
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { BATCH_CANCELLED_NOTE, BATCH_EXPIRED_NOTE } from '@/cloud/batches'
import { refundsOf, type OrderPayment } from '@/domain/payment'
import { callerFor } from '../helpers/demo-cloud'
import { storedBatch } from '../helpers/batch-count'
import { chinaDaytimeToday } from '../helpers/local-cloud'
import {
  consumerA,
  consumerB,
  linenSelection,
  makeClient,
  merchant,
  rid,
  startOrderCloud,
} from './order-helpers'

const env = startOrderCloud()
const { create, find, stored, auditOf, notificationsOf, settlePayments, sql } = makeClient(env)
const merchantCall = callerFor(env, FUNCTIONS.merchant)
const HOUR = 3600_000
const DAY = 24 * HOUR
const DEPOSIT = 9900
const SET = 59900 + 10000 // 1.8 米床

let clock = chinaDaytimeToday()
const setClock = (at: Date) => {
  clock = at
  env.cloud.clock.set(at)
}
beforeAll(() => setClock(chinaDaytimeToday()))
afterEach(() => env.cloud.pay.drain())
afterAll(() => env.cloud.clock.set(null))

const linen = (openid: string, quantity: number) =>
  create(openid, { productId: 'prod_linen_batch', selection: linenSelection(quantity) })
const fireTimer = () => env.cloud.fireTimer(FUNCTIONS.order)
const batchState = async () => (await storedBatch(find, 'prod_linen_batch'))!
const ledgerOf = async (orderNo: string) =>
  (await find(COLLECTIONS.paymentLedger, { orderNo })).map(
    (row: { kind: string; amountFen: number; _id: string }) => [row.kind, row._id, row.amountFen],
  )
/** Each refund of a payment as [number after the order's key (R1, BR1), amount, state]. */
const refundSummary = (orderNo: string, payment: OrderPayment | null | undefined) =>
  payment
    ? refundsOf(payment).map((r) => [r.outRefundNo.slice(orderNo.length - 1), r.amountFen, r.state])
    : []

test('the 定金 is paid at submit; a batch not filled in 14 days is cancelled and refunded', async () => {
  const a = await linen(consumerA, 2)
  const b = await linen(consumerB, 1)
  expect(a.payment).toMatchObject({ state: 'paid', amountFen: DEPOSIT * 2 })
  expect(a.quote).toMatchObject({ priceFen: SET * 2, depositFen: DEPOSIT * 2 })
  const key = a.orderNo.replace('-', '')
  expect(await ledgerOf(a.orderNo)).toEqual([['pay', `${key}P1`, DEPOSIT * 2]])
  const deadlineAt = (await batchState()).deadlineAt!
  // The clock set ticks on from where it was set: within a few seconds.
  expect(deadlineAt.getTime() - (clock.getTime() + 14 * DAY)).toBeLessThan(5000)

  // A day early, the timer leaves it collecting.
  setClock(new Date(deadlineAt.getTime() - DAY))
  await expect(fireTimer()).resolves.toMatchObject({ ok: true, data: { expiredBatchOrders: 0 } })
  expect((await stored(a._id)).node).toBe('submitted')

  setClock(new Date(deadlineAt.getTime() + 60_000))
  await expect(fireTimer()).resolves.toMatchObject({ ok: true, data: { expiredBatchOrders: 2 } })
  await settlePayments()
  for (const order of [a, b]) {
    const now = await stored(order._id)
    expect(now.node).toBe('cancelled')
    expect(now.timeline.at(-1)).toMatchObject({
      event: 'cancel',
      actorRole: 'system',
      note: BATCH_EXPIRED_NOTE,
    })
    expect(now.payment.state).toBe('refunded')
    expect(refundSummary(order.orderNo, now.payment)).toEqual([
      ['R1', order.payment.amountFen, 'succeeded'],
    ])
  }
  expect(await ledgerOf(a.orderNo)).toEqual([
    ['pay', `${key}P1`, DEPOSIT * 2],
    ['refund', `${key}R1`, DEPOSIT * 2],
  ])
  // The next batch starts empty, without a deadline until its first order; a second run does nothing.
  expect(await batchState()).toMatchObject({ sequence: 2, quantity: 0, deadlineAt: null })
  await expect(fireTimer()).resolves.toMatchObject({ ok: true, data: { expiredBatchOrders: 0 } })
})

test('an order left live in a cancelled batch is cancelled by the timer, never released', async () => {
  setClock(new Date(clock.getTime() + HOUR))
  const left = await linen(consumerA, 1)
  // What a crash right after ending the batch leaves: the batch cancelled, the order still live
  // (its shard left at the old sequence counts 0).
  await sql(
    `UPDATE local_documents SET data = data || jsonb_build_object(
       'sequence', (data->>'sequence')::int + 1,
       'cancelledBatches', jsonb_build_array($1::text), 'lastCancelledAt', data->'openedAt')
     WHERE collection = 'batches' AND id = '"prod_linen_batch"'`,
    [left.batchId],
  )
  expect(await batchState()).toMatchObject({ quantity: 0, cancelledBatches: [left.batchId] })
  await expect(fireTimer()).resolves.toMatchObject({ ok: true, data: { released: 1 } })
  await settlePayments()
  const now = await stored(left._id)
  expect(now).toMatchObject({ node: 'cancelled', payment: { state: 'refunded' } })
  expect(now.timeline.at(-1)).toMatchObject({ actorRole: 'system', note: BATCH_CANCELLED_NOTE })
  expect(now.balance ?? null).toBeNull()
})

describe('once the batch fills', () => {
  const ids = { paying: '', late: '' }

  test('every waiting order is asked for its 尾款, a trade of its own, once', async () => {
    setClock(new Date(clock.getTime() + HOUR))
    const paying = await linen(consumerA, 10)
    const late = await linen(consumerB, 10)
    Object.assign(ids, { paying: paying._id, late: late._id })
    await settlePayments()
    for (const order of [paying, late]) {
      const now = await stored(order._id)
      expect(now).toMatchObject({
        node: 'submitted',
        balance: {
          part: 'balance',
          state: 'unpaid',
          amountFen: (SET - DEPOSIT) * 10,
        },
      })
      expect(now.balance.dueBy.getTime() - (clock.getTime() + 72 * HOUR)).toBeLessThan(5000)
      const asked = (await notificationsOf(order._id)).filter((n) => n.purpose === 'balance_due')
      expect(asked).toHaveLength(1)
    }
    const counted = await env.cloud.invokeCounted(
      'order',
      { action: 'pay', payload: { orderId: paying._id } },
      consumerA,
    )
    const answer = counted.result as { ok: boolean; data: { outTradeNo: string } }
    expect(answer.ok).toBe(true)
    expect(answer.data.outTradeNo).toBe(`${paying.orderNo.replace('-', '')}BP1`)
    // order get, the conditional update that counts the attempt (+1 cloudPay.unifiedOrder).
    expect(counted.roundTrips).toBe(2)
    // WeChat's notice, delivered by hand (the stand-in's is lost) to count what applying it takes:
    // the pay transaction and its 支付成功 message, then batch_reached into production and its
    // 开始制作 message, each message claimed in its transaction (docs/actions.md); the move into
    // production changes its order counter and consumes its linen, held in a shard since the
    // timer above spread it (the shard read and written: +2).
    env.cloud.pay.script({ callback: 'lost' })
    await env.cloud.pay.complete(answer.data.outTradeNo, 'paid')
    const notice = await env.cloud.invokeCounted(
      'payment',
      { outTradeNo: answer.data.outTradeNo },
      null,
    )
    expect(notice.result).toMatchObject({ errcode: 0 })
    expect(notice.roundTrips).toBe(27)
    const paid = await stored(paying._id)
    expect(paid).toMatchObject({ node: 'production', balance: { state: 'paid' } })
    expect((await auditOf(paying._id)).map((row) => [row.event, row.to])).toEqual([
      ['pay', 'submitted'],
      ['batch_reached', 'submitted'],
      ['pay', 'submitted'],
      ['batch_reached', 'production'],
    ])
    const key = paying.orderNo.replace('-', '')
    expect(await ledgerOf(paying.orderNo)).toEqual([
      ['pay', `${key}P1`, DEPOSIT * 10],
      ['pay', `${key}BP1`, (SET - DEPOSIT) * 10],
    ])
    // A repeated notice for the 尾款 changes nothing.
    const before = await stored(paying._id)
    await env.cloud.invoke('payment', { outTradeNo: answer.data.outTradeNo }, null)
    expect(await stored(paying._id)).toEqual(before)
  })

  test('an unpaid 尾款 past its 72 hours cancels the order and refunds its 定金', async () => {
    setClock(new Date(clock.getTime() + 72 * HOUR + 60_000))
    await expect(fireTimer()).resolves.toMatchObject({ ok: true })
    await settlePayments()
    const late = await stored(ids.late)
    expect(late).toMatchObject({
      node: 'cancelled',
      payment: { state: 'refunded' },
      balance: { state: 'closed' },
    })
    expect(late.timeline.at(-1).note).toBe('超时未付尾款，订单已自动取消，定金原路退回')
    expect(refundSummary(late.orderNo, late.payment)).toEqual([['R1', DEPOSIT * 10, 'succeeded']])
    expect((await stored(ids.paying)).node).toBe('production')
  })

  test("the merchant's refund takes from the 尾款 first, then the 定金; a repeat adds nothing", async () => {
    const requestId = rid()
    const amount = (SET - DEPOSIT) * 10 + 500
    const refund = () =>
      merchantCall(
        'refundOrder',
        { orderId: ids.paying, amountFen: amount, reason: '与顾客协商退款', requestId },
        merchant,
      )
    // WeChat refuses both at first: each is on the failed-refunds list, 尾款 and 定金 alike.
    env.cloud.pay.script({ refund: 'fail' })
    const first = await refund()
    expect(first).toMatchObject({ ok: true, data: { repeated: false } })
    const key = (await stored(ids.paying)).orderNo.replace('-', '')
    const numbers = [`${key}BR1`, `${key}R1`]
    expect(first.data.refunds.map((r: { outRefundNo: string }) => r.outRefundNo)).toEqual(numbers)
    const listed = await merchantCall('failedRefunds', undefined, merchant)
    expect(listed.data.refunds.map((r: { outRefundNo: string }) => r.outRefundNo)).toEqual(
      expect.arrayContaining(numbers),
    )
    env.cloud.pay.script({ refund: 'normal' })
    for (const outRefundNo of numbers)
      expect(
        await merchantCall('retryRefund', { orderId: ids.paying, outRefundNo }, merchant),
      ).toMatchObject({ ok: true })
    expect(await refund()).toMatchObject({ ok: true, data: { repeated: true } })
    await settlePayments()
    const order = await stored(ids.paying)
    expect(order.balance.state).toBe('refunded')
    expect(order.payment.state).toBe('paid')
    expect(refundSummary(order.orderNo, order.balance)).toEqual([
      ['BR1', (SET - DEPOSIT) * 10, 'succeeded'],
    ])
    expect(refundSummary(order.orderNo, order.payment)).toEqual([['R1', 500, 'succeeded']])
    const audit = (await auditOf(ids.paying)).filter((row) => row.event === 'refund')
    expect(audit).toHaveLength(2)
    // What is left is the rest of the 定金, and nothing more.
    expect(
      await merchantCall(
        'refundOrder',
        { orderId: ids.paying, amountFen: DEPOSIT * 10 - 499, reason: '其他', requestId: rid() },
        merchant,
      ),
    ).toMatchObject({ ok: false, code: 'REFUND_TOO_MUCH' })
  })

  test("a reached batch's shards keep their deadline; the timer clears it and cancels nothing", async () => {
    const { sequence } = await batchState()
    const reached = sequence - 1
    // Moving a reached batch on writes its state alone (src/domain/batch-shards.ts, 3).
    const left = (await find(COLLECTIONS.batchShards, { productId: 'prod_linen_batch' })).filter(
      (shard: { sequence: number }) => shard.sequence === reached,
    )
    const deadlines = left.map((shard: { deadlineAt: Date | null }) => shard.deadlineAt)
    expect(deadlines.length).toBeGreaterThan(0)
    expect(deadlines.every((at: Date | null) => at !== null)).toBe(true)
    setClock(new Date(Math.max(...deadlines.map((at: Date | null) => at!.getTime())) + 60_000))
    await expect(fireTimer()).resolves.toMatchObject({ ok: true, data: { expiredBatchOrders: 0 } })
    const after = await find(COLLECTIONS.batchShards, {
      _id: { $in: left.map((s: { _id: string }) => s._id) },
    })
    expect(after.map((shard: { deadlineAt: Date | null }) => shard.deadlineAt)).toEqual(
      left.map(() => null),
    )
    expect((await stored(ids.paying)).node).toBe('production')
  })
})
