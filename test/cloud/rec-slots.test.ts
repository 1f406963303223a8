// 为你推荐 beyond the home page through the real functions (issue 19): a completed order's page
// gets order_done picks with reasons; a tap (catalog.get with from / basis) then an order of that
// product within 7 days counts once for its slot, after 8 days not at all; a burst of taps loses
// no count (db.command.inc); with 个性化推荐 off a tap is counted but not kept; the dashboard's
// figures match a hand-built set of counters.
import { merchantApi } from '@/domain/api/merchant'
import { orderApi } from '@/domain/api/order'
import { refillApi } from '@/domain/api/refill'
import { userApi } from '@/domain/api/user'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { RecStatsRecord, RecTap } from '@/domain/rec-stats'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import { callerFor, invoke } from '../helpers/demo-cloud'
import {
  consumerA,
  consumerB,
  createPayload,
  makeClient,
  merchant,
  startOrderCloud,
} from './order-helpers'

const env = startOrderCloud({ OPEN_ORDERS_PER_CUSTOMER: '50', OPEN_UNITS_PER_CUSTOMER: '500' })
const client = makeClient(env)
const catalog = callerFor(env, FUNCTIONS.catalog)
const DAY = 24 * 60 * 60 * 1000
/** 10:00 China time, 2026-11-02. */
const T0 = new Date(Date.UTC(2026, 10, 2, 2))

const demo = (id: string) => DEMO_PRODUCTS.find((p) => p._id === id)!

beforeAll(async () => {
  // The hand-built shop: a shirt's care item and a second apparel product.
  await env.cloud.store.insertMany(COLLECTIONS.products, [
    {
      ...demo('prod_filter'),
      _id: 'prod_shirt_care',
      name: '衬衫护理液',
      sort: 35,
      category: { id: 'apparel', label: '服装' },
    },
    { ...demo('prod_shirt'), _id: 'prod_tie', name: '定制领带', sort: 15, featured: false },
  ])
})
afterEach(() => env.cloud.clock.set(null))

const stats = async (slot: string) =>
  (await env.cloud.store.find(COLLECTIONS.recStats, { slot })) as RecStatsRecord[]
const total = async (slot: string, measure: 'shown' | 'tapped' | 'ordered', basis: string) =>
  (await stats(slot)).reduce(
    (sum, r) => sum + ((r[measure] as Record<string, number>)?.[basis] ?? 0),
    0,
  )
const tapsOf = async (openid: string) =>
  (
    (await env.cloud.store.find(COLLECTIONS.preferences, { _id: openid })) as {
      recTaps?: RecTap[]
    }[]
  )[0]?.recTaps ?? []
const detail = async (orderId: string, openid: string) => {
  const result = await invoke(env, orderApi.detail, { orderId }, openid)
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result.data
}
const tap = (openid: string | null, productId: string, from: string, basis: string) =>
  catalog('get', { productId, from, basis }, openid)
const orderTie = async (openid: string) => {
  const result = await client.call('create', createPayload({ productId: 'prod_tie' }), openid)
  if (!result.ok) throw new Error(JSON.stringify(result))
}

test('a completed order’s page gets order_done picks with reasons, counted as shown', async () => {
  env.cloud.clock.set(T0)
  const orderId = await client.deliveredShirt(consumerA)
  expect((await detail(orderId, consumerA)).recommendations).toBeUndefined()
  await client.walk(orderId, [[consumerA, 'complete']])
  const done = await detail(orderId, consumerA)
  expect(done.recommendations).toEqual({
    personalised: true,
    items: [
      expect.objectContaining({
        productId: 'prod_shirt_care',
        basis: 'care',
        reason: '量体定制衬衫的保养好物',
      }),
      expect.objectContaining({
        productId: 'prod_tie',
        basis: 'matching',
        reason: '与量体定制衬衫同属服装',
      }),
      expect.objectContaining({
        productId: 'prod_linen_batch',
        basis: 'curated',
        reason: '店铺精选',
      }),
    ],
  })
  // 1 order read, then preferences, products and refills in parallel, then the shown count.
  const counted = await env.cloud.invokeCounted(
    FUNCTIONS.order,
    { action: 'detail', payload: { orderId } },
    consumerA,
  )
  expect(counted.roundTrips).toBe(5)
  // The merchant reading the same order gets none, and none is counted for them.
  expect((await detail(orderId, merchant)).recommendations).toBeUndefined()
  expect(await stats('order_done')).toEqual([
    expect.objectContaining({
      _id: '2026-11-02_order_done',
      day: '2026-11-02',
      shown: { care: 2, matching: 2, curated: 2 },
    }),
  ])
})

test('我的补货 and the home page serve their slots in the call they already make', async () => {
  env.cloud.clock.set(T0)
  const refills = await invoke(env, refillApi.mine, {}, consumerA)
  expect(refills).toMatchObject({ ok: true, data: { recommendations: { personalised: true } } })
  const home = await invoke(env, userApi.home, {}, consumerA)
  if (!home.ok) throw new Error(JSON.stringify(home))
  expect(await total('home', 'shown', home.data.recommendations[0].basis)).toBeGreaterThan(0)
})

