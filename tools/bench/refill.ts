// The refill timer with 1,000,000 refills stored: time, documents read and database round trips
// per due reminder with 10,000 due, and again with 100 due (the baseline: the cost should follow
// the due count, not the stored count). Refills are clones of one record built by the domain's
// recordPurchase; the rest are active with a future reminder, reminded, or stopped. The timer is
// invoked the way its trigger calls it, repeatedly until a run reports it finished. Each run also
// says how long it spent queueing (claim, queue, mark) and sending its first 50 through the
// notifier, a fixed cost per run, so the queueing time per reminder is shown on its own too.
// Before the timer batched its reminders (one transaction per reminder) it took 94.67 ms per due
// reminder and 6.99 round trips with 10,000 due (docs/benchmarks.md, 2026-11-29): quoted in notes.
// `npm run bench -- refill` (BENCH_QUICK=1 for 1% of the data); not part of npm test.
import { performance } from 'node:perf_hooks'
import { COLLECTIONS, FUNCTIONS } from '../../src/domain/names'
import { recordPurchase, refillIdOf, type RefillRecord } from '../../src/domain/refill'
import { seedDemo } from '../seed/demo'
import type { BenchContext, BenchFigure, Benchmark } from './types'

const DAY = 86_400_000
const CHUNK = 10_000
/** Spread of the due reminders over the past day; future ones over the next 180 days. */
const template = recordPurchase(null, {
  openid: 'o_template',
  productId: 'prod_filter',
  productName: '净水器替换滤芯',
  defaultCycleDays: 90,
  orderId: 'order_template',
  quantity: 1,
  at: new Date(Date.UTC(2026, 0, 1)),
})

function refillAt(openid: string, remindAt: Date, status: RefillRecord['status']): RefillRecord {
  const _id = refillIdOf(openid, 'prod_filter')
  return {
    ...template,
    _id,
    ownerOpenid: openid,
    nextReminderAt: remindAt,
    runOutAt: new Date(remindAt.getTime() + 5 * DAY),
    status,
  }
}

/** Stores `total` refills of which `due` are due at `now`, in chunks; returns seconds taken. */
async function seed(ctx: BenchContext, prefix: string, total: number, due: number, now: Date) {
  const started = performance.now()
  const dueEvery = Math.max(1, Math.floor(total / due))
  let dueMade = 0
  for (let from = 0; from < total; from += CHUNK) {
    const docs: RefillRecord[] = []
    for (let i = from; i < Math.min(total, from + CHUNK); i += 1) {
      const openid = `o_${prefix}_${i}`
      if (i % dueEvery === 0 && dueMade < due) {
        dueMade += 1
        docs.push(refillAt(openid, new Date(now.getTime() - (i % DAY)), 'active'))
      } else {
        // 90% waiting for a future reminder, 5% reminded, 5% stopped.
        const status = i % 20 === 1 ? 'reminded' : i % 20 === 2 ? 'stopped' : 'active'
        const future = new Date(now.getTime() + DAY + ((i * 7_919) % (180 * DAY)))
        docs.push(
          refillAt(openid, status === 'active' ? future : new Date(now.getTime() - DAY), status),
        )
      }
    }
    await ctx.cloud.store.insertMany(COLLECTIONS.refills, docs)
    if ((from / CHUNK) % 10 === 0) ctx.log(`refills stored: ${Math.min(total, from + CHUNK)}`)
  }
  if (dueMade !== due) throw new Error(`seeded ${dueMade} due, wanted ${due}`)
  return (performance.now() - started) / 1000
}

interface TimerSummary {
  read: number
  queued: number
  finished: boolean
  ms: { queue: number; send: number }
}

/** The timer before it batched (one transaction per reminder), measured 2026-11-29 at full scale. */
const BEFORE = { msPerReminder: 94.67, roundTripsPerReminder: 6.99 }

/** Fires the timer until a run finishes; totals time, rows read, round trips and reminders. */
async function drainDue(ctx: BenchContext) {
  const rowsBefore = ctx.cloud.store.rowsRead()
  const started = performance.now()
  let roundTrips = 0
  let queued = 0
  let runs = 0
  let queueMs = 0
  for (;;) {
    const { result, roundTrips: trips } = await ctx.cloud.fireTimerCounted(FUNCTIONS.refill)
    const envelope = result as { ok: boolean; data: TimerSummary }
    if (!envelope.ok) throw new Error(`refill timer failed: ${JSON.stringify(result)}`)
    runs += 1
    roundTrips += trips
    queued += envelope.data.queued
    queueMs += envelope.data.ms.queue
    ctx.log(
      `timer run ${runs}: queued ${envelope.data.queued} in ${envelope.data.ms.queue} ms, sent in ${envelope.data.ms.send} ms, finished ${envelope.data.finished}`,
    )
    if (envelope.data.finished) break
  }
  return {
    ms: performance.now() - started,
    rows: ctx.cloud.store.rowsRead() - rowsBefore,
    roundTrips,
    queued,
    runs,
    queueMs,
  }
}

