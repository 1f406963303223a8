// A return after delivery (issue 17): once the shop accepts it the customer fills in 寄回信息
// (theirs only; bad input and the wrong state write nothing), the shop sees it; the shop's 完成
// refunds the paid order through requestRefund, once however often it is repeated or raced, and
// a close whose refund was never added (a crash after its commit) is repaired by closing again.
import type { AfterSalesRecord } from '@/domain/after-sales'
import { refundsOf, type OrderPayment } from '@/domain/payment'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { callerFor } from '../helpers/demo-cloud'
import { consumerA, consumerB, makeClient, merchant, rid, startOrderCloud } from './order-helpers'

const env = startOrderCloud({ OPEN_ORDERS_PER_CUSTOMER: '50', OPEN_UNITS_PER_CUSTOMER: '500' })
const { call, deliveredShirt, find, stored, settlePayments, sql } = makeClient(env)
const merchantCall = callerFor(env, FUNCTIONS.merchant)

/** A paid shirt, delivered, with an accepted return; returns the ids and what was paid. */
async function acceptedReturn() {
  const order = await stored(await deliveredShirt(consumerA))
  const asked = await call(
    'requestAfterSales',
    { orderId: order._id, requestId: rid('ret'), kind: 'return', reason: '与描述不符' },
    consumerA,
  )
  const id: string = asked.data.request._id
  const accepted = await merchantCall(
    'decideAfterSales',
    { afterSalesId: id, decision: 'accept', plan: '收到退货后退款', days: 3 },
    merchant,
  )
  expect(accepted.ok).toBe(true)
  return { orderId: order._id as string, id, paidFen: order.payment.amountFen as number }
}

const requestOf = async (id: string) =>
  ((await find(COLLECTIONS.afterSales, { _id: id })) as AfterSalesRecord[])[0]
const paymentOf = async (orderId: string) => (await stored(orderId)).payment as OrderPayment
const everything = async () => ({
  requests: await find(COLLECTIONS.afterSales),
  orders: await find(COLLECTIONS.orders),
  audit: await find(COLLECTIONS.orderAudit),
})
const shipment = (afterSalesId: string, overrides: Record<string, unknown> = {}) => ({
  afterSalesId,
  carrier: '中通快递',
  trackingNo: 'ZT7788990011',
  ...overrides,
})
const close = (afterSalesId: string, extra: Record<string, unknown> = {}) =>
  merchantCall('decideAfterSales', { afterSalesId, decision: 'close', ...extra }, merchant)

describe('寄回信息 (order.sendAfterSalesItem)', () => {
  test('the owner fills it in once accepted and changes it; the shop and the order show it', async () => {
    const { orderId, id } = await acceptedReturn()
    const sent = await call('sendAfterSalesItem', shipment(id), consumerA)
    expect(sent).toMatchObject({
      ok: true,
      data: { request: { customerShipment: { carrier: '中通快递', trackingNo: 'ZT7788990011' } } },
    })
    const changed = await call(
      'sendAfterSalesItem',
      shipment(id, { carrier: '  同城闪送 ', trackingNo: 'SS-20261201' }),
      consumerA,
    )
    expect(changed.data.request.customerShipment).toMatchObject({
      carrier: '同城闪送',
      trackingNo: 'SS-20261201',
    })
    expect((await requestOf(id)).customerShipment).toMatchObject({ trackingNo: 'SS-20261201' })
    const queue = await merchantCall('afterSalesQueue', { kind: 'return' }, merchant)
    expect(queue.data.items).toContainEqual(
      expect.objectContaining({
        _id: id,
        customerShipment: expect.objectContaining({ carrier: '同城闪送' }),
      }),
    )
    const listed = await call('afterSales', { orderId }, merchant)
    expect(listed.data.items[0]).toMatchObject({ customerShipment: { trackingNo: 'SS-20261201' } })
  })

  test('strangers, bad numbers, unanswered and closed requests are refused, writing nothing', async () => {
    const { id } = await acceptedReturn()
    const order = { _id: await deliveredShirt(consumerA) }
    const unanswered = (
      await call(
        'requestAfterSales',
        { orderId: order._id, requestId: rid('ret'), kind: 'repair', reason: '使用中损坏' },
        consumerA,
      )
    ).data.request._id
    const before = await everything()
    const cases: [string | null, object, string][] = [
      [null, shipment(id), 'UNAUTHENTICATED'],
      [consumerB, shipment(id), 'NOT_FOUND'],
      [merchant, shipment(id), 'NOT_FOUND'],
      [consumerA, shipment('as_none'), 'NOT_FOUND'],
      [consumerA, shipment(id, { trackingNo: '12' }), 'INVALID_INPUT'],
      [consumerA, shipment(id, { trackingNo: 'ZT 7788 9900' }), 'INVALID_INPUT'],
      [consumerA, shipment(id, { carrier: '' }), 'INVALID_INPUT'],
      [consumerA, shipment(id, { carrier: '快'.repeat(21) }), 'INVALID_INPUT'],
      [consumerA, shipment(id, { carrier: '顺丰\n速运' }), 'INVALID_INPUT'],
      [consumerA, shipment(id, { note: '多余' }), 'INVALID_INPUT'],
      [consumerA, shipment(unanswered), 'INVALID_TRANSITION'],
    ]
    for (const [openid, payload, code] of cases)
      expect({ payload, result: await call('sendAfterSalesItem', payload, openid) }).toMatchObject({
        result: { ok: false, code },
      })
    expect(await everything()).toEqual(before)

    expect((await close(id)).ok).toBe(true)
    // The close's refund is confirmed by WeChat's notice a moment later: snapshot after it.
    await settlePayments()
    const closed = await everything()
    expect(await call('sendAfterSalesItem', shipment(id), consumerA)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    })
    expect(await everything()).toEqual(closed)
  })
})

