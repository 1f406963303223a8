// How often the catalog list showed each product, counted per China day (issue 19's funnel).
// Collection list_views: LIST_VIEW_SHARDS documents per day, `_id` = `${day}_${shard}`, each
// `views.<productId>` a counter. A list call increments one random shard of today, so no single
// document takes every call; a day's figure is the sum of its shards.
import type { ChinaDate } from './china-date'

export const LIST_VIEW_SHARDS = 4

export interface ListViewRecord {
  _id: string
  day: ChinaDate
  shard: number
  views: Record<string, number>
  updatedAt: Date
}

export const listViewDocId = (day: ChinaDate, shard: number) => `${day}_${shard}`

/** Product ids become field paths in the stored document: only these are counted. */
const COUNTER_KEY = /^[A-Za-z0-9_-]{1,64}$/
export const isCounterKey = (id: string) => COUNTER_KEY.test(id)

/** Views per product over the given day documents. */
export function sumListViews(records: Pick<ListViewRecord, 'views'>[]): Map<string, number> {
  const totals = new Map<string, number>()
  for (const { views } of records)
    for (const [id, count] of Object.entries(views ?? {}))
      totals.set(id, (totals.get(id) ?? 0) + count)
  return totals
}