export const benchmark: Benchmark = {
  name: 'refill',
  title: 'Refill reminders: the timer with 1,000,000 refills stored',
  async run(ctx) {
    // BENCH_REFILL_SCALE: another fraction for a mid-size check (e.g. 0.1).
    const scale = Number(process.env.BENCH_REFILL_SCALE ?? ctx.scale)
    const total = Math.round(1_000_000 * scale)
    const manyDue = Math.round(10_000 * scale)
    const fewDue = Math.max(1, Math.round(100 * scale))
    const now = new Date()
    await seedDemo(ctx.cloud.store)
    ctx.cloud.store.setPushDown(true)
    const seedSeconds = await seed(ctx, 'r', total, manyDue, now)
    await ctx.analyze()
    ctx.log(`seeded ${total} refills (${manyDue} due) in ${seedSeconds.toFixed(0)} s`)
    // Warm the worker so the first run does not carry the SDK's load time.
    await ctx.cloud.invoke(FUNCTIONS.refill, { action: 'mine', payload: {} }, 'o_warm')
    const many = await drainDue(ctx)
    if (many.queued !== manyDue) throw new Error(`queued ${many.queued} of ${manyDue} due`)
    // The first set is now reminded; add a second, small set due now.
    await seed(ctx, 'few', fewDue * 10, fewDue, new Date())
    const few = await drainDue(ctx)
    if (few.queued !== fewDue) throw new Error(`queued ${few.queued} of ${fewDue} due`)
    const per = (value: number, count: number) => value / count
    const baselineLabel = `with ${fewDue} due`
    const before = (value: number, unit: string) =>
      `before batching: ${value} ${unit} with 10,000 due (one transaction per reminder, docs/benchmarks.md 2026-11-29)`
    const figures: BenchFigure[] = [
      {
        label: `timer: total time for ${manyDue} due (${many.runs} runs)`,
        value: many.ms,
        baseline: few.ms,
        unit: 'ms',
        baselineLabel,
        note: 'grows with the due count; the stored count is the same. Each run also sends its first 50 (a fixed cost per run)',
      },
      {
        label: 'timer: time per due reminder',
        value: per(many.ms, many.queued),
        baseline: per(few.ms, few.queued),
        unit: 'ms',
        baselineLabel,
        note: before(BEFORE.msPerReminder, 'ms'),
      },
      {
        label: 'timer: queueing time per due reminder (claim, queue, mark; not the sends)',
        value: per(many.queueMs, many.queued),
        baseline: per(few.queueMs, few.queued),
        unit: 'ms',
        baselineLabel,
        note: 'batches of 100: the same per reminder whether 100 or 10,000 are due',
      },
      {
        label: 'timer: documents read per due reminder',
        value: per(many.rows, many.queued),
        baseline: per(few.rows, few.queued),
        unit: 'rows',
        baselineLabel,
        note: `${total} refills stored; a scan would read all of them per batch`,
      },
      {
        label: 'timer: database round trips per due reminder',
        value: per(many.roundTrips, many.queued),
        baseline: per(few.roundTrips, few.queued),
        unit: 'round trips',
        baselineLabel,
        note: before(BEFORE.roundTripsPerReminder, 'round trips'),
      },
    ]
    return {
      setup: `${total} refills (one document per customer and consumable, cloned from a domain-built record): ${manyDue} due, the rest 90% waiting for a future reminder, 5% reminded, 5% stopped; seeding took ${seedSeconds.toFixed(0)} s. The refill timer was invoked as its trigger calls it until a run reported it finished (each run queues batches of 100 — one bulk claim, one outbox read and batch add, one bulk mark — for at most half the 60 s timeout, then sends up to 50 through the notifier; no customer has a credit, so they are held in-app). Then ${fewDue} more were made due among ${fewDue * 10} added refills and the timer run again.`,
      figures,
    }
  },
}
