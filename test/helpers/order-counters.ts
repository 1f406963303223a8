// The order counters' invariant, checked from outside: each key's sum over the shards equals a
// recount of the stored orders (domain/order-counters.ts says which keys an order has).
import { COLLECTIONS } from '@/domain/names'
import {
  hasOpenException,
  ORDER_COUNTER_KEYS,
  sumOrderCounters,
  type OrderCounterRecord,
  type OrderCounts,
} from '@/domain/order-counters'
import type { LocalCloud } from '../../tools/local-cloud'

/** What the counters say and what the orders say, key by key. */
export async function countersAndRecount(
  cloud: LocalCloud,
): Promise<{ counters: OrderCounts; recount: OrderCounts }> {
  const [orders, shards] = await Promise.all([
    cloud.store.find(COLLECTIONS.orders),
    cloud.store.find(COLLECTIONS.orderCounters, { shard: { $gte: 0 } }),
  ])
  const recount = Object.fromEntries(ORDER_COUNTER_KEYS.map((key) => [key, 0])) as OrderCounts
  for (const order of orders) {
    recount[order.node as keyof OrderCounts] += 1
    if (hasOpenException(order)) recount.exceptions += 1
  }
  return { counters: sumOrderCounters(shards as OrderCounterRecord[]), recount }
}

export async function expectCountersMatchOrders(cloud: LocalCloud): Promise<void> {
  const { counters, recount } = await countersAndRecount(cloud)
  expect(counters).toEqual(recount)
}

/** The keys where the counters and a recount differ, as problem lines for a reliability suite. */
export async function counterProblems(cloud: LocalCloud): Promise<string[]> {
  const { counters, recount } = await countersAndRecount(cloud)
  return ORDER_COUNTER_KEYS.filter((key) => counters[key] !== recount[key]).map(
    (key) => `order counters: ${key} ${counters[key]}, orders say ${recount[key]}`,
  )
}

/**
 * Drift the order timer's repair fixed in one run (its answer's `counters.fixed`): in a suite
 * where every order is written through the functions, any is a broken invariant the repair hid.
 */
export function driftFixedBy(timerAnswer: unknown): string[] {
  const fixed = (timerAnswer as { data?: { counters?: { fixed?: object } } })?.data?.counters?.fixed
  return Object.entries(fixed ?? {}).map(
    ([key, drift]) => `order counters: the timer fixed ${key} by ${drift}`,
  )
}
