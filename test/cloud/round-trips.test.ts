// Pins the database round trips per action that docs/actions.md states, counted by the local
// cloud per invocation; an action that starts making more calls fails here first. For the order
// writes also the critical path: the longest chain of calls each waiting for the one before.
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { MESSAGE_PURPOSES } from '@/domain/messages'
import type { OutboxRecord } from '@/domain/message-drafts'
import type { ProductRecord } from '@/domain/catalog'
import { consumerA, consumerB, merchant, payOrder, useDemoCloud } from '../helpers/demo-cloud'
import { DEMO_ADDRESS } from '../../tools/seed/demo'
import { curtainSelection, linenSelection, makeClient } from './order-helpers'
import { messageClient } from './message-helpers'

const ADDRESS = DEMO_ADDRESS

const env = useDemoCloud()
let shirt: ProductRecord
beforeAll(async () => {
  ;[shirt] = (await env.cloud.store.find('products', { _id: 'prod_shirt' })) as ProductRecord[]
})

const shirtSelection = (urgent: boolean) => ({
  options: Object.fromEntries(
    shirt.optionGroups.filter((g) => g.required).map((g) => [g.id, [g.choices[0].id]]),
  ),
  measurements: Object.fromEntries(shirt.measurements.map((m) => [m.id, m.min])),
  texts: {},
  quantity: 1,
  urgent,
})

async function counted(fn: string, action: string, payload: unknown, openid: string | null) {
  const { result, roundTrips, criticalPath } = await env.cloud.invokeCounted(
    fn,
    { action, payload },
    openid,
  )
  expect(result).toMatchObject({ ok: true })
  const data = (result as { data: { order?: { _id: string } } }).data
  return { data, roundTrips, criticalPath }
}

