// Order lists and the merchant's views as history grows (issue 21, goal 3): order.mine at 1,000
// and 1,000,000 orders stored, order.board and merchant.dashboard at 10,000 and 1,000,000, each
// measured after the stored orders grew in this run (the smaller store is the baseline). Orders
// are clones of one order placed through order.create (orders-seed.ts), written around the
// functions, so the order timer's repair builds their counters first; its time is a figure too.
import { performance } from 'node:perf_hooks'
import { FUNCTIONS } from '../../src/domain/names'
import { toStored } from '../local-cloud/store/codec'
import { DEMO_USERS, seedDemo } from '../seed/demo'
import { seedOrderClones } from './orders-seed'
import type { BenchContext, BenchFigure, Benchmark } from './types'

const CONSUMER = DEMO_USERS.find((u) => u.role === 'consumer')!.openid
const MERCHANT = DEMO_USERS.find((u) => u.role === 'merchant')!.openid

/** order.create's payload for a product with its first choices and smallest measurements. */
export async function orderPayloadFor(ctx: BenchContext, productId: string) {
  const [product] = await ctx.cloud.store.find('products', { _id: productId })
  const selection = {
    options: Object.fromEntries(
      product.optionGroups
        .filter((g: { required: boolean }) => g.required)
        .map((g: { id: string; choices: Array<{ id: string }> }) => [g.id, [g.choices[0].id]]),
    ),
    measurements: Object.fromEntries(
      product.measurements.map((m: { id: string; min: number }) => [m.id, m.min]),
    ),
    texts: {},
    quantity: 1,
    urgent: false,
  }
  const address = {
    name: '林晓',
    phone: '13812345678',
    region: '上海市 徐汇区',
    detail: '漕溪北路 100 号',
  }
  return (requestId: string) => ({ requestId, productId, selection, address })
}

/** order.create's payload for the demo shirt (orderPayloadFor). */
export const shirtOrderPayload = (ctx: BenchContext) => orderPayloadFor(ctx, 'prod_shirt')

async function placeTemplate(ctx: BenchContext): Promise<Record<string, unknown>> {
  const payload = await shirtOrderPayload(ctx)
  const result = (await ctx.cloud.invoke(
    FUNCTIONS.order,
    { action: 'create', payload: payload('bench-template') },
    CONSUMER,
  )) as { ok: boolean; data: { order: Record<string, unknown> } }
  if (!result.ok) throw new Error(`order.create failed: ${JSON.stringify(result)}`)
  const [order] = await ctx.cloud.store.find('orders', { _id: result.data.order._id })
  return order
}

async function measure(ctx: BenchContext, calls: number, work: () => Promise<unknown>) {
  await work() // warm the worker and the caches
  const rowsBefore = ctx.cloud.store.rowsRead()
  const started = performance.now()
  for (let i = 0; i < calls; i += 1) {
    const result = (await work()) as { ok?: boolean }
    if (!result?.ok) throw new Error(`call failed: ${JSON.stringify(result)}`)
  }
  return {
    ms: (performance.now() - started) / calls,
    rows: (ctx.cloud.store.rowsRead() - rowsBefore) / calls,
  }
}

interface Repair {
  ms: number
  runs: number
}

/**
 * Fires the order timer until its runs, one after another, have checked every key and found
 * nothing to fix (at 1,000,000 orders one run recounts only 2–3 keys in its 5 s; the next run
 * goes on from where it stopped).
 */
async function rebuildCounters(ctx: BenchContext): Promise<Repair> {
  const started = performance.now()
  let clean = 0
  for (let runs = 1; runs <= 100; runs += 1) {
    const answer = (await ctx.cloud.fireTimer(FUNCTIONS.order)) as {
      ok: boolean
      data: { counters: { checked: number; fixed: object; busy: unknown[]; failed: unknown[] } }
    }
    if (!answer.ok) throw new Error(`order timer failed: ${JSON.stringify(answer)}`)
    const { checked, fixed, busy, failed } = answer.data.counters
    ctx.log(`timer run ${runs}: ${JSON.stringify(answer.data.counters)}`)
    const quiet = Object.keys(fixed).length === 0 && busy.length === 0 && failed.length === 0
    clean = quiet && runs > 1 ? clean + checked : 0
    if (clean >= 11) return { ms: performance.now() - started, runs }
  }
  throw new Error('the order counters did not settle in 100 timer runs')
}

const call = (ctx: BenchContext, fn: string, action: string, payload: object, openid: string) =>
  ctx.cloud.invoke(fn, { action, payload }, openid)

type Stage = Map<string, { ms: number; rows: number }>

async function measureStage(ctx: BenchContext, labels: string[]): Promise<Stage> {
  const first = (await call(
    ctx,
    FUNCTIONS.order,
    'board',
    { node: 'production', limit: 5 },
    MERCHANT,
  )) as {
    data: { nextCursor: string }
  }
  const calls: Record<string, () => Promise<unknown>> = {
    'order.mine (one consumer, first page)': () => call(ctx, FUNCTIONS.order, 'mine', {}, CONSUMER),
    'order.board (merchant, first page)': () => call(ctx, FUNCTIONS.order, 'board', {}, MERCHANT),
    'order.board (next page by cursor, urgent filter)': () =>
      call(
        ctx,
        FUNCTIONS.order,
        'board',
        { node: 'production', cursor: first.data.nextCursor, urgent: false },
        MERCHANT,
      ),
    'merchant.dashboard': () => call(ctx, FUNCTIONS.merchant, 'dashboard', {}, MERCHANT),
  }
  const stage: Stage = new Map()
  for (const label of labels) stage.set(label, await measure(ctx, 5, calls[label]))
  return stage
}

