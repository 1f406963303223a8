// merchant.decideAfterSalesMany (issue 17): one answer to several after-sales requests, each
// answered on its own by decideAfterSales (its own transaction and its one 售后进度通知), the
// answer reporting each request done or refused with the reason; a bad batch writes nothing.
import type { AfterSalesRecord } from '@/domain/after-sales'
import type { OutboxRecord } from '@/domain/message-drafts'
import { MAX_BATCH_AFTER_SALES } from '@/domain/api/merchant'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { callerFor } from '../helpers/demo-cloud'
import { messageClient } from './message-helpers'
import { consumerA, makeClient, merchant, rid, startOrderCloud } from './order-helpers'

const env = startOrderCloud({ OPEN_ORDERS_PER_CUSTOMER: '50', OPEN_UNITS_PER_CUSTOMER: '500' })
const client = makeClient(env)
const { call, find } = client
const merchantCall = callerFor(env, FUNCTIONS.merchant)
const messages = messageClient(env)

/** A delivered shirt of consumer A with an unanswered alteration request; its request id. */
async function openRequest(): Promise<AfterSalesRecord> {
  const orderId = await client.deliveredShirt(consumerA)
  const asked = await call(
    'requestAfterSales',
    {
      orderId,
      requestId: rid('as'),
      kind: 'alteration',
      reason: '尺寸不合适',
      alterations: [{ measurementId: 'sleeve', delta: -2 }],
    },
    consumerA,
  )
  if (!asked.ok) throw new Error(JSON.stringify(asked))
  return asked.data.request
}

const requests = () => find(COLLECTIONS.afterSales) as Promise<AfterSalesRecord[]>
const updates = () => messages.outbox({ purpose: 'after_sales_update' }) as Promise<OutboxRecord[]>
const everything = async () => ({
  requests: await requests(),
  orders: await find(COLLECTIONS.orders),
  outbox: await find(COLLECTIONS.notificationQueue),
})

test('a mixed batch: two unanswered accepted, one already answered refused; two messages', async () => {
  const [a, b, answered] = [await openRequest(), await openRequest(), await openRequest()]
  const declined = await merchantCall(
    'decideAfterSales',
    { afterSalesId: answered._id, decision: 'decline', reason: '超出可修改范围' },
    merchant,
  )
  expect(declined.ok).toBe(true)
  const queuedBefore = (await updates()).length

  const batch = await merchantCall(
    'decideAfterSalesMany',
    {
      afterSalesIds: [a._id, answered._id, b._id, 'as_none'],
      decision: 'accept',
      plan: '改短袖长 2cm',
      days: 3,
    },
    merchant,
  )
  expect(batch).toEqual({
    ok: true,
    data: {
      results: [
        { afterSalesId: a._id, orderNo: a.orderNo, ok: true },
        {
          afterSalesId: answered._id,
          orderNo: answered.orderNo,
          ok: false,
          code: 'INVALID_TRANSITION',
          message: expect.any(String),
        },
        { afterSalesId: b._id, orderNo: b.orderNo, ok: true },
        {
          afterSalesId: 'as_none',
          orderNo: null,
          ok: false,
          code: 'NOT_FOUND',
          message: expect.any(String),
        },
      ],
      applied: 2,
      failed: 2,
    },
  })
  const after = await requests()
  for (const { _id } of [a, b])
    expect(after.find((r) => r._id === _id)).toMatchObject({
      state: 'accepted',
      plan: { text: '改短袖长 2cm', days: 3 },
    })
  expect(after.find((r) => r._id === answered._id)).toMatchObject({ state: 'declined' })
  // One 售后进度通知 per request answered, none for the refused one.
  const queued = (await updates()).slice(queuedBefore)
  expect(queued.map((row) => row.key).sort()).toEqual(
    [`after_sales:${a._id}:accepted`, `after_sales:${b._id}:accepted`].sort(),
  )
})

test('a decline gives every request the one reason', async () => {
  const [a, b] = [await openRequest(), await openRequest()]
  const batch = await merchantCall(
    'decideAfterSalesMany',
    { afterSalesIds: [a._id, b._id], decision: 'decline', reason: '已超过可修改的尺寸范围' },
    merchant,
  )
  expect(batch.data).toMatchObject({ applied: 2, failed: 0 })
  const after = await requests()
  for (const { _id } of [a, b])
    expect(after.find((r) => r._id === _id)).toMatchObject({
      state: 'declined',
      declineReason: '已超过可修改的尺寸范围',
    })
})

test('a bad batch is refused whole and writes nothing', async () => {
  const [a, b] = [await openRequest(), await openRequest()]
  const ids = [a._id, b._id]
  const before = await everything()
  for (const [payload, field] of [
    [{ afterSalesIds: ids, decision: 'accept', days: 3 }, 'plan'],
    [{ afterSalesIds: ids, decision: 'accept', plan: '改短' }, 'days'],
    [{ afterSalesIds: ids, decision: 'decline' }, 'reason'],
    [{ afterSalesIds: ids, decision: 'close' }, 'decision'],
    [{ afterSalesIds: ids, decision: 'ship_back', reason: '无' }, 'decision'],
    [{ afterSalesIds: [a._id, a._id], decision: 'decline', reason: '无' }, 'afterSalesIds'],
    [{ afterSalesIds: [], decision: 'decline', reason: '无' }, 'afterSalesIds'],
    [
      {
        afterSalesIds: Array.from({ length: MAX_BATCH_AFTER_SALES + 1 }, (_, n) => `as_${n}`),
        decision: 'decline',
        reason: '无',
      },
      'afterSalesIds',
    ],
  ] as const)
    expect(await merchantCall('decideAfterSalesMany', payload, merchant)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field,
    })
  const stranger = await merchantCall(
    'decideAfterSalesMany',
    { afterSalesIds: ids, decision: 'decline', reason: '无' },
    consumerA,
  )
  expect(stranger).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  expect(await everything()).toEqual(before)
})

test('round trips: one read of the order numbers, then each request as decideAfterSales', async () => {
  const ids = [(await openRequest())._id, (await openRequest())._id]
  const counted = async (afterSalesIds: string[]) => {
    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.merchant,
      {
        action: 'decideAfterSalesMany',
        payload: { afterSalesIds, decision: 'decline', reason: '无法修改' },
      },
      merchant,
    )
    expect(result).toMatchObject({ ok: true })
    return roundTrips
  }
  const one = await counted([ids[0]])
  const two = await counted([ids[1], ids[0]])
  // merchant and the order numbers (2), then a decline as decideAfterSales makes it without its
  // merchant check (8: start, request get/set, order get/update, outbox get/set, commit) and its
  // 售后进度通知 held for want of a credit (7: sent right after its commit, so no look first;
  // the claim reads the customer's settings, credit and day count at once).
  // In the second batch ids[0] is refused after reading the request in its transaction (3: start,
  // request get, rollback).
  expect({ one, two }).toEqual({ one: 2 + 8 + 7, two: 2 + 8 + 7 + 3 })
})
