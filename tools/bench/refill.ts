// The reminder timers with 1,000,000 refills stored: time, documents read and database round
// trips per due item, for refills, care tasks (the same timer's second pass) and wake-ups (the
// user function's daily timer), each with many due and again with few due (the baseline: the
// cost should follow the due count, not the stored count). Refills and care tasks are clones of
// one domain-built record each (timer-seed.ts); the rest wait for a future date, are reminded or
// stopped. The timers are invoked the way their triggers call them, the refill timer repeatedly
// until a run reports it finished. A refill run also says how long it spent queueing (claim,
// queue, mark) and sending its first 50 through the notifier, a fixed cost per run, so the
// queueing time per reminder is shown on its own too.
// Before: 94.67 ms and 6.99 round trips per due refill with one transaction per reminder
// (2026-11-29), 119 ms batched by 100 on the local cloud before its bulk writes were single
// statements (2026-12-01): quoted in notes.
// `npm run bench -- refill` (BENCH_QUICK=1 for 1% of the data, BENCH_REFILL_SCALE=0.1 for
// another fraction); not part of npm test.
import { performance } from 'node:perf_hooks'
import { FUNCTIONS } from '../../src/domain/names'
import { seedDemo } from '../seed/demo'
import { seedCareTasks, seedRefills, seedWakeUpHolders } from './timer-seed'
import type { BenchContext, BenchFigure, Benchmark } from './types'

/** What one timer run reports for the kind being measured. */
interface RunReport {
  queued: number
  finished: boolean
  /** Time spent queueing, when the timer reports it (the refill timer: both passes). */
  queueMs?: number
}

interface RefillTimerData {
  queued: number
  finished: boolean
  care: { queued: number; finished: boolean }
  ms: { queue: number; send: number }
}

const refillKind = (data: RefillTimerData): RunReport => ({
  queued: data.queued,
  finished: data.finished,
  queueMs: data.ms.queue,
})
const careKind = (data: RefillTimerData): RunReport => ({
  queued: data.care.queued,
  finished: data.finished,
  queueMs: data.ms.queue,
})
const wakeUpKind = (data: { wakeUps: { queued: number; finished: boolean } }): RunReport => ({
  queued: data.wakeUps.queued,
  finished: data.wakeUps.finished,
})

/** Fires `fn`'s timer until a run finishes; totals time, rows read, round trips and items. */
async function drain<Data>(ctx: BenchContext, fn: string, report: (data: Data) => RunReport) {
  const rowsBefore = ctx.cloud.store.rowsRead()
  const started = performance.now()
  let roundTrips = 0
  let queued = 0
  let runs = 0
  let queueMs = 0
  for (;;) {
    const { result, roundTrips: trips } = await ctx.cloud.fireTimerCounted(fn).catch((error) => {
      // A platform failure ({errCode, errMsg}, e.g. the function's timeout) has no stack.
      throw new Error(`${fn} timer: ${JSON.stringify(error)}`)
    })
    const envelope = result as { ok: boolean; data: Data }
    if (!envelope.ok) throw new Error(`${fn} timer failed: ${JSON.stringify(result)}`)
    const run = report(envelope.data)
    runs += 1
    roundTrips += trips
    queued += run.queued
    queueMs += run.queueMs ?? 0
    ctx.log(`${fn} timer run ${runs}: queued ${run.queued}, ${JSON.stringify(envelope.data)}`)
    if (run.finished) break
    // The wake-up timer starts over each run: one that never finishes makes no progress.
    if (runs >= 100) throw new Error(`${fn} timer: not finished after ${runs} runs`)
  }
  const ms = performance.now() - started
  return { ms, rows: ctx.cloud.store.rowsRead() - rowsBefore, roundTrips, queued, runs, queueMs }
}

type Drained = Awaited<ReturnType<typeof drain>>

