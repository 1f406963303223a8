// order.detail / mine / board: who may read what, the buttons per role, tabs, paging, the
// merchant's board (counts, overdue, ETA order, masked phones).
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { BOARD_COUNTED_NODES } from '@/domain/order-types'
import {
  ISO,
  consumerA,
  consumerB,
  filterSelection,
  makeClient,
  merchant,
  startOrderCloud,
  type Envelope,
} from './order-helpers'

const env = startOrderCloud()
const { call, create, act, walk, stored, snapshot } = makeClient(env)

type Ids = { cancelled: string; flagged: string; submitted: string; shipped: string; bs: string }
const ids = {} as Ids
const OVERDUE_ID = 'ord_overdue_test_0001'

beforeAll(async () => {
  // Created one after another, so createdAt orders them: cancelled < flagged < submitted < shipped.
  ids.cancelled = (await create(consumerA))._id
  ids.flagged = (await create(consumerA))._id
  ids.submitted = (await create(consumerA))._id
  ids.shipped = (
    await create(consumerA, { productId: 'prod_filter', selection: filterSelection() })
  )._id
  ids.bs = (await create(consumerB))._id
  await act(consumerA, ids.cancelled, 'cancel')
  await walk(ids.flagged, [
    [merchant, 'confirm'],
    [
      merchant,
      'flag_exception',
      { kind: 'delayed', note: '布料延迟', offered: [{ type: 'cancel' }] },
    ],
  ])
  await walk(ids.shipped, [
    [merchant, 'confirm'],
    [merchant, 'ship', { carrier: '中通', trackingNo: 'ZT20261122001' }],
  ])
  // A third customer's order already past its ETA, written directly (no clock to move).
  const template = await stored(ids.bs)
  await env.cloud.store.insertMany(COLLECTIONS.orders, [
    {
      ...template,
      _id: OVERDUE_ID,
      orderNo: '20200101-OVERDUE0',
      requestId: 'overdue-0001',
      ownerOpenid: 'o_overdue_owner',
      eta: '2020-01-01',
      address: { ...template.address, phone: '13900001111' },
    },
  ])
  // Written around the order counters: the order timer's repair counts it (order-counters.ts).
  await env.cloud.fireTimer(FUNCTIONS.order)
})

describe('detail', () => {
  test('the owner reads it as consumer, with the consumer buttons and ISO dates', async () => {
    const result = await call('detail', { orderId: ids.submitted }, consumerA)
    expect(result).toMatchObject({
      ok: true,
      data: {
        role: 'consumer',
        actions: ['cancel', 'choose_delivery_window'],
        order: { _id: ids.submitted, node: 'submitted' },
      },
    })
    expect(result.data.order.createdAt).toMatch(ISO)
    expect(result.data.order.timeline[0].at).toMatch(ISO)
    const flagged = await call('detail', { orderId: ids.flagged }, consumerA)
    expect(flagged.data.actions).toEqual(['cancel', 'choose_remedy', 'choose_delivery_window'])
  })

  test('a merchant reads any order as merchant, with the merchant buttons', async () => {
    const result = await call('detail', { orderId: ids.bs }, merchant)
    expect(result).toMatchObject({
      ok: true,
      data: { role: 'merchant', actions: ['confirm', 'cancel', 'set_eta', 'flag_exception'] },
    })
    const shipped = await call('detail', { orderId: ids.shipped }, merchant)
    expect(shipped.data.actions).toEqual(['deliver'])
  })

  test("another consumer's order reads exactly like a missing one", async () => {
    const theirs = await call('detail', { orderId: ids.bs }, consumerA)
    const missing = await call('detail', { orderId: 'ord_does_not_exist' }, consumerA)
    expect(theirs).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(theirs).toEqual(missing)
  })
})