const MINE = 'order.mine (one consumer, first page)'
const BOARD = 'order.board (merchant, first page)'
const NEXT = 'order.board (next page by cursor, urgent filter)'
const DASHBOARD = 'merchant.dashboard'

export const benchmark: Benchmark = {
  name: 'orders',
  title: 'Order lists and the merchant board from 1,000 to 1,000,000 orders',
  async run(ctx) {
    // BENCH_ORDERS_LARGE: a smaller largest store (seeding 1,000,000 takes over an hour on a busy
    // 2-core machine: about 50,000 orders in 4 minutes there).
    const largest = Number(process.env.BENCH_ORDERS_LARGE ?? 1_000_000)
    const [small, medium, large] = [1_000, 10_000, largest].map((n) =>
      Math.max(100, Math.round(n * ctx.scale)),
    )
    await seedDemo(ctx.cloud.store)
    const template = toStored(await placeTemplate(ctx)) as Record<string, unknown>
    const grow = async (from: number, to: number) => {
      const started = performance.now()
      await seedOrderClones(ctx, template, CONSUMER, from, to)
      await ctx.analyze()
      const seconds = (performance.now() - started) / 1000
      const repair = await rebuildCounters(ctx)
      return { seconds, repair }
    }
    await grow(0, small)
    const atSmall = await measureStage(ctx, [MINE])
    const toMedium = await grow(small, medium)
    const atMedium = await measureStage(ctx, [MINE, BOARD, NEXT, DASHBOARD])
    const toLarge = await grow(medium, large)
    const atLarge = await measureStage(ctx, [MINE, BOARD, NEXT, DASHBOARD])

    const at = (n: number) => `with ${n} orders`
    const figures: BenchFigure[] = []
    const both = (label: string, baseline: Stage, baseCount: number, note?: string) => {
      const [value, base] = [atLarge.get(label)!, baseline.get(label)!]
      figures.push(
        {
          label: `${label}: time per call, ${large} orders`,
          value: value.ms,
          baseline: base.ms,
          unit: 'ms',
          baselineLabel: at(baseCount),
          note,
        },
        {
          label: `${label}: rows read per call, ${large} orders`,
          value: value.rows,
          baseline: base.rows,
          unit: 'rows',
          baselineLabel: at(baseCount),
        },
      )
    }
    both(MINE, atSmall, small, 'goal: within 2× the time with 1,000 orders')
    both(
      BOARD,
      atMedium,
      medium,
      "goal: within 1.3× the time with 10,000 orders and under 300 ms; before the counters, 4034 ms with 100,000 (one count per node, docs/benchmarks.md 2026-11-29); 2026-12-02, when 1 in 499 of all seeded orders kept an open exception: 125 ms with 1,000,000, 1.56× (137 rows against 39: the first page lists a node's open exceptions first, 50 there against 2)",
    )
    both(NEXT, atMedium, medium)
    both(
      DASHBOARD,
      atMedium,
      medium,
      'orders per node, 逾期 and 异常 from the order counters. Before (2026-12-02): 6616 ms with 100,000, 6.04× the time with 10,000, when every seeded order had moved today (all 20% delivered or completed in the 30-day window, tied on updatedAt) and the local cloud sorted every match of node IN (…) by updatedAt; now it walks the (node, updatedAt) index once per node',
    )
    figures.push({
      label: `order timer: counters rebuilt from none for ${large - medium} orders written around them`,
      value: toLarge.repair.ms,
      baseline: toMedium.repair.ms,
      unit: 'ms',
      baselineLabel: `for ${medium - small} orders`,
      note: `${toLarge.repair.runs} timer runs (each recounts keys for at most 5 s) against ${toMedium.repair.runs}; each recount is one indexed count per node`,
    })
    return {
      setup: `Orders grown in one local cloud on embedded PostgreSQL 15: ${small}, then ${medium}, then ${large} (clones of one real order.create document written by bulk SQL; 1 in 1,000 owned by the demo consumer; nodes in turn over all 10, so 60% are still in the workshop, far more than a real shop's history would hold; createdAt one minute apart from 2024-01-01, ETA 14 days later, all past; updatedAt, the last move, at the ETA, except for the delivered 10%, moved within the last 6 days since the order timer auto-completes what was delivered 7 days ago: all of those, and none of the completed, fall in the dashboard's 30-day window; 1 in 499 of the first 10,000 with an open exception, spread over the nodes: about 2 per node at every size, as a workshop resolves them). Seeding ${large - medium} took ${toLarge.seconds.toFixed(0)} s. After each growth the order timer ran until its repair found nothing to fix (the counters of orders written around the functions), then each call was made once to warm up and 5 times measured.`,
      figures,
    }
  },
}