/** Time, rows and round trips per due item, many due against few due. */
function perItem(
  what: string,
  many: Drained,
  few: Drained,
  notes: { time?: string; rows: string; roundTrips?: string; queueing?: string },
): BenchFigure[] {
  const per = (value: number, count: number) => value / count
  const baselineLabel = `with ${few.queued} due`
  const figures: BenchFigure[] = [
    {
      label: `${what}: total time for ${many.queued} due (${many.runs} runs)`,
      value: many.ms,
      baseline: few.ms,
      unit: 'ms',
      baselineLabel,
      note: 'grows with the due count; the stored count is the same',
    },
    {
      label: `${what}: time per due item`,
      value: per(many.ms, many.queued),
      baseline: per(few.ms, few.queued),
      unit: 'ms',
      baselineLabel,
      note: notes.time,
    },
  ]
  if (notes.queueing)
    figures.push({
      label: `${what}: queueing time per due item (claim, queue, mark; not the sends)`,
      value: per(many.queueMs, many.queued),
      baseline: per(few.queueMs, few.queued),
      unit: 'ms',
      baselineLabel,
      note: notes.queueing,
    })
  figures.push(
    {
      label: `${what}: documents read per due item`,
      value: per(many.rows, many.queued),
      baseline: per(few.rows, few.queued),
      unit: 'rows',
      baselineLabel,
      note: notes.rows,
    },
    {
      label: `${what}: database round trips per due item`,
      value: per(many.roundTrips, many.queued),
      baseline: per(few.roundTrips, few.queued),
      unit: 'round trips',
      baselineLabel,
      note: notes.roundTrips,
    },
  )
  return figures
}

