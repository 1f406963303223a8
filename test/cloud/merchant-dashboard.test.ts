// merchant.dashboard against a hand-built shop: orders placed and delivered at set times (the
// local cloud's clock), outbox, refill and rating rows inserted directly. Expected figures are
// worked out here by hand from those times.
import type { ResultOf } from '@/domain/api/contract'
import { merchantApi } from '@/domain/api/merchant'
import { COLLECTIONS } from '@/domain/names'
import {
  consumerA,
  consumerB,
  invoke,
  merchant,
  payOrder,
  useDemoCloud,
} from '../helpers/demo-cloud'
import {
  ADDRESS,
  createPayload,
  curtainSelection,
  filterSelection,
  shirtSelection,
} from './order-helpers'
import { merchantClient } from './merchant-helpers'

const env = useDemoCloud()
const { order, find } = merchantClient(env)
const DAY = 24 * 60 * 60 * 1000

/** 10:00 China time on a November 2026 day. */
const nov = (day: number, hour = 10) => new Date(Date.UTC(2026, 10, day, hour - 8))
const oct = (day: number) => new Date(Date.UTC(2026, 9, day, 2))
/** Dashboard time: Saturday 2026-11-14 10:00 China; its week starts Monday 11-09. */
const NOW = nov(14)

async function placeAt(at: Date, openid: string, overrides: Record<string, unknown>) {
  env.cloud.clock.set(at)
  const result = await order('create', createPayload(overrides), openid)
  if (!result.ok) throw new Error(JSON.stringify(result))
  await payOrder(env, result.data.order._id, openid)
  return result.data.order
}

async function act(orderId: string, event: string, input?: object) {
  const result = await order('act', { orderId, event, input }, merchant)
  if (!result.ok) throw new Error(`${event}: ${JSON.stringify(result)}`)
}

async function deliverAt(orderId: string, at: Date) {
  for (const event of ['confirm', 'purchase_materials', 'start_production', 'start_quality_check'])
    await act(orderId, event)
  await act(orderId, 'ship', { carrier: '顺丰速运', trackingNo: 'SF1000000001' })
  env.cloud.clock.set(at)
  await act(orderId, 'deliver')
}

let fast: { _id: string; etaHistory: { eta: string }[] }
let slow: { _id: string; etaHistory: { eta: string }[] }
/** Rows the order events queued themselves, by status (their status is the outbox's call). */
let queued: Record<string, number>
let view: ResultOf<typeof merchantApi.dashboard>

