// Counting catalog list views (issue 19's funnel), called by user.home, which serves customers
// the catalog list (catalog.list is left alone: the merchant's board and stock pages call it).
// Invariant: a list call adds exactly 1 to `views.<productId>` of one shard of today's counters
// for each product it served, with one conditional increment (command.inc, so concurrent calls
// never lose a count). Only the first call to reach a shard on a day finds no document: it adds
// the document with its counts; losing that race to another first call, it increments again.
// Counting never fails the home page: an error is logged and it answers as before.
import { chinaDateOf } from '../domain/china-date'
import {
  LIST_VIEW_SHARDS,
  isCounterKey,
  listViewDocId,
  type ListViewRecord,
} from '../domain/list-views'
import { COLLECTIONS } from '../domain/names'
import { currentTime } from './clock'
import { command, db } from './database'

export const listViews = () => db.collection(COLLECTIONS.listViews)

async function increment(_id: string, productIds: string[], now: Date): Promise<boolean> {
  const views = Object.fromEntries(productIds.map((id) => [id, command.inc(1)]))
  const result = (await listViews()
    .where({ _id })
    .update({ data: { views, updatedAt: now } })) as { stats: { updated: number } }
  return result.stats.updated > 0
}

export async function recordListViews(productIds: string[]): Promise<void> {
  const ids = [...new Set(productIds)].filter(isCounterKey)
  if (ids.length === 0) return
  try {
    const now = currentTime()
    const day = chinaDateOf(now)
    const shard = Math.floor(Math.random() * LIST_VIEW_SHARDS)
    const _id = listViewDocId(day, shard)
    if (await increment(_id, ids, now)) return
    const record: ListViewRecord = {
      _id,
      day,
      shard,
      views: Object.fromEntries(ids.map((id) => [id, 1])),
      updatedAt: now,
    }
    try {
      await listViews().add({ data: record })
    } catch (error) {
      if (!(await increment(_id, ids, now))) throw error
    }
  } catch (error) {
    console.error('[list-views] not counted', error)
  }
}
