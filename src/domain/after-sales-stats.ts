// The dashboard's quality signals from after-sales requests (issue 17): how often each product
// comes back and why, and which measurements customers ask to alter (feedback for the measuring
// guide). Folded from a bounded window of requests and of delivered orders.
import type { AfterSalesKind, AfterSalesRecord } from './after-sales'

type RequestRow = Pick<AfterSalesRecord, 'productName' | 'kind' | 'reason' | 'alterations'>

export interface AfterSalesStats {
  requests: number
  /** Requests per delivered order in the window (null: nothing delivered). */
  rate: number | null
  byKind: Record<AfterSalesKind, number>
  /** Products with a request, most requests first: requests, delivered, their ratio. */
  byProduct: { product: string; requests: number; delivered: number; rate: number | null }[]
  reasons: { reason: string; count: number }[]
  /** Measurements asked to alter, most often first, with the average change asked (signed). */
  altered: { label: string; unit: string; count: number; averageDelta: number }[]
  /** Open now (any age), and of those unanswered past the response promise. */
  open: number
  overdue: number
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null)

const tally = <K extends string>(keys: K[]) =>
  keys.reduce((counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1), new Map<K, number>())

/** Most first; ties by name (code points), so the order never depends on read order. */
const byCount =
  <T extends { count: number }>(name: (row: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0)

export function afterSalesStats(
  requests: RequestRow[],
  deliveredProducts: string[],
  open: { open: number; overdue: number },
): AfterSalesStats {
  const delivered = tally(deliveredProducts)
  const perProduct = tally(requests.map((r) => r.productName))
  const kinds = tally(requests.map((r) => r.kind))
  const altered = new Map<string, { unit: string; count: number; total: number }>()
  for (const alteration of requests.flatMap((r) => r.alterations)) {
    const seen = altered.get(alteration.label) ?? { unit: alteration.unit, count: 0, total: 0 }
    altered.set(alteration.label, {
      ...seen,
      count: seen.count + 1,
      total: seen.total + alteration.delta,
    })
  }
  return {
    requests: requests.length,
    rate: ratio(requests.length, deliveredProducts.length),
    byKind: {
      alteration: kinds.get('alteration') ?? 0,
      remake: kinds.get('remake') ?? 0,
      return: kinds.get('return') ?? 0,
      repair: kinds.get('repair') ?? 0,
    },
    byProduct: [...perProduct]
      .map(([product, count]) => ({
        product,
        requests: count,
        delivered: delivered.get(product) ?? 0,
        rate: ratio(count, delivered.get(product) ?? 0),
      }))
      .sort((a, b) => b.requests - a.requests || (a.product < b.product ? -1 : 1)),
    reasons: [...tally(requests.map((r) => r.reason))]
      .map(([reason, count]) => ({ reason, count }))
      .sort(byCount((row) => row.reason)),
    altered: [...altered]
      .map(([label, { unit, count, total }]) => ({
        label,
        unit,
        count,
        averageDelta: Math.round((total / count) * 10) / 10,
      }))
      .sort(byCount((row) => row.label)),
    ...open,
  }
}
