// Preorder batches (prod_linen_batch, minimum 20 units, ¥99 定金 a unit): orders wait in the
// collecting batch with their 定金 paid, cancelling leaves it, and reaching the minimum asks every
// waiting order for its 尾款 exactly once, also when the last orders (and the timer) arrive at the
// same time; each moves to production once its 尾款 is paid.
import { COLLECTIONS } from '@/domain/names'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import { storedBatch } from '../helpers/batch-count'
import {
  consumerA,
  consumerB,
  inDays,
  linenSelection,
  makeClient,
  merchant,
  startOrderCloud,
} from './order-helpers'

const env = startOrderCloud()
const { call, create, pay, act, find, auditOf, notificationsOf, stored, snapshot, settlePayments } =
  makeClient(env)

const LINEN = DEMO_PRODUCTS.find((p) => p._id === 'prod_linen_batch')!
const MIN = LINEN.batch!.minQuantity
const B1 = 'prod_linen_batch-b1'
const B2 = 'prod_linen_batch-b2'
const LEAD = LINEN.baseLeadDays

const order = (openid: string, quantity: number) =>
  create(openid, { productId: 'prod_linen_batch', selection: linenSelection(quantity) })
const batchState = async () => (await storedBatch(find, 'prod_linen_batch'))!

// Order ids, filled as the tests go (they run in file order on one database).
const ids: { first: string; second: string; cancelled: string; last: string[] } = {
  first: '',
  second: '',
  cancelled: '',
  last: [],
}

test('the seed batch needs 20 units', () => {
  expect(MIN).toBe(20)
})

test('a batch order waits in the collecting batch, quoted from the batch reaching', async () => {
  const first = await order(consumerA, 9)
  ids.first = first._id
  expect(first).toMatchObject({
    node: 'submitted',
    batchId: B1,
    quote: { etaBasis: 'batch_reached' },
  })
  expect(first.quote.priceFen).toBe((59900 + 10000) * 9)
  expect(first.payment).toMatchObject({ amountFen: 9900 * 9, state: 'paid' })
  expect(await batchState()).toMatchObject({ sequence: 1, quantity: 9, minQuantity: MIN })
  // The merchant may confirm while it waits; it stays waiting.
  await expect(act(merchant, first._id, 'confirm')).resolves.toMatchObject({
    ok: true,
    data: { order: { node: 'confirmed' } },
  })
  const quoted = await call(
    'quote',
    { productId: 'prod_linen_batch', selection: linenSelection(MIN - 9) },
    null,
  )
  expect(quoted.data.quote.etaBasis).toBe('order')
})

test('a waiting order cancelled leaves the batch', async () => {
  const leaving = await order(consumerB, 5)
  ids.cancelled = leaving._id
  expect((await batchState()).quantity).toBe(14)
  const result = await act(consumerB, leaving._id, 'cancel')
  expect(result).toMatchObject({ ok: true, data: { order: { node: 'cancelled' } } })
  expect(await batchState()).toMatchObject({ sequence: 1, quantity: 9 })
})

test('the last two orders arriving together (with the timer) release every waiting order once', async () => {
  ids.second = (await order(consumerB, 9))._id
  expect((await batchState()).quantity).toBe(18)
  const [a, b] = await Promise.all([
    call(
      'create',
      {
        requestId: `last-a-${Date.now()}`,
        productId: 'prod_linen_batch',
        selection: linenSelection(1),
        address: { name: '林晓', phone: '13812345678', region: '上海', detail: '一号' },
      },
      consumerA,
    ),
    call(
      'create',
      {
        requestId: `last-b-${Date.now()}`,
        productId: 'prod_linen_batch',
        selection: linenSelection(1),
        address: { name: '周然', phone: '13912345678', region: '杭州', detail: '二号' },
      },
      consumerB,
    ),
    env.cloud.fireTimer('order'),
  ])
  expect([a.ok, b.ok]).toEqual([true, true])
  ids.last = [a.data.order._id, b.data.order._id]
  expect(a.data.order.batchId).toBe(B1)
  expect(b.data.order.batchId).toBe(B1)
  // Unpaid, the two last orders wait even though the batch filled (the paid ones moved on);
  // each moves on when its payment lands.
  expect([a.data.order.node, b.data.order.node]).toEqual(['submitted', 'submitted'])
  await Promise.all([pay(a.data.order._id, consumerA), pay(b.data.order._id, consumerB)])

  const state = await batchState()
  expect(state).toMatchObject({ sequence: 2, quantity: 0 })
  expect(state.lastReachedAt).toBeInstanceOf(Date)

  const released = [ids.first, ids.second, ...ids.last]
  const owners = [consumerA, consumerB, consumerA, consumerB]
  for (const id of released) {
    const saved = await stored(id)
    expect(saved.node).not.toBe('production')
    expect(saved.balance).toMatchObject({ state: 'unpaid', part: 'balance' })
    expect(saved.balance.amountFen + saved.payment.amountFen).toBe(saved.quote.priceFen)
    const asked = (await notificationsOf(id)).filter((row) => row.purpose === 'balance_due')
    expect(asked).toHaveLength(1)
  }
  await Promise.all(released.map((id, i) => pay(id, owners[i])))
  for (const id of released) {
    const saved = await stored(id)
    expect({ id, node: saved.node }).toEqual({ id, node: 'production' })
    expect(saved.balance.state).toBe('paid')
    expect(saved.eta).toBe(inDays(LEAD))
    expect(saved.etaHistory.at(-1)).toMatchObject({ event: 'batch_reached', eta: inDays(LEAD) })
    const reached = (await auditOf(id)).filter((row) => row.event === 'batch_reached')
    expect(reached).toHaveLength(2)
    expect(reached[1]).toMatchObject({ to: 'production', actorRole: 'system', actorOpenid: null })
    const started = (await notificationsOf(id)).filter(
      (row) => row.purpose === 'production_started',
    )
    expect(started).toHaveLength(1)
  }
  expect((await find(COLLECTIONS.orderAudit, { event: 'batch_reached' })).length).toBe(8)
  expect(await stored(ids.cancelled)).toMatchObject({ node: 'cancelled' })
  expect((await auditOf(ids.cancelled)).map((row) => row.event)).toEqual(['pay', 'cancel'])
})

