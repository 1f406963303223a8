// Order counters (issue 21): the board and the dashboard read counts from ORDER_COUNTER_SHARDS
// documents instead of counting orders (domain/order-counters.ts).
// Invariant: for every key (a node, or `exceptions`), the sum of `counts.<key>` over the shards
// equals the number of orders with that key. Every write of an order that changes its keys adds
// counterDelta to the function instance's shard (shard-affinity.ts; only the sum matters) by
// command.inc in that write's own transaction (order creation and orderEventIn), so both commit
// or neither; only orders written another way (an import, a hand fix) make drift, and the order
// timer's repair finds and fixes it.
// Repair (repairOrderCounters): shards read, one key counted, shards read again; if no change
// touched that key in between (its `writes` sum unchanged) the count and the first read agree
// in time, and their difference is the drift, added to shard 0 only if shard 0's `writes` of the
// key is still what was read (a conditional increment), so a repair run twice fixes once.
import {
  counterDelta,
  newOrderCounter,
  ORDER_COUNTER_IDS,
  ORDER_COUNTER_KEYS,
  ORDER_COUNTER_SHARDS,
  orderCounterId,
  overdueFrom,
  sumOrderCounters,
  writesOf,
  type OrderCounterKey,
  type OrderCounterRecord,
  type OrderCounts,
} from '../domain/order-counters'
import type { ChinaDate } from '../domain/china-date'
import { COLLECTIONS } from '../domain/names'
import { EXCEPTION_KINDS, PRE_SHIPPING_NODES, type OrderRecord } from '../domain/order-types'
import { command, countOf, db, readList, type Transaction, withoutId } from './database'
import { instanceShard } from './shard-affinity'

const counters = () => db.collection(COLLECTIONS.orderCounters)
const orders = () => db.collection(COLLECTIONS.orders)
const held = { node: command.in([...PRE_SHIPPING_NODES]) }

type Counted = Pick<OrderRecord, '_id' | 'node' | 'exception'>

/**
 * Inside the transaction that writes the order, after the order itself (so counters, shared by
 * many orders, are locked in one place of every order's write sequence): one increment, and on
 * a shard's first use the shard's creation. Nothing when the order's keys stay the same.
 */
export async function countOrderChange(
  transaction: Transaction,
  before: Counted | null,
  after: Counted,
): Promise<void> {
  const delta = counterDelta(before, after)
  const keys = Object.keys(delta) as OrderCounterKey[]
  if (keys.length === 0) return
  const shard = instanceShard(ORDER_COUNTER_SHARDS)
  const ref = transaction.collection(COLLECTIONS.orderCounters).doc(orderCounterId(shard))
  const data = {
    counts: Object.fromEntries(keys.map((key) => [key, command.inc(delta[key]!)])),
    writes: Object.fromEntries(keys.map((key) => [key, command.inc(1)])),
  }
  const result = (await ref.update({ data })) as { stats?: { updated?: number }; updated?: number }
  if ((result.stats?.updated ?? result.updated ?? 0) > 0) return
  // No shard yet: created here; a transaction creating it at the same time conflicts and retries.
  await ref.set({ data: withoutId(newOrderCounter(shard, delta)) })
}

/** Every shard, in one read. */
export const readOrderCounters = () =>
  readList<OrderCounterRecord>(
    counters()
      .where({ _id: command.in(ORDER_COUNTER_IDS) })
      .limit(ORDER_COUNTER_SHARDS),
  )

/** Open orders whose ETA is today or later: the pipeline, whatever the history. */
const countNotYetDue = (today: ChinaDate) =>
  countOf(orders().where({ ...held, eta: command.gte(today) }))

/** The repair's recount of `exceptions` (domain hasOpenException, as a query). */
const countOpenExceptions = () =>
  countOf(orders().where({ ...held, 'exception.kind': command.in([...EXCEPTION_KINDS]) }))

