// What each recommendation slot achieves (issue 19): shown, tapped, ordered within 7 days, per
// China day, slot and basis. Pure: the cloud (cloud/rec-stats.ts) writes what these say.
// A tap is kept in the customer's preference document (`recTaps`, newest first, at most
// MAX_REC_TAPS, one per slot and product) only while 个性化推荐 is on; an order of that product
// within REC_ATTRIBUTION_DAYS consumes the tap, so one tap converts at most once.
import { chinaDateOf, addDays, type ChinaDate } from './china-date'
import { RECOMMEND_SLOTS, SLOT_BASES, type RecommendSlot, type SlotBasis } from './rec-source'

export const REC_ATTRIBUTION_DAYS = 7
export const MAX_REC_TAPS = 20
/** Days the dashboard sums. */
export const REC_STATS_DAYS = 30

export const REC_MEASURES = ['shown', 'tapped', 'ordered'] as const
export type RecMeasure = (typeof REC_MEASURES)[number]

export interface RecTap {
  slot: RecommendSlot
  basis: SlotBasis
  productId: string
  at: Date
}

/** Collection rec_stats, `_id` = `<YYYY-MM-DD>_<slot>`; each measure maps basis → count. */
export interface RecStatsRecord {
  _id: string
  day: ChinaDate
  slot: RecommendSlot
  shown?: Partial<Record<SlotBasis, number>>
  tapped?: Partial<Record<SlotBasis, number>>
  ordered?: Partial<Record<SlotBasis, number>>
}

export const recStatsId = (now: Date, slot: RecommendSlot) => `${chinaDateOf(now)}_${slot}`

/** The taps with this one first; the older tap of the same slot and product goes. */
export function addTap(taps: readonly RecTap[], tap: RecTap): RecTap[] {
  const others = taps.filter((t) => t.slot !== tap.slot || t.productId !== tap.productId)
  return [tap, ...others].slice(0, MAX_REC_TAPS)
}

/** The newest tap of the product within the attribution window, or null. */
export function attributableTap(
  taps: readonly RecTap[],
  productId: string,
  now: Date,
): RecTap | null {
  const since = now.getTime() - REC_ATTRIBUTION_DAYS * 24 * 60 * 60 * 1000
  return (
    taps
      .filter((t) => t.productId === productId)
      .filter((t) => new Date(t.at).getTime() >= since && new Date(t.at).getTime() <= now.getTime())
      .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())[0] ?? null
  )
}

export interface SlotFigures {
  slot: RecommendSlot
  shown: number
  tapped: number
  ordered: number
  /** Percentages with one decimal, null when nothing was shown / tapped. */
  tapRate: number | null
  orderRate: number | null
}

export interface BasisFigures {
  basis: SlotBasis
  tapped: number
  ordered: number
  orderRate: number | null
}

export interface RecStatsView {
  days: number
  slots: SlotFigures[]
  /** Bases with at least one order, most orders first (then best rate). */
  topBases: BasisFigures[]
}

const rate = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null
const sum = (counts: Partial<Record<SlotBasis, number>> | undefined) =>
  Object.values(counts ?? {}).reduce<number>((a, b) => a + (b ?? 0), 0)

/** The first China day the dashboard counts (today and the days before it). */
export const recStatsSince = (now: Date) => addDays(chinaDateOf(now), 1 - REC_STATS_DAYS)

export function summariseRecStats(records: readonly RecStatsRecord[]): RecStatsView {
  const slots = RECOMMEND_SLOTS.map((slot) => {
    const mine = records.filter((r) => r.slot === slot)
    const [shown, tapped, ordered] = REC_MEASURES.map((m) =>
      mine.reduce((total, r) => total + sum(r[m]), 0),
    )
    return {
      slot,
      shown,
      tapped,
      ordered,
      tapRate: rate(tapped, shown),
      orderRate: rate(ordered, tapped),
    }
  })
  const topBases = SLOT_BASES.map((basis) => {
    const tapped = records.reduce((total, r) => total + (r.tapped?.[basis] ?? 0), 0)
    const ordered = records.reduce((total, r) => total + (r.ordered?.[basis] ?? 0), 0)
    return { basis, tapped, ordered, orderRate: rate(ordered, tapped) }
  })
    .filter((b) => b.ordered > 0)
    .sort((a, b) => b.ordered - a.ordered || (b.orderRate ?? 0) - (a.orderRate ?? 0))
    .slice(0, 3)
  return { days: REC_STATS_DAYS, slots, topBases }
}

export const SLOT_LABELS: Record<RecommendSlot, string> = {
  home: '首页',
  order_done: '订单完成页',
  refill: '我的补货',
}

export const BASIS_LABELS: Record<SlotBasis, string> = {
  refill: '快用完',
  option: '常选款式',
  viewed: '看过',
  bought_together: '买过的也买',
  category: '常看品类',
  profile: '量体档案',
  curated: '店铺精选',
  next_batch: '下一批拼单',
  care: '保养耗材',
  matching: '同类搭配',
}
