// Wake-ups for quiet customers (issue 20) through the real user timer: only a customer with a
// 好久不见 credit, no visit and no order for 90 days, and a reason (a refill running out, a new
// batch of what they bought) gets one; a second run, or a second day, in the same quarter adds
// nothing; the next quarter may bring one more. The message timer sends it like any other.
import type { OutboxRecord } from '@/domain/message-drafts'
import { emptySubscription } from '@/domain/message-policy'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { useDemoCloud } from '../helpers/demo-cloud'
import { DAY, daytime, messageClient } from './message-helpers'

const env = useDemoCloud()
const { grant, drain } = messageClient(env)

const NOW = daytime(10) // 2026-12-03 11:00 China
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY)
const wakeUps = async () =>
  (
    (await env.cloud.store.find(COLLECTIONS.notificationQueue, {
      purpose: 'wake_up',
    })) as OutboxRecord[]
  ).sort((a, b) => a.key.localeCompare(b.key))
const runTimer = async (at: Date) => {
  env.cloud.clock.set(at)
  return (await env.cloud.fireTimer(FUNCTIONS.user)) as { ok: boolean; data: { wakeUps: object } }
}

async function customer(
  openid: string,
  { seen, credit = true }: { seen: number; credit?: boolean },
): Promise<void> {
  if (credit) await grant(openid, 'wake_up')
  await env.cloud.store.insertMany(COLLECTIONS.users, [
    { _id: openid, visits: 3, firstSeenAt: daysAgo(400), lastSeenAt: daysAgo(seen) },
  ])
}
const refillOf = (openid: string, runsOutIn: number) => ({
  _id: `refill_${openid}`,
  ownerOpenid: openid,
  productId: 'prod_filter',
  productName: '净水器替换滤芯',
  runOutAt: new Date(NOW.getTime() + runsOutIn * DAY),
  nextReminderAt: daysAgo(1),
  status: 'active',
})
const orderOf = (openid: string, productId: string, placed: number) => ({
  _id: `order_${openid}`,
  orderNo: `WAKE${openid}`,
  ownerOpenid: openid,
  productId,
  productSnapshot: { name: '亚麻床品 · 预售' },
  createdAt: daysAgo(placed),
})

beforeAll(async () => {
  env.cloud.clock.set(daysAgo(0))
  await customer('o_wake_refill', { seen: 100 })
  await customer('o_wake_batch', { seen: 95 })
  await customer('o_wake_recent_visit', { seen: 10 })
  await customer('o_wake_recent_order', { seen: 120 })
  await customer('o_wake_no_reason', { seen: 200 })
  await customer('o_wake_no_credit', { seen: 200, credit: false })
  await env.cloud.store.insertMany(COLLECTIONS.refills, [
    refillOf('o_wake_refill', 5),
    refillOf('o_wake_recent_visit', 5),
    refillOf('o_wake_recent_order', 5),
    refillOf('o_wake_no_credit', 5),
    // Runs out in 40 days: not yet a reason.
    refillOf('o_wake_no_reason', 40),
  ])
  await env.cloud.store.insertMany(COLLECTIONS.orders, [
    orderOf('o_wake_batch', 'prod_wake_batch', 150),
    orderOf('o_wake_recent_order', 'prod_filter', 30),
    orderOf('o_wake_no_reason', 'prod_wake_old_batch', 150),
  ])
  await env.cloud.store.insertMany(COLLECTIONS.batches, [
    { _id: 'prod_wake_batch', productId: 'prod_wake_batch', openedAt: daysAgo(20) },
    { _id: 'prod_wake_old_batch', productId: 'prod_wake_old_batch', openedAt: daysAgo(300) },
  ])
})
afterAll(() => env.cloud.clock.set(null))

test('a quiet customer with a credit and a reason gets one wake-up; the others none', async () => {
  expect((await runTimer(NOW)).data.wakeUps).toEqual({ candidates: 5, queued: 2, finished: true })
  const rows = await wakeUps()
  expect(rows.map((row) => [row.toOpenid, row.page, row.values])).toEqual([
    [
      'o_wake_batch',
      'pages/product/index?id=prod_wake_batch',
      {
        reasonText: '你买过的商品新一批开团了',
        productName: '亚麻床品 · 预售',
        tip: '好久不见，点此查看',
      },
    ],
    [
      'o_wake_refill',
      'pages/refills/index?productId=prod_filter',
      { reasonText: '常用耗材快用完了', productName: '净水器替换滤芯', tip: '好久不见，点此查看' },
    ],
  ])
  expect(rows.map((row) => row.key)).toEqual([
    'wake_up:o_wake_batch:2026-Q4',
    'wake_up:o_wake_refill:2026-Q4',
  ])
})

