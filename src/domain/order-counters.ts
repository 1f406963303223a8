// The board's and dashboard's order counts as counter documents (src/cloud/order-counters.ts
// keeps them). Collection order_counters: ORDER_COUNTER_SHARDS documents `orders__<shard>`, each
// with `counts.<key>` (that shard's orders at each node, and its open exceptions) and
// `writes.<key>` (how many changes touched the key: the repair's proof that nothing moved while
// it counted). A change counts in the shard of the function instance writing it
// (cloud/shard-affinity.ts), so orders moving at once write different documents; a figure is the
// sum of its key over every shard.
import {
  EXCEPTION_KINDS,
  ORDER_NODES,
  PRE_SHIPPING_NODES,
  type OrderNode,
  type OrderRecord,
} from './order-types'

export const ORDER_COUNTER_SHARDS = 64

export const ORDER_COUNTER_KEYS = [...ORDER_NODES, 'exceptions'] as const
export type OrderCounterKey = OrderNode | 'exceptions'
export type OrderCounts = Record<OrderCounterKey, number>

export interface OrderCounterRecord {
  _id: string
  shard: number
  counts: Partial<OrderCounts>
  writes: Partial<OrderCounts>
}

export const orderCounterId = (shard: number) => `orders__${shard}`
export const ORDER_COUNTER_IDS = Array.from({ length: ORDER_COUNTER_SHARDS }, (_, shard) =>
  orderCounterId(shard),
)

/** A shard with every key at 0, plus `delta` and one write per key it changes. */
export function newOrderCounter(
  shard: number,
  delta: Partial<OrderCounts> = {},
): OrderCounterRecord {
  const each = (value: (key: OrderCounterKey) => number) =>
    Object.fromEntries(ORDER_COUNTER_KEYS.map((key) => [key, value(key)]))
  return {
    _id: orderCounterId(shard),
    shard,
    counts: each((key) => delta[key] ?? 0),
    writes: each((key) => (delta[key] ? 1 : 0)),
  }
}

type Counted = Pick<OrderRecord, 'node' | 'exception'>

/** The board's 异常: held in the workshop with an open exception (the same test as its list). */
export const hasOpenException = (order: Counted) =>
  PRE_SHIPPING_NODES.includes(order.node) &&
  (EXCEPTION_KINDS as readonly string[]).includes(order.exception?.kind ?? '')

function countedKeys(order: Counted | null): OrderCounterKey[] {
  if (!order) return []
  return hasOpenException(order) ? [order.node, 'exceptions'] : [order.node]
}

/** What a write of an order changes: +1 / -1 per key (none when the keys stay the same). */
export function counterDelta(before: Counted | null, after: Counted | null): Partial<OrderCounts> {
  const delta: Partial<OrderCounts> = {}
  for (const key of countedKeys(before)) delta[key] = (delta[key] ?? 0) - 1
  for (const key of countedKeys(after)) delta[key] = (delta[key] ?? 0) + 1
  for (const key of Object.keys(delta) as OrderCounterKey[]) if (delta[key] === 0) delete delta[key]
  return delta
}

/** Each key summed over the shards (missing shards and keys count 0). */
export function sumOrderCounters(
  records: readonly Pick<OrderCounterRecord, 'counts'>[],
): OrderCounts {
  const totals = Object.fromEntries(ORDER_COUNTER_KEYS.map((key) => [key, 0])) as OrderCounts
  for (const { counts } of records)
    for (const key of ORDER_COUNTER_KEYS) totals[key] += counts?.[key] ?? 0
  return totals
}

/** Changes that touched `key`, over the shards. */
export const writesOf = (
  records: readonly Pick<OrderCounterRecord, 'writes'>[],
  key: OrderCounterKey,
) => records.reduce((sum, { writes }) => sum + (writes?.[key] ?? 0), 0)

/**
 * 逾期 from the counters: the workshop's open orders minus those whose ETA has not passed, an
 * indexed count bounded by the orders now in the pipeline, not by history. Never below 0 (the
 * two reads are taken a moment apart).
 */
export const overdueFrom = (counts: OrderCounts, notYetDue: number) =>
  Math.max(0, PRE_SHIPPING_NODES.reduce((sum, node) => sum + counts[node], 0) - notYetDue)
