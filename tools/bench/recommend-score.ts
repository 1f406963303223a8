// Hit rate at 4 for the recommender and its two baselines over one generated shop, in total and
// by what the hidden order was (a refill, a repeat, a product viewed before, one never seen).
import { performance } from 'node:perf_hooks'
import { daysUntil, RECOMMEND_CONFIG } from '../../src/domain/recommend'
import {
  HIDDEN_KINDS,
  leaveLastOut,
  mostPopular,
  recentlyViewed,
  recommended,
  type Case,
  type Cut,
  type HiddenKind,
} from './recommend-eval'
import { attachCoPurchase } from './recommend-co-purchase'
import type { Shop } from './recommend-shop'

export const METHODS = ['recommender', 'popular', 'recent'] as const
export type Method = (typeof METHODS)[number]

export interface Tally {
  count: number
  hits: Record<Method, number>
}

export interface Evaluation {
  /** Customers with an order to hide; the rest never ordered. */
  evaluated: number
  neverOrdered: number
  all: Tally
  byKind: Record<HiddenKind, Tally>
  /** Hidden refills whose record predicted a run-out more than refillSoonDays away. */
  refillsNotYetDue: number
  msPerRecommendation: number
  /** The most-recently-viewed baseline's time per customer, for scale. */
  msPerRecentList: number
}

const emptyTally = (): Tally => ({ count: 0, hits: { recommender: 0, popular: 0, recent: 0 } })

export function evaluateShop(shop: Shop, cut: Cut = 'visit'): Evaluation {
  const products = shop.products.map((p) => p.record)
  const catalog = new Map(products.map((p) => [p._id, p]))
  const active = new Set(products.filter((p) => p.active).map((p) => p._id))
  const cases = shop.customers
    .map((customer) => leaveLastOut(customer, catalog, cut))
    .filter((c): c is Case => c !== null)
  attachCoPurchase(shop, cases)
  const popular = mostPopular(cases, products)
  const all = emptyTally()
  const byKind = Object.fromEntries(HIDDEN_KINDS.map((k) => [k, emptyTally()])) as Record<
    HiddenKind,
    Tally
  >
  let ms = 0
  let recentMs = 0
  let refillsNotYetDue = 0
  for (const c of cases) {
    const mine = recommended(c.visible, products)
    ms += mine.ms
    const started = performance.now()
    const recent = recentlyViewed(c.visible, active, popular)
    recentMs += performance.now() - started
    const lists: Record<Method, string[]> = { recommender: mine.ids, popular, recent }
    for (const tally of [all, byKind[c.kind]]) {
      tally.count += 1
      for (const method of METHODS)
        if (lists[method].includes(c.hidden.productId)) tally.hits[method] += 1
    }
    const refill = c.visible.refills.find((r) => r.productId === c.hidden.productId)
    if (
      c.kind === 'refill' &&
      refill &&
      daysUntil(c.visible.now, refill.runOutAt) > RECOMMEND_CONFIG.refillSoonDays
    )
      refillsNotYetDue += 1
  }
  return {
    evaluated: cases.length,
    neverOrdered: shop.customers.length - cases.length,
    all,
    byKind,
    refillsNotYetDue,
    msPerRecommendation: cases.length ? ms / cases.length : 0,
    msPerRecentList: cases.length ? recentMs / cases.length : 0,
  }
}

/** Hits as a percentage of the tally's cases (0 when it has none). */
export const rate = (tally: Tally, method: Method) =>
  tally.count ? (100 * tally.hits[method]) / tally.count : 0