test('each action makes the documented number of database calls', async () => {
  const order = (urgent: boolean, requestId: string) => ({
    requestId,
    productId: 'prod_shirt',
    selection: shirtSelection(urgent),
    address: ADDRESS,
  })
  const trips: Record<string, number> = {}
  const paths: Record<string, number> = {}
  trips['user.me'] = (await counted(FUNCTIONS.user, 'me', undefined, consumerA)).roundTrips
  trips['catalog.list'] = (
    await counted(FUNCTIONS.catalog, 'list', undefined, consumerA)
  ).roundTrips
  // Behaviour (issue 19): the first view creates the preference document in a transaction.
  trips['catalog.get (first view)'] = (
    await counted(FUNCTIONS.catalog, 'get', { productId: 'prod_shirt' }, consumerA)
  ).roundTrips
  trips['catalog.get'] = (
    await counted(FUNCTIONS.catalog, 'get', { productId: 'prod_shirt' }, consumerA)
  ).roundTrips
  trips['catalog.get (anonymous)'] = (
    await counted(FUNCTIONS.catalog, 'get', { productId: 'prod_shirt' }, null)
  ).roundTrips
  trips['order.quote (urgent-capable product)'] = (
    await counted(
      FUNCTIONS.order,
      'quote',
      { productId: 'prod_shirt', selection: shirtSelection(false) },
      consumerA,
    )
  ).roundTrips
  const created = await counted(FUNCTIONS.order, 'create', order(false, 'req-rt-0001'), consumerA)
  trips['order.create'] = created.roundTrips
  paths['order.create'] = created.criticalPath
  const retried = await counted(FUNCTIONS.order, 'create', order(false, 'req-rt-0001'), consumerA)
  trips['order.create (retry)'] = retried.roundTrips
  paths['order.create (retry)'] = retried.criticalPath
  trips['order.create (urgent)'] = (
    await counted(FUNCTIONS.order, 'create', order(true, 'req-rt-0002'), consumerA)
  ).roundTrips
  const curtain = (requestId: string) => ({
    requestId,
    productId: 'prod_curtain',
    selection: curtainSelection(),
    address: ADDRESS,
  })
  trips['order.create (first curtain, after shirts)'] = (
    await counted(FUNCTIONS.order, 'create', curtain('req-rt-0101'), consumerA)
  ).roundTrips
  trips['order.create (second curtain)'] = (
    await counted(FUNCTIONS.order, 'create', curtain('req-rt-0102'), consumerA)
  ).roundTrips
  const orderId = created.data.order!._id
  // Paying: the action, then WeChat's callback (held back here, delivered by hand to count it).
  const paying = await env.cloud.invokeCounted(
    FUNCTIONS.order,
    { action: 'pay', payload: { orderId } },
    consumerA,
  )
  expect(paying.result).toMatchObject({ ok: true })
  trips['order.pay'] = paying.roundTrips
  const outTradeNo = (paying.result as { data: { outTradeNo: string } }).data.outTradeNo
  env.cloud.pay.script({ callback: 'lost' })
  await env.cloud.pay.complete(outTradeNo, 'paid')
  const notice = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo }
  const callback = await env.cloud.invokeCounted(FUNCTIONS.payment, notice, null)
  expect(callback.result).toEqual({ errcode: 0, errmsg: 'OK' })
  trips['payment callback (pay)'] = callback.roundTrips
  trips['payment callback (repeated)'] = (
    await env.cloud.invokeCounted(FUNCTIONS.payment, notice, null)
  ).roundTrips
  trips['order.detail (owner)'] = (
    await counted(FUNCTIONS.order, 'detail', { orderId }, consumerA)
  ).roundTrips
  trips['order.detail (merchant)'] = (
    await counted(FUNCTIONS.order, 'detail', { orderId }, merchant)
  ).roundTrips
  trips['order.mine'] = (await counted(FUNCTIONS.order, 'mine', {}, consumerA)).roundTrips
  trips['order.mine (first page, exception count)'] = (
    await counted(FUNCTIONS.order, 'mine', { tab: 'in_progress', countExceptions: true }, consumerA)
  ).roundTrips
  trips['order.board'] = (await counted(FUNCTIONS.order, 'board', {}, merchant)).roundTrips
  const confirmed = await counted(FUNCTIONS.order, 'act', { orderId, event: 'confirm' }, merchant)
  trips['order.act (with notification)'] = confirmed.roundTrips
  paths['order.act (with notification)'] = confirmed.criticalPath
  const purchasing = { orderId, event: 'purchase_materials' }
  const moved = await counted(FUNCTIONS.order, 'act', purchasing, merchant)
  trips['order.act'] = moved.roundTrips
  paths['order.act'] = moved.criticalPath
  trips['order.reorder'] = (
    await counted(FUNCTIONS.order, 'reorder', { orderId, requestId: 'req-rt-0003' }, consumerA)
  ).roundTrips
  const home = await counted(FUNCTIONS.user, 'home', undefined, consumerA)
  trips['user.home'] = home.roundTrips
  paths['user.home'] = home.criticalPath
  const cancelled = await counted(FUNCTIONS.order, 'act', { orderId, event: 'cancel' }, merchant)
  trips['order.act (cancel, paid: refund after commit)'] = cancelled.roundTrips

  expect(trips).toEqual({
    'user.me': 5,
    'catalog.list': 3, // the products, then the batch states and their shards at once
    // 1 product read; signed in, +2: the preference update (the switch checked in it) and the
    // event; the first time, +4 more: a transaction creates the preference document.
    'catalog.get (first view)': 7,
    'catalog.get': 3,
    'catalog.get (anonymous)': 1,
    'order.quote (urgent-capable product)': 3,
    // Each order placed: +3 for its behaviour, in its transaction (the preference document read,
    // then written with the order, and one batch of two events).
    'order.create': 20, // + the order counter's increment (order-counters.ts)
    // The transaction starts beside the product's reads; its first read finds the order.
    'order.create (retry)': 7,
    'order.create (urgent)': 22,
    // A first order of another product counts co-purchase pairs (cloud/co-purchase.ts) with the
    // shirt: an increment per product's document, each added first on first use (+4 here, +2
    // once they exist); a repeat order of the curtain pairs nothing (17).
    'order.create (first curtain, after shirts)': 21,
    'order.create (second curtain)': 17,
    'order.detail (owner)': 1,
    // + the merchant lookup and the order's rating, read in parallel.
    'order.detail (merchant)': 3,
    'order.mine': 1,
    'order.mine (first page, exception count)': 2,
    'order.board': 5, // the order counters' shards (one read), the not-yet-due count, two list reads and the merchant lookup
    // The merchant lookup and a read of the order beside the start; in the transaction the order
    // read with the message's claim reads (the customer's settings, credit and day count: the
    // early read named the customer and the message), then order, audit row and the message
    // (held here for want of a credit) written together with the order counter. Nothing after
    // the commit. Without that early read: 11 and 7.
    'order.act (with notification)': 12,
    'order.act': 8,
    'order.reorder': 21,
    // 6 reads in parallel (user, preferences, orders, refills, profiles, products), then the
    // open batches of batch products (states and shards, at once), the co-purchase rows of the products the customer ordered
    // (none ordered or personalisation off: no read) and the list-view count; a first visit also
    // writes the user record (+1). Then the picks shown are counted: an increment. On the day's
    // first visit each counter document is added first (+1 each): 11 later, 13 on this fresh day.
    'user.home': 13,
    // Database calls only; each also makes one cloudPay call (unifiedOrder, queryOrder, refund).
    'order.pay': 2,
    // Applying `pay` with its payment_ledger row and its 支付成功 outbox row, claimed in the
    // same transaction (held here: no credit).
    'payment callback (pay)': 11,
    'payment callback (repeated)': 1,
    'order.act (cancel, paid: refund after commit)': 16,
  })
  expect(paths).toEqual({
    // The product, queue, materials and open-order reads beside the transaction's start; the
    // order's own document; the other reads together; every write together, its own documents
    // (order, reservations, events) first, then the shared ones (customer's open orders, 2
    // materials, the preference, the order counter) in the one order all transactions use
    // (lock-order.ts); commit. Was 9, the shared documents written one after another.
    'order.create': 5,
    'order.create (retry)': 3,
    // Merchant lookup and the early order read beside the start; the order read with the claim's
    // reads; the writes; commit (5 before the early read).
    'order.act (with notification)': 4,
    // Merchant lookup and the early order read beside the start; order read (no message, so
    // nothing beside it); order, audit row and the order counter together; commit.
    'order.act': 4,
    // The 6 reads; the co-purchase rows; the picks' count (an update, then on the day's first
    // visit the add: 2), while the batch read, the list-view count and the user record run beside
    // them (5 when the count waited for them; 3 on later visits).
    'user.home': 4,
  })
})

