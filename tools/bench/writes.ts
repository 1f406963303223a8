// Writes under load: order.create and order.act (the merchant confirms, submitted -> confirmed)
// against the local cloud on PostgreSQL. Database round trips per call (invokeCounted): all of
// them and the critical path (the longest chain each waiting for the one before), next to
// user.me's and to issue 21's starting figures; calls per second with 50 concurrent clients next
// to one client calling in sequence.
import { performance } from 'node:perf_hooks'
import { ACTIONS, FUNCTIONS } from '../../src/domain/names'
import { DEMO_USERS, seedDemo } from '../seed/demo'
import { fireOrderTimer } from './burst'
import { shirtOrderPayload } from './orders'
import type { BenchContext, BenchFigure, Benchmark } from './types'

const MERCHANT = DEMO_USERS.find((u) => u.role === 'merchant')!.openid
const CLIENTS = 50
/**
 * Round trips per call before issue 21's goal 2 (main's pins in test/cloud/round-trips.test.ts,
 * behaviour recording included), every one waiting for the one before.
 */
const BEFORE = { create: 20, act: 15 }

type Envelope = { ok: boolean; code?: string; data?: { order: { _id: string } } }

/** `clients` callers, each making `each` calls in sequence; calls per second and failures. */
async function load(
  clients: number,
  each: number,
  call: (client: number, i: number) => Promise<unknown>,
) {
  let failed = 0
  const reasons = new Map<string, number>()
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < each; i += 1) {
        const result = (await call(client, i).catch((error: unknown) => ({
          ok: false,
          error,
        }))) as Envelope
        if (!result.ok) {
          failed += 1
          const reason = String(
            result.code ?? (result as { error?: { errMsg?: string } }).error?.errMsg ?? 'error',
          ).slice(0, 80)
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return {
    perSecond: (clients * each) / seconds,
    failed,
    reasons: [...reasons].map(([r, n]) => `${r} ×${n}`).join(', '),
  }
}

export const benchmark: Benchmark = {
  name: 'writes',
  title: 'Creating and advancing orders: round trips and 50 concurrent clients',
  async run(ctx: BenchContext) {
    await seedDemo(ctx.cloud.store)
    // A deployed shop's timer has spread the stock into shards within 10 minutes of seeding.
    await fireOrderTimer(ctx)
    const payload = await shirtOrderPayload(ctx)
    const clientId = (c: number) => `o_bench_client_${c}`
    const created: string[][] = Array.from({ length: CLIENTS + 1 }, () => [])
    let conflicts = 0
    // A client answered CONFLICT (a transaction that lost to others after the SDK's retries)
    // sends the same request again after a short random pause; requestId keeps it idempotent.
    const create = async (client: number, i: number) => {
      for (let attempt = 0; ; attempt += 1) {
        const result = (await ctx.cloud.invoke(
          FUNCTIONS.order,
          { action: 'create', payload: payload(`bench-${client}-${i}`) },
          clientId(client),
        )) as Envelope
        if (result.ok) created[client].push(result.data!.order._id)
        if (result.code !== 'CONFLICT' || attempt === 9) return result
        conflicts += 1
        await new Promise((done) => setTimeout(done, 20 + Math.random() * 80))
      }
    }
    const confirm = (client: number, i: number) =>
      ctx.cloud.invoke(
        FUNCTIONS.order,
        {
          action: 'act',
          payload: { orderId: created[client][i], event: 'confirm', input: { note: '已核对' } },
        },
        MERCHANT,
      )
    // The merchant confirms paid orders only: each is paid through the WeChat Pay stand-in
    // before the confirm phase (not timed).
    const pay = async (orderId: string, openid: string) => {
      const paying = (await ctx.cloud.invoke(
        FUNCTIONS.order,
        { action: ACTIONS.order.pay, payload: { orderId } },
        openid,
      )) as Envelope
      if (!paying.ok) throw new Error(`order.pay failed: ${JSON.stringify(paying)}`)
      const { outTradeNo } = paying.data as unknown as { outTradeNo: string }
      await ctx.cloud.pay.complete(outTradeNo, 'paid')
    }
    const payAll = async (client: number) => {
      for (const orderId of created[client]) await pay(orderId, clientId(client))
      await ctx.cloud.pay.drain()
    }
    const me = (client: number) =>
      ctx.cloud.invokeCounted(FUNCTIONS.user, { action: ACTIONS.user.me }, clientId(client))

    // Round trips of one call each (warm workers first).
    await me(CLIENTS)
    const meCounted = await me(CLIENTS)
    const one = await ctx.cloud.invokeCounted(
      FUNCTIONS.order,
      { action: 'create', payload: payload('bench-counted') },
      clientId(CLIENTS),
    )
    const oneOrder = (one.result as Envelope).data!.order._id
    await pay(oneOrder, clientId(CLIENTS))
    await ctx.cloud.pay.drain()
    const act = await ctx.cloud.invokeCounted(
      FUNCTIONS.order,
      {
        action: 'act',
        payload: { orderId: oneOrder, event: 'confirm', input: { note: '已核对' } },
      },
      MERCHANT,
    )
    if (!(act.result as Envelope).ok)
      throw new Error(`order.act failed: ${JSON.stringify(act.result)}`)

    const each = Math.max(1, Math.round(4 * Math.min(1, ctx.scale * 10)))
    const sequential = Math.max(5, Math.round(20 * Math.min(1, ctx.scale * 10)))
    // One client in sequence (the baseline), then 50 at once; created orders are then confirmed.
    const createOne = await load(1, sequential, (_, i) => create(CLIENTS, i))
    const conflictsAlone = conflicts
    const createMany = await load(CLIENTS, each, create)
    for (let client = 0; client <= CLIENTS; client += 1) await payAll(client)
    const confirmOne = await load(1, sequential, (_, i) => confirm(CLIENTS, i))
    const confirmMany = await load(CLIENTS, each, confirm)
    ctx.log(
      `failures: create ${createMany.failed} (${createMany.reasons}), confirm ${confirmMany.failed} (${confirmMany.reasons}) of ${CLIENTS * each}`,
    )
    const figures: BenchFigure[] = [
      {
        label: 'order.create: database round trips per call',
        value: one.roundTrips,
        baseline: meCounted.roundTrips,
        unit: 'round trips',
        baselineLabel: 'user.me',
        note: `${BEFORE.create} before issue 21 (goal ≤ 8). Product, queue, materials and open orders read beside the transaction's start; in it the order's own document, then the other reads together, then every write together (the order's own documents first, then the shared ones in the one order all transactions use: lock-order.ts), commit. Reaching 8 needs a data model without the order transaction's per-document calls (reservations and holds as inserted rows settled by a timer, behaviour after commit)`,
      },
      {
        label: 'order.create: critical path (round trips one after another)',
        value: one.criticalPath,
        baseline: meCounted.criticalPath,
        unit: 'round trips',
        baselineLabel: 'user.me',
        note: `${BEFORE.create} before issue 21 (goal ≤ 5): reads beside the start, order read, reads together, 9 writes together, commit (9 on 2026-12-03 morning: the shared documents after the first written one after another)`,
      },
      {
        label: 'order.act (confirm): database round trips per call',
        value: act.roundTrips,
        baseline: meCounted.roundTrips,
        unit: 'round trips',
        baselineLabel: 'user.me',
        note: `${BEFORE.act} before issue 21 (goal ≤ 7), the outbox send after the commit included (the customer has no credit, so the message is held in the transaction and nothing follows the commit); 11 before the early read of the order`,
      },
      {
        label: 'order.act (confirm): critical path (round trips one after another)',
        value: act.criticalPath,
        baseline: meCounted.criticalPath,
        unit: 'round trips',
        baselineLabel: 'user.me',
        note: `${BEFORE.act} before issue 21 (goal ≤ 4): merchant lookup and an early read of the order beside the start; the order read with the claim reads of the message that early read foretells (settings, credit, day count: they need the order's owner); the writes together; commit (5 before the early read, which adds one round trip to the total). The customer has no credit here, so nothing is sent; with a credit, the send and the row marked sent follow the commit (6, test/cloud/round-trips.test.ts)`,
      },
      {
        label: `order.create: calls per second, ${CLIENTS} concurrent clients`,
        value: createMany.perSecond,
        baseline: createOne.perSecond,
        unit: 'calls/s',
        baselineLabel: 'one client in sequence',
        note: `${conflicts - conflictsAlone} CONFLICT answers retried by the clients (${conflictsAlone} alone); ${createMany.failed ? `${createMany.failed} of ${CLIENTS * each} orders failed` : 'every order placed'}`,
      },
      {
        label: `order.act (confirm): calls per second, ${CLIENTS} concurrent clients`,
        value: confirmMany.perSecond,
        baseline: confirmOne.perSecond,
        unit: 'calls/s',
        baselineLabel: 'one client in sequence',
        note: confirmMany.failed
          ? `${confirmMany.failed} of ${CLIENTS * each} calls failed`
          : 'no call failed',
      },
    ]
    return {
      setup: `Demo data, then the order timer fired once (it spreads the stock into shards, as its trigger does every 10 minutes). Each of ${CLIENTS} consumers creates ${each} shirt orders at once (${CLIENTS * each} in all), then the merchant confirms them ${CLIENTS} at a time; the baseline is one client making ${sequential} of each call in sequence. Every call goes through the real wx-server-sdk in a function worker, HTTP, and PostgreSQL.`,
      figures,
    }
  },
}
