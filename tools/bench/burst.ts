// Launch-day burst (issue 21, goal 1): 500 order.create calls at once for ONE product, from 500
// customers (one may hold only a few open orders): the made-to-order shirt (its two materials'
// stock) and the preorder linen batch (its material and the batch document). Baseline, same
// run: 500 at once spread over 500 products of their own (clones with their own materials).
// The client does not retry, so a CONFLICT answer is a failure. Goal: none failed, none
// CONFLICT, orders/s at least 0.8× the spread baseline, and stock never oversold, checked after
// each one-product burst as the reliability suites check it (test/helpers/stock.ts).
import { performance } from 'node:perf_hooks'
import type { ProductRecord } from '../../src/domain/catalog'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '../../src/domain/names'
import type { MaterialRecord } from '../../src/domain/stock'
import { stockProblems } from '../../test/helpers/stock'
import { DEMO_MATERIALS, DEMO_PRODUCTS, DEMO_USERS, seedDemo } from '../seed/demo'
import { orderPayloadFor } from './orders'
import type { BenchContext, BenchFigure, Benchmark } from './types'

const MERCHANT = DEMO_USERS.find((u) => u.role === 'merchant')!.openid
const ORDERS = 500
/** The one-product bursts and the prefix of their spread baseline's clones. */
const PRODUCTS = [
  { productId: 'prod_shirt', kind: 'made-to-order shirt', clonePrefix: 'prod_burst_' },
  { productId: 'prod_linen_batch', kind: 'preorder batch', clonePrefix: 'prod_burst_batch_' },
]

type Envelope = { ok: boolean; code?: string; message?: string }

interface Burst {
  perSecond: number
  seconds: number
  failed: number
  conflicts: number
  reasons: string
}

/** Every order at once (no retries), each `[productId, customer]`; placed orders per second. */
async function burst(
  ctx: BenchContext,
  label: string,
  orders: Array<[string, string]>,
  payload: (requestId: string) => object,
): Promise<Burst> {
  const reasons = new Map<string, number>()
  const started = performance.now()
  const answers = await Promise.all(
    orders.map(([productId, openid], i) =>
      ctx.cloud
        .invoke(
          FUNCTIONS.order,
          {
            action: ACTIONS.order.create,
            payload: { ...payload(`${label}-${i}`), productId },
          },
          openid,
        )
        .catch((error: { errMsg?: string }) => ({ ok: false, code: error.errMsg ?? 'error' })),
    ),
  )
  const seconds = (performance.now() - started) / 1000
  const failed = (answers as Envelope[]).filter((answer) => !answer.ok)
  for (const { code } of failed) {
    // A thrown call's errMsg without its frame ("cloud function execution error | errMsg: …"),
    // and no '|', which would split the results table.
    const reason = String(code)
      .replace(/.*errMsg: /, '')
      .replace(/ \(function \w+\)$/, '')
      .replace(/\|/g, '/')
      .slice(0, 60)
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
  }
  const result = {
    perSecond: (orders.length - failed.length) / seconds,
    seconds,
    failed: failed.length,
    conflicts: failed.filter((answer) => answer.code === 'CONFLICT').length,
    reasons: [...reasons].map(([r, n]) => `${r} ×${n}`).join(', '),
  }
  ctx.log(`${label}: ${JSON.stringify(result)}`)
  return result
}