test('a tap then an order within 7 days counts once for that slot; after 8 days not at all', async () => {
  env.cloud.clock.set(T0)
  expect(await tap(consumerA, 'prod_tie', 'order_done', 'matching')).toMatchObject({ ok: true })
  expect(await total('order_done', 'tapped', 'matching')).toBe(1)
  expect(await tapsOf(consumerA)).toEqual([
    { slot: 'order_done', basis: 'matching', productId: 'prod_tie', at: expect.any(Date) },
  ])
  env.cloud.clock.set(new Date(T0.getTime() + 6 * DAY))
  await orderTie(consumerA)
  await orderTie(consumerA)
  expect(await total('order_done', 'ordered', 'matching')).toBe(1)
  expect(await tapsOf(consumerA)).toEqual([])

  env.cloud.clock.set(T0)
  await tap(consumerB, 'prod_tie', 'order_done', 'matching')
  env.cloud.clock.set(new Date(T0.getTime() + 8 * DAY))
  await orderTie(consumerB)
  expect(await total('order_done', 'ordered', 'matching')).toBe(1)
})

test('a concurrent burst of taps on a new day loses no count', async () => {
  env.cloud.clock.set(new Date(T0.getTime() + 20 * DAY))
  const burst = 16
  const answers = await Promise.all(
    Array.from({ length: burst }, (_, i) =>
      tap(i % 2 ? consumerA : null, 'prod_shirt', 'home', 'curated'),
    ),
  )
  expect(answers.every((a) => a.ok)).toBe(true)
  expect((await stats('home')).find((r) => r.day === '2026-11-22')?.tapped).toEqual({
    curated: burst,
  })
})

test('personalisation off: the tap is counted, nothing about the customer is kept', async () => {
  const off = 'o_rec_off'
  env.cloud.clock.set(new Date(T0.getTime() + 30 * DAY))
  await invoke(env, userApi.setPersonalisation, { personalised: false }, off)
  const before = await total('refill', 'tapped', 'curated')
  expect(await tap(off, 'prod_shirt', 'refill', 'curated')).toMatchObject({ ok: true })
  expect(await total('refill', 'tapped', 'curated')).toBe(before + 1)
  expect(await tapsOf(off)).toEqual([])
})

test('a bad slot or basis writes nothing', async () => {
  const before = await env.cloud.store.count(COLLECTIONS.recStats)
  for (const payload of [
    { productId: 'prod_shirt', from: 'banner', basis: 'curated' },
    { productId: 'prod_shirt', from: 'home', basis: 'paid' },
  ])
    expect(await catalog('get', payload, consumerA)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  expect(await env.cloud.store.count(COLLECTIONS.recStats)).toBe(before)
})

test('the dashboard sums the last 30 China days per slot and names the bases that convert', async () => {
  // A month of its own (2027-03), built by hand: one day outside the window.
  const day = (d: string, slot: string, counts: object) => ({
    _id: `${d}_${slot}`,
    day: d,
    slot,
    ...counts,
  })
  await env.cloud.store.insertMany(COLLECTIONS.recStats, [
    day('2027-03-01', 'home', {
      shown: { curated: 100 },
      tapped: { curated: 50 },
      ordered: { curated: 50 },
    }),
    day('2027-03-05', 'home', {
      shown: { curated: 40, option: 20 },
      tapped: { curated: 4, option: 6 },
      ordered: { option: 3 },
    }),
    day('2027-03-30', 'home', {
      shown: { viewed: 40 },
      tapped: { viewed: 10 },
      ordered: { viewed: 1 },
    }),
    day('2027-03-30', 'refill', {
      shown: { refill: 8 },
      tapped: { refill: 4 },
      ordered: { refill: 2 },
    }),
  ])
  // 2027-03-31 10:00 China: the window is 03-02 … 03-31.
  env.cloud.clock.set(new Date(Date.UTC(2027, 2, 31, 2)))
  const result = await invoke(env, merchantApi.dashboard, {}, merchant)
  if (!result.ok) throw new Error(JSON.stringify(result))
  expect(result.data.recommendations).toEqual({
    days: 30,
    slots: [
      { slot: 'home', shown: 100, tapped: 20, ordered: 4, tapRate: 20, orderRate: 20 },
      { slot: 'order_done', shown: 0, tapped: 0, ordered: 0, tapRate: null, orderRate: null },
      { slot: 'refill', shown: 8, tapped: 4, ordered: 2, tapRate: 50, orderRate: 50 },
    ],
    topBases: [
      { basis: 'option', tapped: 6, ordered: 3, orderRate: 50 },
      { basis: 'refill', tapped: 4, ordered: 2, orderRate: 50 },
      { basis: 'viewed', tapped: 10, ordered: 1, orderRate: 10 },
    ],
  })
})
