// The merchant dashboard's figures, as pure functions over rows the cloud reads with bounded,
// indexed queries. Lead time counts from placing the order to delivery, against the ETA
// promised when it was placed (the first etaHistory entry), in China calendar days.
import {
  addDays,
  chinaDateOf,
  chinaDayRange,
  daysBetween,
  weekdayOf,
  type ChinaDate,
} from './china-date'
import type { LeadTimeStats, MessageOpens } from './merchant-views'
import { MESSAGE_PURPOSES } from './messages'
import type { OrderRecord } from './order-types'
import { p90 } from './percentile'

/** Also the dashboard's tests' entry to it. */
export { p90 }

const DAY_MS = 24 * 60 * 60 * 1000

export type LeadTimeRow = Pick<OrderRecord, 'createdAt' | 'timeline' | 'etaHistory' | 'eta'>

const round1 = (value: number) => Math.round(value * 10) / 10
/** part / whole to 3 decimals; null when there is nothing to divide by. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null
}

/** The first delivery: a reworked item's second one is the rework's lead time, not the order's. */
function deliveredAt(order: LeadTimeRow): Date | null {
  const entry = order.timeline.find((e) => e.node === 'delivered')
  return entry ? new Date(entry.at) : null
}

export function leadTimeStats(orders: LeadTimeRow[]): LeadTimeStats {
  const samples = orders.flatMap((order) => {
    const delivered = deliveredAt(order)
    if (!delivered) return []
    const created = new Date(order.createdAt)
    const promised = order.etaHistory[0]?.eta ?? order.eta
    return [
      {
        days: (delivered.getTime() - created.getTime()) / DAY_MS,
        promisedDays: daysBetween(chinaDateOf(created), promised),
        onTime: chinaDateOf(delivered) <= promised,
      },
    ]
  })
  const n = samples.length
  const mean = (values: number[]) => (n ? round1(values.reduce((a, b) => a + b, 0) / n) : null)
  const worst = p90(samples.map((s) => s.days))
  return {
    samples: n,
    averageDays: mean(samples.map((s) => s.days)),
    p90Days: worst === null ? null : round1(worst),
    promisedAverageDays: mean(samples.map((s) => s.promisedDays)),
    onTimeRate: shareOf(samples.filter((s) => s.onTime).length, n),
  }
}

/** The most chosen option choices, as "group：choice", most first (ties by label). */
export function topOptions(
  orders: Pick<OrderRecord, 'productSnapshot' | 'selection'>[],
  limit = 5,
): { label: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const order of orders) {
    for (const c of order.productSnapshot.choices) {
      const label = `${c.groupLabel}：${c.choiceLabel}`
      counts.set(label, (counts.get(label) ?? 0) + order.selection.quantity)
    }
  }
  return [...counts.entries()]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, limit)
}

/** Monday of the China week holding `date`. */
export function weekStartOf(date: ChinaDate): ChinaDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7))
}

/** The last `count` China weeks, oldest first, each with its [start, end) instants. */
export function recentWeeks(
  now: Date,
  count: number,
): { week: ChinaDate; start: Date; end: Date }[] {
  const thisWeek = weekStartOf(chinaDateOf(now))
  return Array.from({ length: count }, (_, i) => {
    const week = addDays(thisWeek, -7 * (count - 1 - i))
    return {
      week,
      start: chinaDayRange(week).start,
      end: chinaDayRange(addDays(week, 7)).start,
    }
  })
}

/** Per purpose with anything sent (MESSAGE_PURPOSES order): sent, opened and their share. */
export function openedByPurpose(sent: number[], opened: number[]): MessageOpens[] {
  return MESSAGE_PURPOSES.flatMap((purpose, i) =>
    sent[i] > 0
      ? [{ purpose, sent: sent[i], opened: opened[i], openRate: shareOf(opened[i], sent[i]) }]
      : [],
  )
}
