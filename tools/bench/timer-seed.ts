// Seeding for the reminder timers' benchmark (refill.ts): refills and care tasks cloned from one
// domain-built record each, and quiet customers holding a wake-up credit. Each writes in chunks of
// 10,000 through the store and returns the seconds it took.
import { performance } from 'node:perf_hooks'
import { scheduleCare, type CareTaskRecord } from '../../src/domain/care'
import { emptySubscription } from '../../src/domain/message-policy'
import { COLLECTIONS } from '../../src/domain/names'
import { recordPurchase, refillIdOf, type RefillRecord } from '../../src/domain/refill'
import type { BenchContext } from './types'

const DAY = 86_400_000
const CHUNK = 10_000

const refillTemplate = recordPurchase(null, {
  openid: 'o_template',
  productId: 'prod_filter',
  productName: '净水器替换滤芯',
  defaultCycleDays: 90,
  orderId: 'order_template',
  quantity: 1,
  at: new Date(Date.UTC(2026, 0, 1)),
})

const [careTemplate] = scheduleCare(
  [{ key: 'wash', title: '清洗窗帘', firstAfterDays: 180, everyDays: 180 }],
  {
    orderId: 'order_template',
    orderNo: 'N_TEMPLATE',
    ownerOpenid: 'o_template',
    productId: 'prod_curtain',
    productName: '定制遮光窗帘',
    deliveredAt: new Date(Date.UTC(2026, 0, 1)),
  },
)

export function refillAt(
  openid: string,
  remindAt: Date,
  status: RefillRecord['status'],
): RefillRecord {
  return {
    ...refillTemplate,
    _id: refillIdOf(openid, 'prod_filter'),
    ownerOpenid: openid,
    nextReminderAt: remindAt,
    runOutAt: new Date(remindAt.getTime() + 5 * DAY),
    status,
  }
}

function careTaskAt(n: string, dueAt: Date, status: CareTaskRecord['status']): CareTaskRecord {
  const orderId = `order_${n}`
  return {
    ...careTemplate,
    _id: `${orderId}_wash`,
    ownerOpenid: `o_${n}`,
    orderId,
    orderNo: `N${n}`,
    dueAt,
    // A reminded task comes back 180 days on: never within this run.
    repeatAt: new Date(dueAt.getTime() + 180 * DAY),
    status,
  }
}

/**
 * `total` documents of which `due` are due at `now` (spread over the past day); the rest 90%
 * waiting for a future date within 180 days, 5% reminded, 5% stopped.
 */
async function seedSpread<T extends object>(
  ctx: BenchContext,
  collection: string,
  make: (i: number, at: Date, status: 'active' | 'reminded' | 'stopped') => T,
  total: number,
  due: number,
  now: Date,
): Promise<number> {
  const started = performance.now()
  const dueEvery = Math.max(1, Math.floor(total / Math.max(due, 1)))
  let dueMade = 0
  for (let from = 0; from < total; from += CHUNK) {
    const docs: T[] = []
    for (let i = from; i < Math.min(total, from + CHUNK); i += 1) {
      if (due > 0 && i % dueEvery === 0 && dueMade < due) {
        dueMade += 1
        docs.push(make(i, new Date(now.getTime() - (i % DAY)), 'active'))
      } else {
        const status = i % 20 === 1 ? 'reminded' : i % 20 === 2 ? 'stopped' : 'active'
        const future = new Date(now.getTime() + DAY + ((i * 7_919) % (180 * DAY)))
        docs.push(make(i, status === 'active' ? future : new Date(now.getTime() - DAY), status))
      }
    }
    await ctx.cloud.store.insertMany(collection, docs)
    if ((from / CHUNK) % 10 === 0) ctx.log(`${collection} stored: ${Math.min(total, from + CHUNK)}`)
  }
  if (dueMade !== due) throw new Error(`seeded ${dueMade} due in ${collection}, wanted ${due}`)
  return (performance.now() - started) / 1000
}

export const seedRefills = (
  ctx: BenchContext,
  prefix: string,
  total: number,
  due: number,
  now: Date,
) =>
  seedSpread(
    ctx,
    COLLECTIONS.refills,
    (i, at, status) => refillAt(`o_${prefix}_${i}`, at, status),
    total,
    due,
    now,
  )

export const seedCareTasks = (
  ctx: BenchContext,
  prefix: string,
  total: number,
  due: number,
  now: Date,
) =>
  seedSpread(
    ctx,
    COLLECTIONS.careTasks,
    (i, at, status) => careTaskAt(`${prefix}_${i}`, at, status),
    total,
    due,
    now,
  )

/**
 * `count` quiet customers (last seen 120 days ago, no order) holding one wake-up credit, each
 * with a refill running out within the week (their reason), plus `others` customers holding a
 * credit for another purpose only (stored, never candidates).
 */
export async function seedWakeUpHolders(
  ctx: BenchContext,
  prefix: string,
  count: number,
  others: number,
  now: Date,
): Promise<number> {
  const started = performance.now()
  const openids = Array.from({ length: count }, (_, i) => `o_${prefix}_${i}`)
  const holder = (openid: string, purpose: 'wake_up' | 'refill_reminder') => ({
    ...emptySubscription(openid, purpose, now),
    credits: 1,
    acceptedTotal: 1,
  })
  await ctx.cloud.store.insertMany(
    COLLECTIONS.users,
    openids.map((openid) => ({ _id: openid, lastSeenAt: new Date(now.getTime() - 120 * DAY) })),
  )
  await ctx.cloud.store.insertMany(
    COLLECTIONS.refills,
    openids.map((openid) => refillAt(openid, new Date(now.getTime() + DAY), 'active')),
  )
  await ctx.cloud.store.insertMany(
    COLLECTIONS.subscriptions,
    openids.map((openid) => holder(openid, 'wake_up')),
  )
  for (let from = 0; from < others; from += CHUNK) {
    const docs = []
    for (let i = from; i < Math.min(others, from + CHUNK); i += 1)
      docs.push(holder(`o_${prefix}_other_${i}`, 'refill_reminder'))
    await ctx.cloud.store.insertMany(COLLECTIONS.subscriptions, docs)
  }
  return (performance.now() - started) / 1000
}
