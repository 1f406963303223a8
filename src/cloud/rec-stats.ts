// Counting what each recommendation slot achieves (issue 19; domain/rec-stats.ts).
// Invariant: a rec_stats document (`<YYYY-MM-DD>_<slot>`) only ever grows by db.command.inc on
// `shown.<basis>` / `tapped.<basis>` / `ordered.<basis>`, never read-modify-write, so concurrent
// calls lose no count. The day's first count adds the document with that count; an add that
// loses a race (duplicate id) falls back to the increment.
// Shown and tapped are aggregate counts of what the cloud served / was asked for, kept with
// 个性化推荐 off too (nothing in them names the customer). Only with the switch on is a tap kept
// in the customer's preference document, for the order that may follow; an order consumes the
// tap inside a transaction, so one tap converts at most once. Never fails the calling action.
import { isPersonalised, type PreferenceRecord } from '../domain/behaviour'
import { chinaDateOf } from '../domain/china-date'
import { COLLECTIONS } from '../domain/names'
import {
  addTap,
  attributableTap,
  recStatsId,
  recStatsSince,
  REC_STATS_DAYS,
  summariseRecStats,
  type RecMeasure,
  type RecStatsRecord,
  type RecStatsView,
  type RecTap,
} from '../domain/rec-stats'
import type { RecommendSlot, SlotBasis } from '../domain/recommend-slots'
import { currentTime } from './clock'
import { command, db, inTransaction, readDoc, readList } from './database'
import { RECOMMEND_SLOTS } from '../domain/recommend-slots'

type Counts = Partial<Record<SlotBasis, number>>
type TapsDoc = Pick<PreferenceRecord, 'personalised'> & { recTaps?: RecTap[] }

const recStats = () => db.collection(COLLECTIONS.recStats)

async function increment(slot: RecommendSlot, measure: RecMeasure, counts: Counts, now: Date) {
  const entries = Object.entries(counts).filter(([, by]) => (by ?? 0) > 0)
  if (entries.length === 0) return
  const _id = recStatsId(now, slot)
  const data = { [measure]: Object.fromEntries(entries.map(([b, by]) => [b, command.inc(by!)])) }
  const apply = async () =>
    ((await recStats().where({ _id }).update({ data })) as { stats: { updated: number } }).stats
      .updated
  if ((await apply()) > 0) return
  // The day's first count creates the document with it; a creator racing us makes the add fail
  // on the duplicate id, and then the increment applies to what they made.
  const fields = { _id, day: chinaDateOf(now), slot, [measure]: Object.fromEntries(entries) }
  const created = await (recStats().add({ data: fields }) as Promise<unknown>).then(
    () => true,
    () => false,
  )
  if (!created && (await apply()) === 0)
    throw new Error(`rec_stats ${_id} neither added nor updated`)
}

const logged = (what: string) => (error: unknown) =>
  console.error(`[rec-stats] ${what} not counted`, error)

/** The cloud served these items in `slot`. */
export function countShown(slot: RecommendSlot, items: { basis: SlotBasis }[]): Promise<void> {
  const counts: Counts = {}
  for (const { basis } of items) counts[basis] = (counts[basis] ?? 0) + 1
  return increment(slot, 'shown', counts, currentTime()).catch(logged('shown'))
}

/** A product page opened from a slot: count it, and keep the tap while personalisation is on. */
export async function recordTap(openid: string | null, tap: Omit<RecTap, 'at'>): Promise<void> {
  const now = currentTime()
  try {
    await increment(tap.slot, 'tapped', { [tap.basis]: 1 }, now)
    if (openid === null) return
    await inTransaction(async (transaction) => {
      const ref = transaction.collection(COLLECTIONS.preferences).doc(openid)
      const preference = await readDoc<TapsDoc>(ref)
      // No document yet: the view recorded beside this creates it; the tap is not worth a race.
      if (!preference || !isPersonalised(preference)) return
      await ref.update({ data: { recTaps: addTap(preference.recTaps ?? [], { ...tap, at: now }) } })
    })
  } catch (error) {
    logged('tap')(error)
  }
}

/**
 * order.create: a tap of this product in the last 7 days converts, once. Answers the preference
 * document it read (null: none, off or unreadable), so the co-purchase count needs no second read.
 * `read`: the document as the order's own transaction left it (then nothing is read here).
 */
export async function attributeOrder(
  openid: string,
  productId: string,
  read?: PreferenceRecord,
): Promise<PreferenceRecord | null> {
  const now = currentTime()
  try {
    // One plain read when nothing was tapped (most orders); the transaction only to consume a tap.
    const seen: (PreferenceRecord & TapsDoc) | null =
      read ??
      (await readDoc<PreferenceRecord & TapsDoc>(
        db.collection(COLLECTIONS.preferences).doc(openid),
      ))
    if (!seen || !isPersonalised(seen)) return null
    if (!attributableTap(seen.recTaps ?? [], productId, now)) return seen
    const tap = await inTransaction(async (transaction) => {
      const ref = transaction.collection(COLLECTIONS.preferences).doc(openid)
      const preference = await readDoc<TapsDoc>(ref)
      if (!preference || !isPersonalised(preference)) return null
      const taps = preference.recTaps ?? []
      const found = attributableTap(taps, productId, now)
      if (!found) return null
      await ref.update({ data: { recTaps: taps.filter((t) => t !== found) } })
      return found
    })
    if (tap) await increment(tap.slot, 'ordered', { [tap.basis]: 1 }, now)
    return seen
  } catch (error) {
    logged('order')(error)
    return null
  }
}

/** merchant.dashboard: the last REC_STATS_DAYS China days, at most one document per day and slot. */
export async function recSlotStats(now: Date): Promise<RecStatsView> {
  const records = await readList<RecStatsRecord>(
    recStats()
      .where({ day: command.gte(recStatsSince(now)) })
      .orderBy('day', 'asc')
      .limit(REC_STATS_DAYS * RECOMMEND_SLOTS.length),
  )
  return summariseRecStats(records)
}