test('coupon actions: the coupon costs one read and one write where it is used or given back', async () => {
  const { remedyCoupon, call } = makeClient(env)
  const couponId = await remedyCoupon(consumerA)
  const order = (requestId: string, extra: object = {}) => ({
    requestId,
    productId: 'prod_shirt',
    selection: shirtSelection(false),
    address: ADDRESS,
    ...extra,
  })
  const trips: Record<string, number> = {}
  trips['order.coupons'] = (await counted(FUNCTIONS.order, 'coupons', {}, consumerA)).roundTrips
  trips['order.quote (with a coupon)'] = (
    await counted(
      FUNCTIONS.order,
      'quote',
      { productId: 'prod_shirt', selection: shirtSelection(false), couponId },
      consumerA,
    )
  ).roundTrips
  const plain = await counted(FUNCTIONS.order, 'create', order('req-rt-c001'), consumerA)
  trips['order.create'] = plain.roundTrips
  const spent = await counted(
    FUNCTIONS.order,
    'create',
    order('req-rt-c002', { couponId }),
    consumerA,
  )
  trips['order.create (with a coupon)'] = spent.roundTrips
  const cancel = (orderId: string) => ({ orderId, event: 'cancel' })
  trips['order.act (cancel, unpaid)'] = (
    await counted(FUNCTIONS.order, 'act', cancel(plain.data.order!._id), consumerA)
  ).roundTrips
  trips['order.act (cancel, unpaid, coupon given back)'] = (
    await counted(FUNCTIONS.order, 'act', cancel(spent.data.order!._id), consumerA)
  ).roundTrips
  expect(await call('coupons', {}, consumerA)).toMatchObject({
    data: { items: [{ _id: couponId, status: 'issued' }] },
  })

  expect(trips).toEqual({
    'order.coupons': 2,
    'order.quote (with a coupon)': 4,
    'order.create': 20,
    'order.create (with a coupon)': 22,
    'order.act (cancel, unpaid)': 16,
    'order.act (cancel, unpaid, coupon given back)': 18,
  })
})