test('after the release, the timer and repeated events move nothing', async () => {
  await settlePayments()
  const before = await snapshot()
  await expect(env.cloud.fireTimer('order')).resolves.toMatchObject({ ok: true })
  expect(await snapshot()).toEqual(before)
  const again = await act(merchant, ids.first, 'batch_reached')
  expect(again).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
  expect(await snapshot()).toEqual(before)
})

test('a reached batch stays reached when one of its orders is cancelled', async () => {
  const result = await act(merchant, ids.second, 'cancel', { note: '顾客要求取消' })
  expect(result).toMatchObject({ ok: true, data: { order: { node: 'cancelled' } } })
  expect(await batchState()).toMatchObject({ sequence: 2, quantity: 0 })
  expect(await stored(ids.first)).toMatchObject({ node: 'production' })
})

test('the next batch collects anew; the merchant may start one early', async () => {
  const next = await order(consumerA, 3)
  expect(next).toMatchObject({ node: 'submitted', batchId: B2 })
  expect(await batchState()).toMatchObject({ sequence: 2, quantity: 3 })
  const early = await act(merchant, next._id, 'batch_reached')
  expect(early).toMatchObject({
    ok: true,
    data: { order: { node: 'submitted', balance: { state: 'unpaid' } } },
  })
  await pay(next._id, consumerA)
  expect(await stored(next._id)).toMatchObject({ node: 'production' })
  expect(await auditOf(next._id)).toEqual([
    expect.objectContaining({ event: 'pay', actorRole: 'system' }),
    expect.objectContaining({ event: 'batch_reached', actorRole: 'merchant' }),
    expect.objectContaining({ event: 'pay', actorRole: 'system' }),
    expect.objectContaining({ event: 'batch_reached', actorRole: 'system' }),
  ])
})

test('two concurrent orders that could each fill the batch: one fills it, one opens the next', async () => {
  // Batch 2 holds 3 units; 15 more make 18, then two orders of 2 race for the last 2 units.
  await order(consumerB, 15)
  expect((await batchState()).quantity).toBe(18)
  const [a, b] = await Promise.all([order(consumerA, 2), order(consumerB, 2)])
  const batches = [a.batchId, b.batchId].sort()
  expect(batches).toEqual([B2, 'prod_linen_batch-b3'])
  const filler = a.batchId === B2 ? a : b
  const opener = a.batchId === B2 ? b : a
  expect(await stored(filler._id)).toMatchObject({
    node: 'submitted',
    balance: { state: 'unpaid' },
  })
  const opened = await stored(opener._id)
  expect([opened.node, opened.balance]).toEqual(['submitted', undefined])
  expect(await batchState()).toMatchObject({ sequence: 3, quantity: 2 })
  const b2Orders = await find(COLLECTIONS.orders, { batchId: B2 })
  // The early order is in production; the two others were asked for their 尾款 once.
  expect(b2Orders.map((o) => o.balance?.state ?? 'none').sort()).toEqual([
    'paid',
    'unpaid',
    'unpaid',
  ])
  const firings = await Promise.all(
    b2Orders.map(
      async (o) => (await auditOf(o._id)).filter((row) => row.event === 'batch_reached').length,
    ),
  )
  expect(firings.sort()).toEqual([1, 1, 2])
})
