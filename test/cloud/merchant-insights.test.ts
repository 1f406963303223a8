// merchant.insights against a hand-built shop (issue 19): orders placed in two China weeks and
// two regions at set times (the local cloud's clock), detail opens recorded by catalog.get, list
// views counted by catalog.list, plus rows inserted directly just outside the windows. Expected
// figures are worked out here by hand.
import type { ResultOf } from '@/domain/api/contract'
import { merchantApi } from '@/domain/api/merchant'
import { userApi } from '@/domain/api/user'
import { LIST_VIEW_SHARDS, type ListViewRecord } from '@/domain/list-views'
import { newOutboxRecord, type OutboxRecord } from '@/domain/message-drafts'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import {
  callerFor,
  consumerA,
  consumerB,
  invoke,
  merchant,
  payOrder,
  useDemoCloud,
} from '../helpers/demo-cloud'
import { refillDraft } from './message-helpers'
import { ADDRESS, createPayload, curtainSelection, shirtSelection } from './order-helpers'

const env = useDemoCloud()
const catalog = callerFor(env, FUNCTIONS.catalog)
const order = callerFor(env, FUNCTIONS.order)

/** 10:00 China time on a November 2026 day. */
const nov = (day: number, hour = 10) => new Date(Date.UTC(2026, 10, day, hour - 8))
const oct = (day: number) => new Date(Date.UTC(2026, 9, day, 2))
/** Insights time: Saturday 2026-11-14 10:00 China; this week from Monday 11-09, last from 11-02. */
const NOW = nov(14)
const HANGZHOU = { ...ADDRESS, region: '浙江省 杭州市 西湖区' }
const SHANGHAI = ADDRESS // 上海市 徐汇区
const linenShirt = (quantity = 1) =>
  shirtSelection({ options: { fabric: ['linen'], collar: ['spread'], cuff: ['barrel'] }, quantity })

async function placeAt(at: Date, openid: string, overrides: Record<string, unknown>) {
  env.cloud.clock.set(at)
  const result = await order('create', createPayload(overrides), openid)
  if (!result.ok) throw new Error(JSON.stringify(result))
  await payOrder(env, result.data.order._id, openid)
}

async function viewAt(at: Date, openid: string, productId: string) {
  env.cloud.clock.set(at)
  expect(await catalog('get', { productId }, openid)).toMatchObject({ ok: true })
}

/** The home page serves customers the catalog list (user.home). */
async function listAt(at: Date, openid: string) {
  env.cloud.clock.set(at)
  expect(await invoke(env, userApi.home, {}, openid)).toMatchObject({ ok: true })
}

/** Refill reminders of the A/B test (variants a and b), written as sent, held or too old. */
async function sendRefillReminders() {
  const row = (
    n: number,
    openid: string,
    variant: string,
    sentAt: Date,
    extra: Partial<OutboxRecord> = {},
  ) => ({
    ...newOutboxRecord(refillDraft(openid, n), sentAt),
    variant,
    status: 'sent' as const,
    sentAt,
    ...extra,
  })
  await env.cloud.store.insertMany(COLLECTIONS.notificationQueue, [
    row(1, consumerA, 'a', nov(2), { opened: true }), // A orders 11-03: followed
    row(2, consumerA, 'a', nov(2, 9)), // the same order follows it too
    row(3, 'o_insights_quiet', 'a', nov(6), { opened: true }), // never orders
    row(4, consumerB, 'b', nov(1)), // B orders 11-05: followed
    row(5, consumerB, 'b', nov(12, 11), { opened: true }), // B's 11-12 order came before it
    row(6, consumerA, 'b', nov(4), { status: 'held', sentAt: null }), // never sent
    row(7, consumerA, 'a', oct(10), { opened: true }), // before the 30 days
  ])
}

let view: ResultOf<typeof merchantApi.insights>
let roundTrips: number

beforeAll(async () => {
  // Last week: a linen shirt to Hangzhou, a curtain to Shanghai.
  await placeAt(nov(3), consumerA, { selection: linenShirt(), address: HANGZHOU })
  await placeAt(nov(5), consumerB, { productId: 'prod_curtain', selection: curtainSelection() })
  // This week: three linen shirts to Hangzhou (two in one order), a curtain to Shanghai.
  await placeAt(nov(10), consumerA, { selection: linenShirt(2), address: HANGZHOU })
  await placeAt(nov(11), consumerB, { selection: linenShirt(), address: HANGZHOU })
  await placeAt(nov(12), consumerB, {
    productId: 'prod_curtain',
    selection: curtainSelection(),
    address: SHANGHAI,
  })
  // In the 30-day funnel, not in the two weeks.
  await placeAt(oct(20), consumerA, { productId: 'prod_curtain', selection: curtainSelection() })

  // Detail opens: A three shirts and a curtain in the window; B has 个性化推荐 off (not recorded).
  await viewAt(nov(1), consumerA, 'prod_shirt')
  await viewAt(nov(9), consumerA, 'prod_shirt')
  await viewAt(nov(13), consumerA, 'prod_shirt')
  await viewAt(nov(13), consumerA, 'prod_curtain')
  expect(await invoke(env, userApi.setPersonalisation, { personalised: false }, consumerB)).toEqual(
    { ok: true, data: { personalised: false } },
  )
  await viewAt(nov(13), consumerB, 'prod_shirt')
  await env.cloud.store.insertMany(COLLECTIONS.behaviourEvents, [
    // 2026-10-15 is the 31st day back: outside the window.
    {
      ownerOpenid: consumerA,
      type: 'product_view',
      productId: 'prod_shirt',
      detail: {},
      createdAt: new Date(Date.UTC(2026, 9, 15, 15, 59)),
    },
  ])

  // List views: three home pages (each lists all 4 active products), two counters stored directly.
  await listAt(nov(13), consumerA)
  await listAt(nov(14, 9), consumerA)
  await listAt(nov(14, 9), consumerB)
  await env.cloud.store.insertMany(COLLECTIONS.listViews, [
    {
      _id: '2026-10-16_0',
      day: '2026-10-16',
      shard: 0,
      views: { prod_shirt: 5 },
      updatedAt: oct(16),
    },
    {
      _id: '2026-10-15_0',
      day: '2026-10-15',
      shard: 0,
      views: { prod_shirt: 50 },
      updatedAt: oct(15),
    },
  ])

  await sendRefillReminders()

  env.cloud.clock.set(NOW)
  const counted = await env.cloud.invokeCounted(
    FUNCTIONS.merchant,
    { action: merchantApi.insights.action, payload: {} },
    merchant,
  )
  const result = counted.result as Awaited<ReturnType<typeof invoke<typeof merchantApi.insights>>>
  if (!result.ok) throw new Error(JSON.stringify(result))
  view = JSON.parse(JSON.stringify(result.data))
  roundTrips = counted.roundTrips
}, 90_000)
afterAll(() => env.cloud?.clock.set(null))

