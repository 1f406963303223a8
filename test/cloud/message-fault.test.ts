// The fault test: 300 messages for 60 users, 400 injected send failures (45009, dropped replies,
// platform errors, 43101, 47003, 40003, 41030, 40037) consumed in a seeded random order, four
// notifier runs at once per round, plus 10 rows a crashed run left mid-send. At the end every
// message is sent exactly once (by the local inbox), dead-lettered with a reason, or held
// in-app with a reason: duplicated 0, lost 0. Prints the summary line for the issue note.
import { emptySubscription } from '@/domain/message-policy'
import { newOutboxRecord } from '@/domain/message-drafts'
import { COLLECTIONS } from '@/domain/names'
import { useDemoCloud } from '../helpers/demo-cloud'
import { MINUTE, daytime, messageClient, refillDraft } from './message-helpers'

const env = useDemoCloud()
const { outbox, drain } = messageClient(env)

const USERS = 60
const PER_USER = 5 // the daily cap
const CRASHED = 10
const FAILURES = 400
const NETWORK_FAILURE = -1
/** Injected errcodes with their weights. */
const MIX: [number, number][] = [
  [45009, 30],
  [NETWORK_FAILURE, 20],
  [-501001, 10],
  [43101, 10],
  [47003, 10],
  [40003, 7],
  [41030, 7],
  [40037, 6],
]

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

afterAll(() => env.cloud.clock.set(null))

test('hundreds of injected failures and concurrent runs: every message once, or dead / held with a reason', async () => {
  const seed = Number(process.env.FAULT_SEED ?? 20261122)
  const next = random(seed)
  const start = daytime(0)
  env.cloud.clock.set(start)
  const users = Array.from({ length: USERS }, (_, index) => `o_fault_${index}`)
  await env.cloud.store.insertMany(
    COLLECTIONS.subscriptions,
    users.map((openid) => ({
      ...emptySubscription(openid, 'refill_reminder', start),
      credits: PER_USER + 1,
      acceptedTotal: PER_USER + 1,
    })),
  )
  const drafts = users.flatMap((openid) =>
    Array.from({ length: PER_USER }, (_, index) => refillDraft(openid, index)),
  )
  const crashed = drafts.slice(0, CRASHED)
  await env.cloud.store.insertMany(COLLECTIONS.notificationQueue, [
    ...drafts.slice(CRASHED).map((draft) => newOutboxRecord(draft, start)),
    // What a run that died between claim and bookkeeping leaves behind.
    ...crashed.map((draft) => ({
      ...newOutboxRecord(draft, start),
      status: 'sending',
      attempts: 1,
      creditSpent: true,
      claimId: 'crashed-run',
      nextAttemptAt: new Date(start.getTime() - MINUTE),
    })),
  ])
  const total = MIX.reduce((sum, [, weight]) => sum + weight, 0)
  for (let index = 0; index < FAILURES; index += 1) {
    let pick = next() * total
    const errcode = MIX.find(([, weight]) => (pick -= weight) < 0)?.[0] ?? 45009
    env.cloud.inbox.failNext(errcode, 1)
  }

  // Each round one China day later (every backoff has run out), four runs at once.
  let rounds = 0
  for (; rounds < 20; rounds += 1) {
    env.cloud.clock.set(daytime(rounds))
    const replies = await Promise.all([drain(), drain(), drain(), drain()])
    expect(replies.filter((reply) => !reply.ok)).toEqual([])
    const open = (await outbox()).filter((row) =>
      ['pending', 'retry', 'sending'].includes(row.status),
    )
    if (open.length === 0) break
  }

  const rows = await outbox()
  const inbox = await env.cloud.inbox.list()
  const delivered = inbox.filter((message) => message.errcode === 0)
  const deliveries = new Map<string, number>()
  for (const message of delivered) {
    const id = `${message.touser}|${message.data.thing1.value}`
    deliveries.set(id, (deliveries.get(id) ?? 0) + 1)
  }
  const deliveredOf = (row: (typeof rows)[number]) =>
    deliveries.get(`${row.toOpenid}|${row.values.productName}`) ?? 0
  const count = (status: string) => rows.filter((row) => row.status === status).length

  const duplicated = [...deliveries.values()].filter((times) => times > 1).length
  const lost = rows.filter((row) => {
    if (row.status === 'sent') return deliveredOf(row) !== 1
    if (row.status === 'dead' || row.status === 'held') return deliveredOf(row) !== 0 || !row.reason
    return true
  }).length
  const retried = rows.reduce((sum, row) => sum + Math.max(0, row.attempts - 1), 0)
  const summary = {
    enqueued: rows.length,
    sent: count('sent'),
    retried,
    dead: count('dead'),
    held: count('held'),
    duplicated,
    lost,
  }
  console.log(
    `messages: enqueued ${summary.enqueued}, sent ${summary.sent}, retried ${summary.retried}, ` +
      `dead-lettered ${summary.dead}, held ${summary.held}, duplicated ${duplicated}, lost ${lost}` +
      ` (seed ${seed}, ${FAILURES} failures injected, ${inbox.length} send calls, ${rounds + 1} rounds of 4 concurrent runs)`,
  )

  expect(rows).toHaveLength(USERS * PER_USER)
  expect(duplicated).toBe(0)
  expect(lost).toBe(0)
  expect(summary.sent + summary.dead + summary.held).toBe(rows.length)
  expect(inbox.filter((message) => message.errcode !== 0).length).toBe(FAILURES)
  expect(summary.sent).toBeGreaterThan(0)
  expect(summary.dead).toBeGreaterThan(0)
  expect(retried).toBeGreaterThan(100)
  // The interrupted rows were never resent.
  for (const draft of crashed)
    expect(rows.find((row) => row.key === draft.key)).toMatchObject({
      status: 'held',
      uncertain: true,
    })
  // Every ledger stays consistent: never negative.
  const ledgers = await env.cloud.store.find(COLLECTIONS.subscriptions)
  expect(ledgers.every((ledger) => ledger.credits >= 0)).toBe(true)
}, 300_000)