/** The counts per key, and 逾期 (the one figure that moves with time, domain overdueFrom). */
export async function orderFigures(
  today: ChinaDate,
): Promise<{ counts: OrderCounts; overdue: number }> {
  const [shards, notYetDue] = await Promise.all([readOrderCounters(), countNotYetDue(today)])
  const counts = sumOrderCounters(shards)
  return { counts, overdue: overdueFrom(counts, notYetDue) }
}

const recount = (key: OrderCounterKey) =>
  key === 'exceptions' ? countOpenExceptions() : countOf(orders().where({ node: key }))

/** Adds `drift` to shard 0 if nothing changed `key` there since `seen`; false when something did. */
async function fixDrift(key: OrderCounterKey, drift: number, seen: OrderCounterRecord[]) {
  const _id = orderCounterId(0)
  const shard = seen.find((record) => record._id === _id)
  if (!shard) return false
  const writes = shard.writes?.[key] ?? 0
  const field = `writes.${key}`
  const unchanged =
    writes === 0 ? command.or([{ [field]: 0 }, { [field]: command.exists(false) }]) : writes
  const result = (await counters()
    .where({ _id, [field]: unchanged })
    .update({
      data: { counts: { [key]: command.inc(drift) }, writes: { [key]: command.inc(1) } },
    })) as {
    stats: { updated: number }
  }
  return result.stats.updated === 1
}

/** Shards at 0 where none is stored yet (a new database), so later writes only increment. */
async function addMissingShards(stored: OrderCounterRecord[]) {
  const have = new Set(stored.map((record) => record._id))
  const missing = ORDER_COUNTER_IDS.flatMap((id, shard) => (have.has(id) ? [] : [shard]))
  // One that an order's write created meanwhile makes the add fail: it is there, as wanted.
  await Promise.all(
    missing.map((shard) =>
      (counters().add({ data: newOrderCounter(shard) }) as Promise<unknown>).catch(() => null),
    ),
  )
}

export interface CounterRepair {
  /** Keys recounted this run (each run starts where the last one stopped). */
  checked: number
  /** Drift found and fixed, per key. */
  fixed: Partial<OrderCounts>
  /** Keys that changed while counted: left for the next run. */
  busy: OrderCounterKey[]
  /** Keys whose count failed (a timeout on a very large node): logged, the run goes on. */
  failed: OrderCounterKey[]
}

/** Time one run may spend recounting (the order timer's other work shares its 20 s). */
export const REPAIR_BUDGET_MS = 5_000
const REPAIR_STATE_ID = 'repair'

/**
 * The order timer: recounts keys one after another, from where the last run stopped, until
 * every key is checked or REPAIR_BUDGET_MS is spent. Idempotent (fixes are conditional).
 */
export async function repairOrderCounters(budgetMs = REPAIR_BUDGET_MS): Promise<CounterRepair> {
  const started = Date.now()
  const stateRef = counters().doc(REPAIR_STATE_ID)
  const state = ((await stateRef.get()) as { data: { next?: number } | null }).data
  let next = (state?.next ?? 0) % ORDER_COUNTER_KEYS.length
  const report: CounterRepair = { checked: 0, fixed: {}, busy: [], failed: [] }
  let shards = await readOrderCounters()
  if (shards.length < ORDER_COUNTER_SHARDS) {
    await addMissingShards(shards)
    shards = await readOrderCounters()
  }
  while (report.checked < ORDER_COUNTER_KEYS.length && Date.now() - started < budgetMs) {
    const key = ORDER_COUNTER_KEYS[next]
    const counted = await recount(key).catch((error: unknown) => {
      console.error(`[order-counters] ${key} not recounted`, error)
      return null
    })
    const after = await readOrderCounters()
    const drift = (counted ?? 0) - sumOrderCounters(shards)[key]
    if (counted === null) report.failed.push(key)
    else if (writesOf(shards, key) !== writesOf(after, key)) report.busy.push(key)
    else if (drift !== 0) {
      if (await fixDrift(key, drift, after)) report.fixed[key] = drift
      else report.busy.push(key)
    }
    report.checked += 1
    next = (next + 1) % ORDER_COUNTER_KEYS.length
    shards = after
  }
  await stateRef.set({ data: { next } })
  return report
}