test('a second run, or another day in the same quarter, adds nothing', async () => {
  expect((await runTimer(NOW)).data.wakeUps).toEqual({ candidates: 5, queued: 0, finished: true })
  expect((await runTimer(new Date(NOW.getTime() + 20 * DAY))).data.wakeUps).toMatchObject({
    queued: 0,
  })
  expect(await wakeUps()).toHaveLength(2)
})

test('the message timer sends it with the credit; the next quarter may bring one more', async () => {
  env.cloud.clock.set(new Date(NOW.getTime() + 60_000))
  await drain()
  expect((await wakeUps()).map((row) => row.status)).toEqual(['sent', 'sent'])
  // Both credits were spent; the refill customer allows one more. Forty days on (2027-Q1) the
  // customers who never got one still hold theirs: the one whose filter now runs out within 14
  // days has a reason; the recent visitor and the recent buyer are still not quiet.
  await grant('o_wake_refill', 'wake_up')
  expect((await runTimer(daytime(10 + 40))).data.wakeUps).toEqual({
    candidates: 4,
    queued: 2,
    finished: true,
  })
  expect((await wakeUps()).map((row) => row.key)).toEqual([
    'wake_up:o_wake_batch:2026-Q4',
    'wake_up:o_wake_no_reason:2027-Q1',
    'wake_up:o_wake_refill:2026-Q4',
    'wake_up:o_wake_refill:2027-Q1',
  ])
})

test('candidates are read in pages of 100; a run cut short by its time is resumed: 150 all get one', async () => {
  const openids = Array.from({ length: 150 }, (_, i) => `o_wake_many_${String(i).padStart(3, '0')}`)
  await env.cloud.store.insertMany(
    COLLECTIONS.subscriptions,
    openids.map((openid) => ({
      ...emptySubscription(openid, 'wake_up', daysAgo(1)),
      credits: 1,
    })),
  )
  await env.cloud.store.insertMany(
    COLLECTIONS.users,
    openids.map((openid) => ({
      _id: openid,
      visits: 1,
      firstSeenAt: daysAgo(300),
      lastSeenAt: daysAgo(120),
    })),
  )
  await env.cloud.store.insertMany(
    COLLECTIONS.refills,
    openids.map((openid) => refillOf(openid, 5)),
  )
  const at = daytime(10 + 41)
  // A run stops after half its timeout (a loaded machine may need two); the next skips the woken.
  let queued = 0
  for (let run = 0; run < 4; run += 1) {
    const { wakeUps: counts } = (await runTimer(at)).data as {
      wakeUps: { queued: number; finished: boolean }
    }
    queued += counts.queued
    if (counts.finished) break
  }
  expect(queued).toBe(150)
  const keys = new Set((await wakeUps()).map((row) => row.key))
  expect(openids.filter((openid) => !keys.has(`wake_up:${openid}:2027-Q1`))).toEqual([])
})

test('a run goes on after where the last one stopped: quiet holders past the first 500 get one', async () => {
  // 600 more holders, only the last 50 by `_id` quiet: a run reads 500, so they are in the next.
  const openids = Array.from({ length: 600 }, (_, i) => `o_wake_turn_${String(i).padStart(3, '0')}`)
  const quiet = openids.slice(550)
  await env.cloud.store.insertMany(
    COLLECTIONS.subscriptions,
    openids.map((openid) => ({ ...emptySubscription(openid, 'wake_up', daysAgo(1)), credits: 1 })),
  )
  await env.cloud.store.insertMany(
    COLLECTIONS.users,
    openids.map((openid) => ({
      _id: openid,
      visits: 1,
      firstSeenAt: daysAgo(300),
      lastSeenAt: daysAgo(quiet.includes(openid) ? 120 : 1),
    })),
  )
  await env.cloud.store.insertMany(
    COLLECTIONS.refills,
    quiet.map((openid) => refillOf(openid, 5)),
  )
  const at = daytime(10 + 42)
  const runs: { candidates: number; queued: number; finished: boolean }[] = []
  for (let run = 0; run < 4 && !runs.at(-1)?.finished; run += 1)
    runs.push((await runTimer(at)).data.wakeUps as (typeof runs)[number])
  expect(runs.reduce((sum, run) => sum + run.queued, 0)).toBe(50)
  const keys = new Set((await wakeUps()).map((row) => row.key))
  expect(quiet.filter((openid) => !keys.has(`wake_up:${openid}:2027-Q1`))).toEqual([])
  // Having reached the last holder, the next run begins again from the first.
  const [cursor] = await env.cloud.store.find(COLLECTIONS.timerCursors, { _id: 'wake_ups' })
  expect(cursor).toMatchObject({ afterId: null })
})