/** `count` clones of a demo product, each with its own copies of the product's materials. */
function clonesOf(productId: string, prefix: string, count: number) {
  const product = DEMO_PRODUCTS.find((p) => p._id === productId)!
  const used = DEMO_MATERIALS.filter((m) => m.productIds.includes(productId))
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${i}`)
  const products: ProductRecord[] = ids.map((id, i) => ({
    ...product,
    _id: id,
    name: `${product.name} ${i}`,
    featured: false,
  }))
  const materials: MaterialRecord[] = ids.flatMap((id, i) =>
    used.map((m) => ({
      ...m,
      _id: `${m._id}_${id}`,
      name: `${m.name} ${i}`,
      usage: m.usage.filter((u) => u.productId === productId).map((u) => ({ ...u, productId: id })),
      productIds: [id],
    })),
  )
  return { ids, products, materials }
}

/** Restocks each material of `productId` by what `orders` single orders of it take. */
async function restockFor(ctx: BenchContext, productId: string, orders: number) {
  for (const m of DEMO_MATERIALS.filter((each) => each.productIds.includes(productId))) {
    const perUnit = m.usage.find((u) => u.productId === productId)!.perUnit
    const answer = (await ctx.cloud.invoke(
      FUNCTIONS.merchant,
      {
        action: ACTIONS.merchant.adjustStock,
        payload: { materialId: m._id, delta: perUnit * orders, reason: 'restock' },
      },
      MERCHANT,
    )) as Envelope
    if (!answer.ok) throw new Error(`merchant.adjustStock failed: ${JSON.stringify(answer)}`)
  }
}

/**
 * The order timer, once, as its trigger runs it every 10 minutes: it spreads each material's
 * spare stock into its shards (src/cloud/stock-spread.ts), so orders find it there.
 */
export async function fireOrderTimer(ctx: BenchContext) {
  const answer = (await ctx.cloud.fireTimer(FUNCTIONS.order)) as Envelope
  if (!answer.ok) throw new Error(`order timer failed: ${JSON.stringify(answer)}`)
}

const customers = (label: string, n: number) =>
  Array.from({ length: n }, (_, i) => `o_burst_${label}_${i}`)

export const benchmark: Benchmark = {
  name: 'burst',
  title: 'Launch-day burst: 500 orders at once for one product vs spread over 500 products',
  async run(ctx) {
    const n = Math.max(20, Math.round(ORDERS * ctx.scale))
    await seedDemo(ctx.cloud.store)
    const payloads = await Promise.all(PRODUCTS.map((p) => orderPayloadFor(ctx, p.productId)))
    // Warm-up, not timed: every order worker started, one order each on 16 curtain clones (so
    // they do not contend; 16 materials more leave merchant.stock listing all of them).
    const warm = clonesOf('prod_curtain', 'prod_burst_warm_', 16)
    await ctx.cloud.store.insertMany(COLLECTIONS.products, warm.products)
    await ctx.cloud.store.insertMany(COLLECTIONS.materials, warm.materials)
    const warmOrders = customers('warm', 16).map((openid, i): [string, string] => [
      warm.ids[i],
      openid,
    ])
    await burst(ctx, 'warm-up', warmOrders, await orderPayloadFor(ctx, 'prod_curtain'))
    for (const { productId } of PRODUCTS) await restockFor(ctx, productId, n)
    await fireOrderTimer(ctx)
    // Fresh planner statistics, as before the baseline: without them the one-product bursts ran
    // on statistics from before any order (2026-12-02: the shirt at 4.05 orders/s, 8.41 with).
    await ctx.analyze()

    // One product each, then its stock checked. The clones come after: merchant.stock lists
    // 100 materials, and the check must see every material with reservations.
    const hot: Burst[] = []
    const checks: string[] = []
    for (const [index, { productId }] of PRODUCTS.entries()) {
      const label = `one-${productId}`
      const orders = customers(label, n).map((openid): [string, string] => [productId, openid])
      hot.push(await burst(ctx, label, orders, payloads[index]))
      const problems = await stockProblems(ctx.cloud)
      ctx.log(`stock after ${label}: ${problems.length ? problems.join('; ') : 'never oversold'}`)
      checks.push(problems.length ? `VIOLATED: ${problems.join('; ')}` : 'never oversold')
    }

    const spread: Burst[] = []
    const clones = PRODUCTS.map(({ productId, clonePrefix }) => clonesOf(productId, clonePrefix, n))
    for (const { products, materials } of clones) {
      await ctx.cloud.store.insertMany(COLLECTIONS.products, products)
      await ctx.cloud.store.insertMany(COLLECTIONS.materials, materials)
    }
    await ctx.analyze()
    await fireOrderTimer(ctx)
    for (const [index, { ids }] of clones.entries()) {
      const label = `spread-${PRODUCTS[index].productId}`
      const orders = customers(label, n).map((openid, i): [string, string] => [ids[i], openid])
      spread.push(await burst(ctx, label, orders, payloads[index]))
    }

    const figures: BenchFigure[] = PRODUCTS.flatMap(({ productId, kind }, index) => {
      const [one, base] = [hot[index], spread[index]]
      const what = `order.create, ${n} at once for one ${kind} (${productId})`
      const baselineLabel = `${n} at once over ${n} products`
      return [
        {
          label: `${what}: orders placed per second`,
          value: one.perSecond,
          baseline: base.perSecond,
          unit: 'orders/s',
          baselineLabel,
          note: `goal ≥ 0.8×; ${one.seconds.toFixed(1)} s vs ${base.seconds.toFixed(1)} s; stock after: ${checks[index]}`,
        },
        {
          label: `${what}: orders failed`,
          value: one.failed,
          baseline: base.failed,
          unit: 'orders',
          baselineLabel,
          note: `goal 0${one.reasons ? `; ${one.reasons}` : ''}${base.reasons ? `; baseline ${base.reasons}` : ''}`,
        },
        {
          label: `${what}: answered CONFLICT`,
          value: one.conflicts,
          baseline: base.conflicts,
          unit: 'orders',
          baselineLabel,
          note: 'goal 0; the client does not retry, so each is an order lost',
        },
      ]
    })
    return {
      setup: `Demo data, then ${n} order.create calls at once for one product from ${n} customers (one order each, no retries), first the shirt (2 m of shirting and 10 buttons an order), then the linen preorder batch (6 m of linen an order, every 20 units fill a batch and release its orders); each product's materials restocked by merchant.adjustStock by what the burst takes, and the order timer fired once and PostgreSQL's planner statistics refreshed (ANALYZE), before timing. After each burst, the stock check of the reliability suites (merchant.stock against the reservation rows). Baseline: then ${n} clones of each product, each with its own materials (written directly), one order each from ${n} other customers, at once (the order timer fired once more and statistics refreshed first; a batch clone never fills its batch). The local cloud runs at most 8 workers per function, so calls queue beyond that, as on a cloud instance limit.`,
      figures,
    }
  },
}