test('list views are counted per China day in at most LIST_VIEW_SHARDS documents', async () => {
  const days = (await env.cloud.store.find(COLLECTIONS.listViews, {})) as ListViewRecord[]
  const byDay = (day: string) => days.filter((d) => d.day === day)
  expect(byDay('2026-11-14').length).toBeGreaterThanOrEqual(1)
  expect(byDay('2026-11-14').length).toBeLessThanOrEqual(LIST_VIEW_SHARDS)
  const total = (day: string, id: string) =>
    byDay(day).reduce((sum, d) => sum + (d.views[id] ?? 0), 0)
  expect(total('2026-11-14', 'prod_shirt')).toBe(2)
  expect(total('2026-11-13', 'prod_filter')).toBe(1)
})

test('the funnel: list views → detail opens → orders over 30 China days, with step rates', () => {
  expect(view.windowDays).toBe(30)
  expect(view.funnel).toEqual([
    {
      productId: 'prod_shirt',
      name: '量体定制衬衫',
      listViews: 8, // 3 calls + 5 on 10-16 (the 50 on 10-15 are outside)
      detailOpens: 3, // 11-01, 11-09, 11-13 by A; not B's, not the one on 10-15
      orders: 3,
      openRate: 0.375,
      orderRate: 1,
    },
    {
      productId: 'prod_curtain',
      name: '全遮光定制窗帘',
      listViews: 3,
      detailOpens: 1,
      orders: 3, // 10-20, 11-05, 11-12
      openRate: 0.333,
      // B's orders count, B's views do not (个性化推荐 off): the rate can pass 100%.
      orderRate: 3,
    },
    // Level on every count: by name (Chinese collation).
    ...[
      ['prod_linen_batch', '亚麻四件套 · 预售拼单'],
      ['prod_filter', '净水器替换滤芯'],
    ].map(([productId, name]) => ({
      productId,
      name,
      listViews: 3,
      detailOpens: 0,
      orders: 0,
      openRate: 0,
      orderRate: null,
    })),
  ])
})

test('demand per product: units this week against last, risers first, 需求激增 flagged', () => {
  expect(view.demand).toMatchObject({ thisWeek: '2026-11-09', lastWeek: '2026-11-02' })
  expect(view.demand.products).toEqual([
    { key: 'prod_shirt', label: '量体定制衬衫', thisWeek: 3, lastWeek: 1, surge: true },
    { key: 'prod_curtain', label: '全遮光定制窗帘', thisWeek: 1, lastWeek: 1, surge: false },
  ])
})

test('demand per option choice', () => {
  const row = (label: string) => view.demand.options.find((r) => r.label === label)
  expect(row('量体定制衬衫 · 面料：法国亚麻')).toMatchObject({
    thisWeek: 3,
    lastWeek: 1,
    surge: true,
  })
  expect(row('量体定制衬衫 · 领型：八字领')).toMatchObject({
    thisWeek: 3,
    lastWeek: 1,
    surge: true,
  })
  expect(row('全遮光定制窗帘 · 面料：丝绒遮光')).toMatchObject({
    thisWeek: 1,
    lastWeek: 1,
    surge: false,
  })
  // Three shirt choices rose by 2, then three curtain choices stayed level.
  expect(view.demand.options.map((r) => r.thisWeek - r.lastWeek)).toEqual([2, 2, 2, 0, 0, 0])
})

test('demand per region: province and city of the order’s address', () => {
  expect(view.demand.regions).toEqual([
    { key: '浙江省 杭州市', label: '浙江省 杭州市', thisWeek: 3, lastWeek: 1, surge: true },
    { key: '上海市', label: '上海市', thisWeek: 1, lastWeek: 1, surge: false },
  ])
})

test('reads: the merchant check, 4 in parallel (one per purpose under test), then one indexed count per product', () => {
  expect(view.sampled).toBe(false)
  expect(roundTrips).toBe(1 + 4 + 4)
})

test('message A/B: per variant, sent, opened and followed by an order within 7 days', () => {
  expect(view.experiments).toEqual([
    {
      purpose: 'refill_reminder',
      variants: [
        { key: 'a', label: '原文案：快用完了', sent: 3, opened: 2, followedByOrder: 2 },
        { key: 'b', label: '新文案：一键补货省事', sent: 2, opened: 1, followedByOrder: 1 },
      ],
    },
  ])
})