beforeAll(async () => {
  // Placed 11-02 10:00; delivered after exactly 5 and 10 days. `slow` is urgent.
  fast = await placeAt(nov(2), consumerA, {})
  slow = await placeAt(nov(2), consumerB, { selection: shirtSelection({ urgent: true }) })
  await deliverAt(fast._id, new Date(nov(2).getTime() + 5 * DAY))
  env.cloud.clock.set(nov(2))
  await deliverAt(slow._id, new Date(nov(2).getTime() + 10 * DAY))
  // Placed 10-20 (a consumable, due in days): overdue by 11-14.
  await placeAt(oct(20), consumerA, {
    productId: 'prod_filter',
    selection: { ...filterSelection(), quantity: 1 },
  })
  // This week: a curtain with an exception, and two shirts.
  const curtain = await placeAt(nov(10), consumerA, {
    productId: 'prod_curtain',
    selection: curtainSelection(),
  })
  await act(curtain._id, 'flag_exception', {
    kind: 'delayed',
    note: '面料延迟',
    offered: [{ type: 'cancel' }],
  })
  await placeAt(nov(11), consumerB, {
    selection: shirtSelection({ quantity: 2 }),
    address: ADDRESS,
  })

  queued = {}
  for (const { status, holdReason } of await find(COLLECTIONS.notificationQueue)) {
    queued[status] = (queued[status] ?? 0) + 1
    if (holdReason) queued[`held:${holdReason}`] = (queued[`held:${holdReason}`] ?? 0) + 1
  }
  const row = (status: string, createdAt: Date, holdReason?: string) => ({
    status,
    createdAt,
    purpose: 'order_confirmed',
    toOpenid: consumerA,
    ...(holdReason ? { holdReason } : {}),
  })
  /** A sent message of `purpose`, opened (message.opened) when `openedAt` is given. */
  const sent = (purpose: string, createdAt: Date, openedAt?: Date) => ({
    ...row('sent', createdAt),
    purpose,
    ...(openedAt ? { opened: true, openedAt } : {}),
  })
  await env.cloud.store.insertMany(COLLECTIONS.notificationQueue, [
    sent('shipped', nov(5), nov(6)),
    sent('shipped', nov(5)),
    sent('refill_reminder', nov(5), nov(5, 12)),
    ...['dead', 'pending', 'retry', 'sending'].map((s) => row(s, nov(5))),
    row('held', nov(5), 'main_off'),
    row('held', nov(5), 'daily_cap'),
    sent('shipped', oct(1), oct(2)), // outside the 30-day window
    row('dead', oct(1)),
  ])
  await env.cloud.store.insertMany(COLLECTIONS.refills, [
    {
      ownerOpenid: 'o_r1',
      productId: 'prod_filter',
      lastReminderAt: nov(1),
      lastAttributedAt: nov(3),
    },
    {
      ownerOpenid: 'o_r2',
      productId: 'prod_filter',
      lastReminderAt: nov(4),
      lastAttributedAt: null,
    },
    {
      ownerOpenid: 'o_r3',
      productId: 'prod_filter',
      lastReminderAt: nov(6),
      lastAttributedAt: null,
    },
    {
      ownerOpenid: 'o_r4',
      productId: 'prod_filter',
      lastReminderAt: nov(8),
      lastAttributedAt: null,
    },
    {
      ownerOpenid: 'o_r5',
      productId: 'prod_filter',
      lastReminderAt: oct(1),
      lastAttributedAt: oct(3),
    },
  ])

  // Ratings: four in the window (two shirts, one curtain, one filter), one too old to count.
  const rating = (
    id: string,
    product: string,
    [quality, fit, onTime]: [number, number | null, number],
    text: string,
    createdAt: Date,
  ) => ({
    _id: id,
    orderId: id,
    orderNo: `NO-${id}`,
    ownerOpenid: consumerA,
    productId: 'prod_test',
    productName: product,
    quality,
    fit,
    onTime,
    text,
    createdAt,
    updatedAt: createdAt,
    edits: 0,
  })
  await env.cloud.store.insertMany(COLLECTIONS.ratings, [
    rating('rated_a', '量体定制衬衫', [5, 4, 5], '很合身', nov(3)),
    rating('rated_b', '量体定制衬衫', [2, 1, 3], '袖子太长', nov(6)),
    rating('rated_c', '全遮光定制窗帘', [4, null, 2], '晚到两天', nov(8)),
    rating('rated_d', '净水器替换滤芯', [5, null, 5], '', nov(9)),
    rating('rated_old', '量体定制衬衫', [1, 1, 1], '太旧不计', oct(1)),
  ])

  // After-sales: 袖长 −2 on `fast` 49 hours before the dashboard (past the 48-hour promise), a
  // return of `slow` 47.5 hours before.
  const ask = async (at: Date, openid: string, payload: Record<string, unknown>) => {
    env.cloud.clock.set(at)
    const asked = await order(
      'requestAfterSales',
      { requestId: `as-${at.getTime()}`, ...payload },
      openid,
    )
    if (!asked.ok) throw new Error(JSON.stringify(asked))
  }
  await ask(nov(12, 9), consumerA, {
    orderId: fast._id,
    kind: 'alteration',
    reason: '尺寸不合适',
    alterations: [{ measurementId: 'sleeve', delta: -2 }],
  })
  await ask(new Date(nov(12).getTime() + 30 * 60 * 1000), consumerB, {
    orderId: slow._id,
    kind: 'return',
    reason: '与描述不符',
  })

  env.cloud.clock.set(NOW)
  const result = await invoke(env, merchantApi.dashboard, {}, merchant)
  if (!result.ok) throw new Error(JSON.stringify(result))
  view = result.data
}, 60_000)
afterAll(() => env.cloud?.clock.set(null))

test('after-sales: rate against delivered orders, reasons, the altered size, open and overdue', () => {
  expect(view.afterSales).toEqual({
    requests: 2,
    rate: 1,
    byKind: { alteration: 1, remake: 0, return: 1, repair: 0 },
    byProduct: [{ product: '量体定制衬衫', requests: 2, delivered: 2, rate: 1 }],
    reasons: [
      { reason: '与描述不符', count: 1 },
      { reason: '尺寸不合适', count: 1 },
    ],
    // Both shirts were made with the demo's choices, and both came back.
    byOption: ['袖口：法式叠袖', '面料：埃及长绒棉', '领型：八字领'].map((option) => ({
      option,
      requests: 2,
      delivered: 2,
      rate: 1,
    })),
    altered: [{ label: '袖长', unit: 'cm', count: 1, averageDelta: -2 }],
    rework: { count: 0, averageDays: null, p90Days: null },
    open: 2,
    overdue: 1,
    windowDays: 30,
  })
})

