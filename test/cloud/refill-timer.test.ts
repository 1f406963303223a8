// The refill timer through the real SDK with the local cloud's clock: nothing before the
// reminder date, one queued message after it (however often or concurrently the timer fires),
// the reminder listed in-app, and batches with a cursor when more are due than one batch holds.
import { COLLECTIONS } from '@/domain/names'
import { reminderKeyOf } from '@/domain/refill'
import { callerFor, consumerA, consumerB, useDemoCloud } from '../helpers/demo-cloud'
import { chinaDaytimeToday } from '../helpers/local-cloud'
import { DAY, makeRefill, refillClient } from './refill-helpers'

const env = useDemoCloud()
const { call, deliverFilter, refillsOf } = refillClient(env)
const fire = () => env.cloud.fireTimer('refill') as Promise<{ ok: boolean; data: any }> // eslint-disable-line @typescript-eslint/no-explicit-any
const messagesTo = (toOpenid: string) =>
  env.cloud.store.find(COLLECTIONS.notificationQueue, { purpose: 'refill_reminder', toOpenid })

afterEach(() => env.cloud.clock.set(null))

test('a delivered order is reminded after its reminder time, not before, and only once', async () => {
  // Delivered at 11:00 China time, so the reminder falls outside quiet hours and goes out at once.
  env.cloud.clock.set(chinaDaytimeToday())
  await deliverFilter(consumerA, 1)
  const [refill] = await refillsOf({ ownerOpenid: consumerA })
  const remindAt = refill.nextReminderAt.getTime()

  env.cloud.clock.set(new Date(remindAt - DAY))
  expect(await fire()).toMatchObject({ ok: true, data: { queued: 0, finished: true } })
  expect(await messagesTo(consumerA)).toEqual([])

  env.cloud.clock.set(new Date(remindAt + 60_000))
  expect(await fire()).toMatchObject({ ok: true, data: { queued: 1, finished: true } })
  expect(await fire()).toMatchObject({ ok: true, data: { queued: 0 } })
  const messages = await messagesTo(consumerA)
  expect(messages).toHaveLength(1)
  expect(messages[0]).toMatchObject({
    key: reminderKeyOf(refill),
    page: 'pages/refills/index?productId=prod_filter',
    values: { productName: '净水器替换滤芯' },
  })
  const [stored] = await refillsOf({ ownerOpenid: consumerA })
  expect(stored.status).toBe('reminded')
})

test('with no send credit the reminder waits in the in-app 补货提醒 list', async () => {
  const mine = await call('mine', {}, consumerA)
  expect(mine.data.reminders).toHaveLength(1)
  expect(mine.data.reminders[0]).toMatchObject({ productId: 'prod_filter', status: 'reminded' })
  // consumerA never granted a refill_reminder credit: held in-app, nothing reached WeChat.
  const [message] = await messagesTo(consumerA)
  expect(message.status).toBe('held')
  expect((await env.cloud.inbox.list()).filter((m) => m.touser === consumerA)).toEqual([])
})

test('an answer takes the reminder off the in-app list and schedules the next one', async () => {
  const [reminded] = await refillsOf({ ownerOpenid: consumerA })
  const answeredAt = reminded.nextReminderAt.getTime() + DAY
  env.cloud.clock.set(new Date(answeredAt))
  const snoozed = await call('snooze', { productId: 'prod_filter', days: 3 }, consumerA)
  expect(snoozed.ok).toBe(true)
  const mine = await call('mine', {}, consumerA)
  expect(mine.data.reminders).toEqual([])
  env.cloud.clock.set(new Date(answeredAt + 3 * DAY - 60_000))
  expect(await fire()).toMatchObject({ ok: true, data: { queued: 0 } })
  env.cloud.clock.set(new Date(answeredAt + 3 * DAY + 60_000))
  expect(await fire()).toMatchObject({ ok: true, data: { queued: 1 } })
  expect(await messagesTo(consumerA)).toHaveLength(2)
})

/** The first instant at or after `at` that is 10:00 in China (02:00 UTC): outside quiet hours. */
function chinaMorningFrom(at: Date): Date {
  const morning = new Date(at)
  morning.setUTCHours(2, 0, 0, 0)
  return morning < at ? new Date(morning.getTime() + DAY) : morning
}

test('with a credit the reminder is sent to WeChat and opens 我的补货 for the product', async () => {
  const message = callerFor(env, 'message')
  const granted = await message(
    'authorize',
    { results: [{ purpose: 'refill_reminder', result: 'accept' }] },
    consumerB,
  )
  expect(granted.ok).toBe(true)
  await deliverFilter(consumerB, 1)
  const [refill] = await refillsOf({ ownerOpenid: consumerB })
  env.cloud.clock.set(chinaMorningFrom(refill.nextReminderAt))
  const run = await fire()
  expect(run).toMatchObject({ ok: true, data: { queued: 1, sent: { sent: 1 } } })
  const sent = (await env.cloud.inbox.list()).filter((m) => m.touser === consumerB)
  expect(sent).toHaveLength(1)
  expect(sent[0]).toMatchObject({ page: 'pages/refills/index?productId=prod_filter', errcode: 0 })
  expect(Object.values(sent[0].data).map((field) => field.value)).toContain('净水器替换滤芯')
})

test('concurrent timer runs queue each due reminder exactly once', async () => {
  const now = new Date()
  const due = Array.from({ length: 30 }, (_, i) =>
    makeRefill(`o_conc_${i}`, new Date(now.getTime() - (i + 1) * 60_000)),
  )
  await env.cloud.store.insertMany(COLLECTIONS.refills, due)
  const runs = await Promise.all([fire(), fire(), fire()])
  expect(runs.every((run) => run.ok)).toBe(true)
  expect(runs.reduce((sum, run) => sum + run.data.queued, 0)).toBe(30)
  for (const refill of due) expect(await messagesTo(refill.ownerOpenid)).toHaveLength(1)
})

test('more due than one batch: cursor batches read only the due ones', async () => {
  const now = new Date()
  const at = new Date(now.getTime() - DAY)
  // 250 due, 120 of them sharing one instant (the cursor orders ties by id); 50 future; 50 stopped.
  const due = Array.from({ length: 250 }, (_, i) =>
    makeRefill(`o_batch_${String(i).padStart(3, '0')}`, i < 120 ? at : new Date(at.getTime() + i)),
  )
  const future = Array.from({ length: 50 }, (_, i) =>
    makeRefill(`o_future_${i}`, new Date(now.getTime() + DAY)),
  )
  const stopped = Array.from({ length: 50 }, (_, i) =>
    makeRefill(`o_stopped_${i}`, at, { status: 'stopped' }),
  )
  await env.cloud.store.insertMany(COLLECTIONS.refills, [...due, ...future, ...stopped])
  const run = await fire()
  expect(run).toMatchObject({ ok: true, data: { queued: 250, read: 250, finished: true } })
  const queued = await env.cloud.store.find(COLLECTIONS.notificationQueue, {
    purpose: 'refill_reminder',
  })
  const owners = new Set(queued.map((m: { toOpenid: string }) => m.toOpenid))
  for (const refill of due) expect(owners.has(refill.ownerOpenid)).toBe(true)
  for (const refill of [...future, ...stopped]) expect(owners.has(refill.ownerOpenid)).toBe(false)
}, 120_000) // 350 rows and 250 sends through the local cloud: over 30 s on a busy 2-core machine