describe('完成 of a return refunds the order', () => {
  test('the queue offers what is left; the close refunds the amount once and the customer reads its state', async () => {
    const { orderId, id, paidFen } = await acceptedReturn()
    const queue = await merchantCall('afterSalesQueue', { kind: 'return' }, merchant)
    expect(queue.data.items).toContainEqual(
      expect.objectContaining({ _id: id, refundableFen: paidFen }),
    )

    // Too much, or a refund on an alteration's close: refused, nothing written.
    const before = await everything()
    expect(await close(id, { refundFen: paidFen + 1 })).toMatchObject({
      ok: false,
      code: 'REFUND_TOO_MUCH',
      field: 'refundFen',
    })
    expect(await close(id, { refundFen: 0 })).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(
      await merchantCall(
        'decideAfterSales',
        { afterSalesId: id, decision: 'accept', plan: '退', days: 1, refundFen: 100 },
        merchant,
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'refundFen' })
    expect(await everything()).toEqual(before)

    const closed = await close(id, { refundFen: paidFen - 1000 })
    expect(closed).toMatchObject({ ok: true, data: { request: { state: 'closed' } } })
    const refund = closed.data.request.refund
    expect(refund).toEqual({ amountFen: paidFen - 1000, outRefundNo: expect.stringMatching(/R1$/) })
    expect((await requestOf(id)).refund).toEqual(refund)
    expect(refundsOf(await paymentOf(orderId))).toEqual([
      expect.objectContaining({
        outRefundNo: refund.outRefundNo,
        amountFen: paidFen - 1000,
        requestId: `return:${id}`,
        requestedBy: { role: 'merchant', openid: merchant },
      }),
    ])
    expect(await stored(orderId)).toMatchObject({ afterSalesOpen: null })

    // Closed again (a retry): refused, and still one refund.
    expect(await close(id, { refundFen: paidFen - 1000 })).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    })
    await settlePayments()
    const payment = await paymentOf(orderId)
    expect(refundsOf(payment)).toMatchObject([{ state: 'succeeded' }])
    expect(payment.state).toBe('paid') // ¥10 kept: a partial refund
    const listed = await call('afterSales', { orderId }, consumerA)
    expect(listed.data.items[0]).toMatchObject({ refund, refundState: 'succeeded' })
  })

  test('without an amount the whole rest is refunded; with nothing left the return closes without one', async () => {
    const whole = await acceptedReturn()
    const closed = await close(whole.id)
    expect(closed.data.request.refund).toMatchObject({ amountFen: whole.paidFen })

    const refunded = await acceptedReturn()
    const all = await merchantCall(
      'refundOrder',
      { orderId: refunded.orderId, amountFen: refunded.paidFen, reason: '其他', requestId: rid() },
      merchant,
    )
    expect(all.ok).toBe(true)
    const queue = await merchantCall('afterSalesQueue', { kind: 'return' }, merchant)
    expect(queue.data.items).toContainEqual(
      expect.objectContaining({ _id: refunded.id, refundableFen: 0 }),
    )
    const nothingLeft = await close(refunded.id)
    expect(nothingLeft).toMatchObject({ ok: true, data: { request: { refund: null } } })
    expect(refundsOf(await paymentOf(refunded.orderId))).toHaveLength(1)
  })

  test('a close that committed but never added its refund is repaired by closing again, once', async () => {
    const { orderId, id, paidFen } = await acceptedReturn()
    // The state a crash right after the close's commit leaves: closed, the refund owed.
    const owed = { amountFen: 5000, outRefundNo: null }
    await sql(
      `UPDATE local_documents SET data = data || $2::jsonb WHERE collection = 'after_sales' AND id = $1`,
      [JSON.stringify(id), JSON.stringify({ state: 'closed', refund: owed })],
    )
    expect(refundsOf(await paymentOf(orderId))).toEqual([])

    const repaired = await close(id, { refundFen: paidFen })
    expect(repaired.data.request.refund).toEqual({
      amountFen: 5000,
      outRefundNo: expect.stringMatching(/R1$/),
    })
    // A crash after the refund was added but before its number was recorded: found, not added.
    await sql(
      `UPDATE local_documents SET data = data || $2::jsonb WHERE collection = 'after_sales' AND id = $1`,
      [JSON.stringify(id), JSON.stringify({ refund: owed })],
    )
    const again = await close(id)
    expect(again.data.request.refund).toEqual(repaired.data.request.refund)
    expect((await requestOf(id)).refund).toEqual(repaired.data.request.refund)
    expect(refundsOf(await paymentOf(orderId))).toMatchObject([{ amountFen: 5000 }])
    await settlePayments()
  })

  test('ten closes racing on one return refund it once', async () => {
    const { orderId, id } = await acceptedReturn()
    // ¥10 each: the rest would allow many, so only the request id keeps it to one.
    const results = await Promise.all(
      Array.from({ length: 10 }, () => close(id, { refundFen: 1000 })),
    )
    const okays = results.filter((result) => result.ok)
    expect(okays.length).toBeGreaterThanOrEqual(1)
    for (const result of results.filter((r) => !r.ok))
      expect(['INVALID_TRANSITION', 'CONFLICT']).toContain(result.code)
    const refunds = refundsOf(await paymentOf(orderId))
    expect(refunds).toHaveLength(1)
    for (const result of okays)
      expect(result.data.request.refund.outRefundNo).toBe(refunds[0].outRefundNo)
    expect((await requestOf(id)).refund?.outRefundNo).toBe(refunds[0].outRefundNo)
    await settlePayments()
  })
})