test('ratings over the window: averages (合身 where given), per product, lowest first', () => {
  const low = (id: string, product: string, scores: number[], mean: number, text: string) => ({
    orderId: id,
    orderNo: `NO-${id}`,
    product,
    quality: scores[0],
    fit: scores.length === 3 ? scores[1] : null,
    onTime: scores[scores.length - 1],
    mean,
    text,
  })
  expect(view.ratings).toEqual({
    ratings: 4,
    // quality 16/4; fit over the two shirts 5/2; on time 15/4 = 3.75.
    average: { quality: 4, fit: 2.5, onTime: 3.8 },
    byProduct: [
      { product: '量体定制衬衫', ratings: 2, average: { quality: 3.5, fit: 2.5, onTime: 4 } },
      { product: '全遮光定制窗帘', ratings: 1, average: { quality: 4, fit: null, onTime: 2 } },
      { product: '净水器替换滤芯', ratings: 1, average: { quality: 5, fit: null, onTime: 5 } },
    ],
    lowest: [
      low('rated_b', '量体定制衬衫', [2, 1, 3], 2, '袖子太长'),
      low('rated_c', '全遮光定制窗帘', [4, 2], 3, '晚到两天'),
      low('rated_a', '量体定制衬衫', [5, 4, 5], 4.7, '很合身'),
      low('rated_d', '净水器替换滤芯', [5, 5], 5, ''),
    ],
    windowDays: 30,
  })
})

test('orders per node, overdue and exceptions', () => {
  expect(view.byNode).toEqual({
    submitted: 3,
    confirmed: 0,
    materials: 0,
    production: 0,
    rework: 0,
    quality_check: 0,
    shipped: 0,
    delivered: 2,
    completed: 0,
    cancelled: 0,
  })
  expect(view.overdue).toBe(1)
  expect(view.exceptions).toBe(1)
})

test('lead time against the promise', () => {
  // Promised days = placed China day (11-02) to the ETA first quoted; on time = delivered on
  // or before that day (delivered 11-07 and 11-12).
  const promised = [fast, slow].map(
    (o) => (Date.parse(o.etaHistory[0].eta) - Date.parse('2026-11-02')) / DAY,
  )
  const onTime = [
    '2026-11-07' <= fast.etaHistory[0].eta,
    '2026-11-12' <= slow.etaHistory[0].eta,
  ].filter(Boolean).length
  expect(view.leadTime).toEqual({
    samples: 2,
    averageDays: 7.5,
    p90Days: 10,
    promisedAverageDays: Math.round(((promised[0] + promised[1]) / 2) * 10) / 10,
    onTimeRate: onTime / 2,
  })
})

test('urgent share over the last 30 days: 1 of 5 orders', () => {
  expect(view.urgentShare).toBe(0.2)
})

test('most requested options this week, by units', () => {
  // Two shirts (quantity 2) and one curtain were placed this week: shirt choices count 2.
  expect(view.topOptions).toHaveLength(5)
  expect(view.topOptions.slice(0, 3).map((o: { count: number }) => o.count)).toEqual([2, 2, 2])
  expect(view.topOptions.slice(3).map((o: { count: number }) => o.count)).toEqual([1, 1])
  expect(view.topOptions.map((o: { label: string }) => o.label)).toEqual(
    expect.arrayContaining(['面料：埃及长绒棉']),
  )
})

test('weekly order counts, oldest first', () => {
  expect(view.weeklyOrders).toEqual([
    { week: '2026-09-21', count: 0 },
    { week: '2026-09-28', count: 0 },
    { week: '2026-10-05', count: 0 },
    { week: '2026-10-12', count: 0 },
    { week: '2026-10-19', count: 1 },
    { week: '2026-10-26', count: 0 },
    { week: '2026-11-02', count: 2 },
    { week: '2026-11-09', count: 2 },
  ])
})

test('message delivery over the window', () => {
  // Inserted: sent 3 (2 of them opened), held 2 (main switch off, daily cap), dead 1,
  // pending/retry/sending 3 (plus two rows too old to count, one of them opened).
  const from = (...statuses: string[]) => statuses.reduce((n, s) => n + (queued[s] ?? 0), 0)
  expect(view.messages).toEqual({
    sent: 3 + from('sent'),
    held: 2 + from('held'),
    failed: 1 + from('dead'),
    pending: 3 + from('pending', 'retry', 'sending'),
    heldBy: {
      no_credit: from('held:no_credit'),
      disabled: from('held:disabled'),
      main_off: 1 + from('held:main_off'),
      daily_cap: 1 + from('held:daily_cap'),
      interrupted: from('held:interrupted'),
    },
    // The flow's own rows were never sent (no credits), so these are the inserted ones exactly.
    opened: 2,
    openRate: 0.667,
    byPurpose: [
      { purpose: 'shipped', sent: 2, opened: 1, openRate: 0.5 },
      { purpose: 'refill_reminder', sent: 1, opened: 1, openRate: 1 },
    ],
  })
  expect(from('sent')).toBe(0)
  // The flow's own held rows are the customer's missing credits, told apart from the rest.
  expect(from('held:no_credit')).toBe(from('held'))
})

test('reminder-to-reorder conversion over the window: 1 of 4', () => {
  expect(view.refills).toEqual({ remindersSent: 4, reorders: 1, conversion: 0.25, windowDays: 30 })
})