test('order.act whose message is sent: claimed in its transaction, then one send and one write', async () => {
  const { grant } = messageClient(env)
  for (const purpose of MESSAGE_PURPOSES) await grant(consumerB, purpose)
  const payload = {
    requestId: 'req-rt-s001',
    productId: 'prod_shirt',
    selection: shirtSelection(false),
    address: ADDRESS,
  }
  const placed = await counted(FUNCTIONS.order, 'create', payload, consumerB)
  const orderId = placed.data.order!._id
  await payOrder(env, orderId, consumerB)
  // Daytime in China (11:00), so quiet hours do not defer the message.
  const day = new Date()
  day.setUTCHours(3, 0, 0, 0)
  if (day.getTime() < Date.now()) day.setUTCDate(day.getUTCDate() + 1)
  env.cloud.clock.set(day)
  try {
    const confirmed = await counted(FUNCTIONS.order, 'act', { orderId, event: 'confirm' }, merchant)
    const rows = (await env.cloud.store.find(COLLECTIONS.notificationQueue, {
      toOpenid: consumerB,
      status: 'sent',
    })) as OutboxRecord[]
    expect(rows.map((row) => row.orderId ?? null)).toContain(orderId)
    // The merchant lookup and an early read of the order beside the start; the order with the
    // message's credit, day count and settings; order, audit row, the claimed message, the order
    // counter, the credit spent and the day counted, all together (was: the order, then the
    // claim's reads, and the last two writes one after another: 14 and 9); commit; the send (a
    // WeChat call, on the path but not a database call); the message marked sent.
    expect({ total: confirmed.roundTrips, critical: confirmed.criticalPath }).toEqual({
      total: 15,
      critical: 6,
    })
  } finally {
    env.cloud.clock.set(null)
  }
})

test('order.create of a batch product: the batch count read and written in the transaction', async () => {
  const linen = (requestId: string, openid: string) =>
    counted(
      FUNCTIONS.order,
      'create',
      { requestId, productId: 'prod_linen_batch', selection: linenSelection(1), address: ADDRESS },
      openid,
    )
  // Customers of their own, so no other order of theirs adds co-purchase pairs.
  const first = await linen('req-rt-b001', 'o_rt_batch_1')
  const second = await linen('req-rt-b002', 'o_rt_batch_2')
  expect({
    'order.create (batch, first order)': first.roundTrips,
    'order.create (batch)': second.roundTrips,
  }).toEqual({
    // The product's first order also creates its batch state (written with the shard).
    'order.create (batch, first order)': 24,
    // The shards read once beside the transaction's start; in it the state and the shard the
    // order takes a place in, read beside the other reads, and that shard written (was: the one
    // batch document read and written); after the commit, the state and the shards read at once
    // to see whether the batch filled, or moved on while this order joined it (+1 on the path;
    // the state read is +1 in total since a reached batch's shards are no longer rewritten).
    'order.create (batch)': 23,
  })
  // Critical paths: 6 and 6 (were 11 and 10, the shared documents written one after another;
  // then 7 and 6, the first order writing the batch state before its shard). The shard read
  // beside the transaction's start is made when the product's read answers; a call is stamped
  // one step after the longest chain answered by then (worker.js), so when the transaction's
  // first read answers first, that read counts one step later: a path of one more, by timing
  // alone (seen under load).
  expect(first.criticalPath).toBeGreaterThanOrEqual(6)
  expect(first.criticalPath).toBeLessThanOrEqual(7)
  expect(second.criticalPath).toBeGreaterThanOrEqual(6)
  expect(second.criticalPath).toBeLessThanOrEqual(7)
})