describe('mine', () => {
  const mine = (openid: string | null, payload?: unknown) => call('mine', payload, openid)
  const idsOf = (result: Envelope) => result.data.items.map((o: { _id: string }) => o._id)

  test("only the caller's orders, newest first", async () => {
    const result = await mine(consumerA, {})
    expect(result.ok).toBe(true)
    expect(idsOf(result)).toEqual([ids.shipped, ids.submitted, ids.flagged, ids.cancelled])
    expect(
      result.data.items.every((o: { ownerOpenid: string }) => o.ownerOpenid === consumerA),
    ).toBe(true)
    expect(idsOf(await mine(consumerB))).toEqual([ids.bs])
    expect(idsOf(await mine(merchant, {}))).toEqual([])
  })

  test.each([
    // The flagged order waits for the customer's choice: it stays in 进行中 and is on 异常 too.
    ['in_progress', ['submitted', 'flagged']],
    ['exceptions', ['flagged']],
    ['done', ['cancelled']],
    ['shipped', ['shipped']],
  ] as const)('tab %s holds exactly the %j orders', async (tab, keys) => {
    expect(idsOf(await mine(consumerA, { tab }))).toEqual(keys.map((key) => ids[key]))
  })

  test('countExceptions: the first page says how many orders have an open exception', async () => {
    const first = await mine(consumerA, { tab: 'in_progress', limit: 1, countExceptions: true })
    expect(first.data.exceptions).toBe(1)
    const next = await mine(consumerA, {
      tab: 'in_progress',
      limit: 1,
      countExceptions: true,
      cursor: first.data.nextCursor,
    })
    expect(next.data).not.toHaveProperty('exceptions')
    expect((await mine(consumerB, { countExceptions: true })).data.exceptions).toBe(0)
    expect((await mine(consumerA, {})).data).not.toHaveProperty('exceptions')
  })

  test('paging with limit and cursor visits every order once, in order', async () => {
    const seen: string[] = []
    let cursor: string | null | undefined
    for (let page = 0; page < 5; page += 1) {
      const result = await mine(consumerA, cursor ? { limit: 3, cursor } : { limit: 3 })
      expect(result.ok).toBe(true)
      expect(result.data.items.length).toBeLessThanOrEqual(3)
      seen.push(...idsOf(result))
      cursor = result.data.nextCursor
      if (page === 0) expect(typeof cursor).toBe('string')
      if (cursor === null) break
    }
    expect(cursor).toBeNull()
    expect(seen).toEqual([ids.shipped, ids.submitted, ids.flagged, ids.cancelled])
  })
})

describe('board', () => {
  const board = (payload: unknown, openid: string | null = merchant) =>
    call('board', payload, openid)

  test('counts per node, overdue, and submitted orders by ETA with masked phones', async () => {
    const result = await board({})
    expect(result.ok).toBe(true)
    // Every node but completed and cancelled (the cancelled order is not counted).
    const counts = Object.fromEntries(BOARD_COUNTED_NODES.map((node) => [node, 0]))
    Object.assign(counts, { submitted: 3, confirmed: 1, shipped: 1 })
    expect(result.data.counts).toEqual(counts)
    expect(result.data.overdue).toBe(1)
    const items = result.data.items as {
      _id: string
      node: string
      eta: string
      address: { phone: string }
    }[]
    expect(items.map((o) => o._id)[0]).toBe(OVERDUE_ID)
    expect(new Set(items.map((o) => o._id))).toEqual(new Set([OVERDUE_ID, ids.submitted, ids.bs]))
    expect(items.every((o) => o.node === 'submitted')).toBe(true)
    const etas = items.map((o) => o.eta)
    expect(etas).toEqual([...etas].sort())
    expect(items[0].address.phone).toBe('139****1111')
    expect(items.slice(1).every((o) => o.address.phone === '138****5678')).toBe(true)
    expect(JSON.stringify(result)).not.toContain('13812345678')
  })

  test('another node, and paging by ETA', async () => {
    const shipped = await board({ node: 'shipped' })
    expect(shipped.data.items.map((o: { _id: string }) => o._id)).toEqual([ids.shipped])
    const first = await board({ limit: 1 })
    expect(first.data.items.map((o: { _id: string }) => o._id)).toEqual([OVERDUE_ID])
    expect(typeof first.data.nextCursor).toBe('string')
    const second = await board({ limit: 2, cursor: first.data.nextCursor })
    expect(second.data.items).toHaveLength(2)
    expect(second.data.items.map((o: { _id: string }) => o._id)).not.toContain(OVERDUE_ID)
  })

  test('the summary cards list what they count, across nodes: overdue, open exceptions', async () => {
    const ids_ = (result: Envelope) => result.data.items.map((o: { _id: string }) => o._id)
    const overdue = await board({ only: 'overdue' })
    expect(ids_(overdue)).toEqual([OVERDUE_ID])
    expect(overdue.data.items).toHaveLength(overdue.data.overdue)
    expect(overdue.data.nextCursor).toBeNull()
    const exceptions = await board({ only: 'exceptions' })
    expect(ids_(exceptions)).toEqual([ids.flagged])
    expect(exceptions.data.items).toHaveLength(exceptions.data.exceptions)
    await expect(board({ only: 'late' })).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  })

  test('consumers are FORBIDDEN, anonymous callers UNAUTHENTICATED; reads write nothing', async () => {
    const before = await snapshot()
    await expect(board({}, consumerA)).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
    await expect(board({}, null)).resolves.toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    await board({})
    await call('mine', {}, consumerA)
    await call('detail', { orderId: ids.submitted }, merchant)
    expect(await snapshot()).toEqual(before)
  })
})
