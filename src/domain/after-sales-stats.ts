// The dashboard's quality signals from after-sales requests (issue 17): how often each product
// and each option comes back and why, which measurements customers ask to alter (feedback for the
// measuring guide), and how long a rework takes. Folded from a bounded window of requests and of
// delivered orders.
import type { AfterSalesKind, AfterSalesRecord } from './after-sales'
import { p90 } from './percentile'
import type { OrderRecord, ProductSnapshot } from './order-types'

type RequestRow = Pick<AfterSalesRecord, 'productName' | 'kind' | 'reason' | 'alterations'> & {
  /** The order's options (optionLabels); absent on requests from before they were kept. */
  options?: string[]
}

/** A delivered order as the figures read it. */
export interface DeliveredRow {
  productName: string
  options: string[]
  timeline: Pick<OrderRecord['timeline'][number], 'node' | 'at'>[]
}

/** "面料：法国亚麻": the options an order was made with, as a request keeps them. */
export const optionLabels = (snapshot: Pick<ProductSnapshot, 'choices'>): string[] =>
  snapshot.choices.map((choice) => `${choice.groupLabel}：${choice.choiceLabel}`)

const DAY_MS = 24 * 60 * 60 * 1000

/** Days from each rework's start to the reworked item's arrival (delivered, or completed). */
export function reworkDays(timeline: DeliveredRow['timeline']): number[] {
  const days: number[] = []
  let started: number | null = null
  for (const entry of timeline) {
    const at = new Date(entry.at).getTime()
    if (entry.node === 'rework') started = at
    else if (started !== null && (entry.node === 'delivered' || entry.node === 'completed')) {
      days.push((at - started) / DAY_MS)
      started = null
    }
  }
  return days
}

export interface AfterSalesStats {
  requests: number
  /** Requests per delivered order in the window (null: nothing delivered). */
  rate: number | null
  byKind: Record<AfterSalesKind, number>
  /** Products with a request, most requests first: requests, delivered, their ratio. */
  byProduct: { product: string; requests: number; delivered: number; rate: number | null }[]
  reasons: { reason: string; count: number }[]
  /** Options of the orders asked about, most requests first: requests, delivered, their ratio. */
  byOption: { option: string; requests: number; delivered: number; rate: number | null }[]
  /** Measurements asked to alter, most often first, with the average change asked (signed). */
  altered: { label: string; unit: string; count: number; averageDelta: number }[]
  /** Reworks finished in the window: how many, and their days from accept to arrival. */
  rework: { count: number; averageDays: number | null; p90Days: number | null }
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

const round1 = (value: number) => Math.round(value * 10) / 10

/** Rows with requests, most requests first, each against what was delivered with the same key. */
function againstDelivered(asked: Map<string, number>, delivered: Map<string, number>) {
  return [...asked]
    .map(([key, count]) => ({
      key,
      requests: count,
      delivered: delivered.get(key) ?? 0,
      rate: ratio(count, delivered.get(key) ?? 0),
    }))
    .sort((a, b) => b.requests - a.requests || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

export function afterSalesStats(
  requests: RequestRow[],
  deliveredRows: DeliveredRow[],
  open: { open: number; overdue: number },
): AfterSalesStats {
  const delivered = tally(deliveredRows.map((row) => row.productName))
  const perProduct = tally(requests.map((r) => r.productName))
  const reworks = deliveredRows.flatMap((row) => reworkDays(row.timeline))
  const worst = p90(reworks)
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
    rate: ratio(requests.length, deliveredRows.length),
    byKind: {
      alteration: kinds.get('alteration') ?? 0,
      remake: kinds.get('remake') ?? 0,
      return: kinds.get('return') ?? 0,
      repair: kinds.get('repair') ?? 0,
    },
    byProduct: againstDelivered(perProduct, delivered).map(({ key, ...row }) => ({
      product: key,
      ...row,
    })),
    byOption: againstDelivered(
      tally(requests.flatMap((r) => r.options ?? [])),
      tally(deliveredRows.flatMap((row) => row.options)),
    ).map(({ key, ...row }) => ({ option: key, ...row })),
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
    rework: {
      count: reworks.length,
      averageDays: reworks.length
        ? round1(reworks.reduce((sum, days) => sum + days, 0) / reworks.length)
        : null,
      p90Days: worst === null ? null : round1(worst),
    },
    ...open,
  }
}
