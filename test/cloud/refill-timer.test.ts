// The refill timer through the real SDK with the local cloud's clock: nothing before the
// reminder date, one queued message after it (however often or concurrently the timer fires),
// the reminder listed in-app, and batches with a cursor when more are due than one batch holds.
// Exactly once under trouble: a run that died half-way through a batch (claims, messages and
// marks left behind), two runs over the same batches, and database calls failing or losing
// their answers at random while the timer runs.
import { newOutboxRecord } from '@/domain/message-drafts'
import { COLLECTIONS } from '@/domain/names'
import { reminderKeyOf, type RefillRecord } from '@/domain/refill'
import { reminderDraft } from '@/domain/refill-message'
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
  const [row] = await messagesTo(consumerB)
  expect(sent[0]).toMatchObject({
    page: `pages/refills/index?productId=prod_filter&mid=${row._id}`,
    errcode: 0,
  })
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

/** Every due refill ends with exactly one reminder row (its key), reminded, no claim left. */
async function expectRemindedOnce(due: RefillRecord[]) {
  const rows = (await env.cloud.store.find(COLLECTIONS.notificationQueue, {
    purpose: 'refill_reminder',
  })) as Array<{ key: string; toOpenid: string }>
  const stored = await refillsOf({ _id: { $in: due.map((refill) => refill._id) } })
  const byId = new Map(stored.map((refill) => [refill._id, refill]))
  for (const refill of due) {
    const mine = rows.filter((row) => row.toOpenid === refill.ownerOpenid)
    expect(mine.map((row) => row.key)).toEqual([reminderKeyOf(refill)])
    const now = byId.get(refill._id)!
    expect(now.status).toBe('reminded')
    expect(now).not.toHaveProperty('reminderClaim')
    expect(now).not.toHaveProperty('reminderClaimUntil')
  }
}

/** Fires the timer; a run that failed (database fault) answers null. */
async function fireOrNull(): Promise<{ queued: number; marked: number; finished: boolean } | null> {
  try {
    const run = await fire()
    return run.ok ? run.data : null
  } catch {
    return null
  }
}

const LEASE = 2 * 60_000

test('a run that died half-way through a batch: its claims wait for the lease, then the next run finishes them once', async () => {
  const now = Date.now()
  const diedAt = new Date(now - 10_000)
  // 150 due. The dead run claimed 70 of them (lease until diedAt + 2 min), queued the messages of
  // 60 of those and marked 30 before it died; 50 it never reached.
  const due = Array.from({ length: 150 }, (_, i) =>
    makeRefill(`o_crash_${String(i).padStart(3, '0')}`, new Date(now - (i + 1) * 60_000)),
  )
  const claim = {
    reminderClaim: 'dead-run',
    reminderClaimUntil: new Date(diedAt.getTime() + LEASE),
  }
  const stored = due.map((refill, i) =>
    i < 30
      ? { ...refill, status: 'reminded' as const, lastReminderAt: diedAt, updatedAt: diedAt }
      : i < 100
        ? { ...refill, ...claim }
        : refill,
  )
  await env.cloud.store.insertMany(COLLECTIONS.refills, stored)
  await env.cloud.store.insertMany(
    COLLECTIONS.notificationQueue,
    due.slice(0, 60).map((refill) => newOutboxRecord(reminderDraft(refill), diedAt)),
  )

  // Within the lease: only the 50 the dead run never claimed.
  expect(await fire()).toMatchObject({ ok: true, data: { queued: 50, marked: 50 } })
  const held = await refillsOf({ _id: { $in: due.slice(30, 100).map((refill) => refill._id) } })
  expect(
    held.every((refill) => refill.status === 'active' && refill.reminderClaim === 'dead-run'),
  ).toBe(true)

  // After the lease: the 70 it claimed; the 30 messages it queued are not queued again.
  env.cloud.clock.set(new Date(now + LEASE + 60_000))
  expect(await fire()).toMatchObject({ ok: true, data: { queued: 40, marked: 70, finished: true } })
  expect(await fire()).toMatchObject({ ok: true, data: { queued: 0, marked: 0 } })
  await expectRemindedOnce(due)
  // The 30 it marked were not marked again.
  const first = await refillsOf({ _id: { $in: due.slice(0, 30).map((refill) => refill._id) } })
  for (const refill of first) expect(refill.lastReminderAt).toEqual(diedAt)
}, 120_000)

test('two runs over the same batches (120 due at one instant): each reminder queued and marked once', async () => {
  const now = Date.now()
  const at = new Date(now - DAY)
  const due = Array.from({ length: 250 }, (_, i) =>
    makeRefill(`o_pair_${String(i).padStart(3, '0')}`, i < 120 ? at : new Date(at.getTime() + i)),
  )
  await env.cloud.store.insertMany(COLLECTIONS.refills, due)
  const runs = await Promise.all([fire(), fire()])
  expect(runs.every((run) => run.ok)).toBe(true)
  const after = await fire()
  expect(after).toMatchObject({ ok: true, data: { queued: 0, finished: true } })
  const total = (run: { data: { queued: number; marked: number } }) => run.data.queued
  expect(runs.reduce((sum, run) => sum + total(run), 0)).toBe(250)
  expect(runs.reduce((sum, run) => sum + run.data.marked, 0)).toBe(250)
  await expectRemindedOnce(due)
}, 120_000)

test('database calls failing or losing their answers mid-batch: every reminder still queued and marked once', async () => {
  const start = Date.now()
  const due = Array.from({ length: 230 }, (_, i) =>
    makeRefill(`o_fault_${String(i).padStart(3, '0')}`, new Date(start - (i % 40) * 60_000 - DAY)),
  )
  await env.cloud.store.insertMany(COLLECTIONS.refills, due)
  let failed = 0
  let diedHolding = 0
  let queued = 0
  env.cloud.faults.set({ dbFailRate: 0.12, dbTimeoutRate: 0.08, seed: 21 })
  try {
    // Each run later than the last one's lease, as the hourly trigger is.
    for (let round = 0; round < 8; round += 1) {
      env.cloud.clock.set(new Date(start + round * (LEASE + 60_000)))
      const run = await fireOrNull()
      if (run) queued += run.queued
      else {
        failed += 1
        const left = await refillsOf({ _id: { $in: due.map((refill) => refill._id) } })
        if (left.some((refill) => refill.reminderClaim)) diedHolding += 1
      }
    }
  } finally {
    env.cloud.faults.off()
  }
  expect(failed).toBeGreaterThan(0)
  // Some run stopped holding claims, which the run after the lease took over.
  expect(diedHolding).toBeGreaterThan(0)
  env.cloud.clock.set(new Date(start + 13 * (LEASE + 60_000)))
  const last = await fire()
  expect(last).toMatchObject({ ok: true, data: { finished: true } })
  // Runs that failed after writing report nothing, so the reported total can only fall short.
  expect(queued + last.data.queued).toBeLessThanOrEqual(due.length)
  await expectRemindedOnce(due)
}, 300_000)