export const benchmark: Benchmark = {
  name: 'refill',
  title: 'Reminder timers: refills, care tasks and wake-ups (1,000,000 refills at full scale)',
  async run(ctx) {
    const scale = Number(process.env.BENCH_REFILL_SCALE ?? ctx.scale)
    const total = Math.round(1_000_000 * scale)
    const manyDue = Math.round(10_000 * scale)
    const fewDue = Math.max(1, Math.round(100 * scale))
    const careTotal = Math.round(total / 2)
    // Wake-up candidates: as many as one daily run reads in its time here (wake-ups.ts), the
    // baseline's among them.
    const manyWake = Math.min(145, Math.max(20, Math.round(1_500 * scale)))
    const fewWake = Math.max(1, Math.round(manyWake / 100))
    const otherHolders = Math.round(total / 10)
    const now = new Date()
    await seedDemo(ctx.cloud.store)
    ctx.cloud.store.setPushDown(true)
    const seedSeconds =
      (await seedRefills(ctx, 'r', total, manyDue, now)) +
      (await seedCareTasks(ctx, 'c', careTotal, 0, now))
    await ctx.analyze()
    ctx.log(
      `seeded ${total} refills (${manyDue} due), ${careTotal} care tasks in ${seedSeconds.toFixed(0)} s`,
    )
    // Warm the workers so the first run does not carry the SDK's load time.
    await ctx.cloud.invoke(FUNCTIONS.refill, { action: 'mine', payload: {} }, 'o_warm')
    await ctx.cloud.invoke(FUNCTIONS.user, { action: 'role', payload: {} }, 'o_warm')

    const refillMany = await drain(ctx, FUNCTIONS.refill, refillKind)
    if (refillMany.queued !== manyDue) throw new Error(`queued ${refillMany.queued} of ${manyDue}`)
    // The first set is now reminded; add a second, small set due now.
    await seedRefills(ctx, 'few', fewDue * 10, fewDue, new Date())
    const refillFew = await drain(ctx, FUNCTIONS.refill, refillKind)
    if (refillFew.queued !== fewDue) throw new Error(`queued ${refillFew.queued} of ${fewDue}`)

    await seedCareTasks(ctx, 'cmany', manyDue, manyDue, new Date())
    const careMany = await drain(ctx, FUNCTIONS.refill, careKind)
    if (careMany.queued !== manyDue)
      throw new Error(`care: queued ${careMany.queued} of ${manyDue}`)
    await seedCareTasks(ctx, 'cfew', fewDue * 10, fewDue, new Date())
    const careFew = await drain(ctx, FUNCTIONS.refill, careKind)
    if (careFew.queued !== fewDue) throw new Error(`care: queued ${careFew.queued} of ${fewDue}`)

    // Wake-ups: the baseline first (its holders stay candidates: their credit is spent on sending).
    await seedWakeUpHolders(ctx, 'wfew', fewWake, otherHolders, new Date())
    const wakeFew = await drain(ctx, FUNCTIONS.user, wakeUpKind)
    if (wakeFew.queued !== fewWake) throw new Error(`wake: queued ${wakeFew.queued} of ${fewWake}`)
    await seedWakeUpHolders(ctx, 'wmany', manyWake, 0, new Date())
    const wakeMany = await drain(ctx, FUNCTIONS.user, wakeUpKind)
    if (wakeMany.queued !== manyWake)
      throw new Error(`wake: queued ${wakeMany.queued} of ${manyWake}`)

    const perReminder = (ms: number) => `${ms.toFixed(2)} ms`
    const figures: BenchFigure[] = [
      ...perItem('refill timer', refillMany, refillFew, {
        time: `before: 119 ms batched by 100 (local cloud writing each document apart, 2026-12-01), 94.67 ms one transaction per reminder (2026-11-29), both with 10,000 due of 1,000,000; now ${(94.67 / (refillMany.ms / refillMany.queued)).toFixed(1)}× less than 94.67. Each run also sends its first 50 (a fixed cost per run)`,
        queueing: `before: 110 ms (2026-12-01, 10,000 due); now ${perReminder(refillMany.queueMs / refillMany.queued)}`,
        rows: `${total} refills stored; a scan would read all of them per batch`,
        roundTrips:
          'before: 1.21 batched (2026-12-01), 6.99 one transaction per reminder (2026-11-29); the sends of the first 50 per run make most of them',
      }),
      ...perItem('care timer', careMany, careFew, {
        time: 'the refill timer run: its refill pass finds none due; each run sends its first 50',
        queueing: 'both passes of the run; the refill pass reads no due row',
        rows: `${careTotal + manyDue + fewDue * 10} care tasks and ${total} refills stored`,
      }),
      ...perItem('wake-up timer', wakeMany, wakeFew, {
        time: `the user function's daily run; ${fewWake + manyWake} candidates (wake-up credit holders) with many due; a run reads at most 500, for half its 20 s timeout`,
        rows: `per page of 100 holders: their user documents; per quiet one: newest order, active refills, first care task; ${otherHolders} holders of other credits stored`,
        roundTrips: 'per page: holders, users, outbox read and add; per quiet holder three reads',
      }),
    ]
    return {
      setup: `${total} refills and ${careTotal} care tasks (one document per customer and consumable or per order and care step, cloned from a domain-built record): ${manyDue} refills due, the rest 90% waiting for a future date, 5% reminded, 5% stopped; seeding took ${seedSeconds.toFixed(0)} s. The refill timer was invoked as its trigger calls it until a run reported it finished (each run queues batches of 100 — one due read, one bulk claim, one outbox read and batch add, one bulk mark — for at most half the 60 s timeout, then sends up to 50 through the notifier; no customer has a credit, so they are held in-app). Then ${fewDue} more refills were made due among ${fewDue * 10} added and the timer run again. Care tasks the same way: ${manyDue} due tasks added, the timer run until finished, then ${fewDue} due among ${fewDue * 10} added. Wake-ups: ${fewWake} quiet customers holding a wake-up credit (each with a refill running out this week, and ${otherHolders} customers holding another credit), the user timer run once; then ${manyWake} more such customers and the timer run again.`,
      figures,
    }
  },
}
