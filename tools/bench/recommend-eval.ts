// Leave-last-order-out for the recommender bench. For each customer the visit of their last
// order and everything after it are hidden; 为你推荐 is computed as the home page would show it
// when that visit opens (views made during the visit come after that moment). The visible events
// are rolled up by the domain's own signals and refill records, as the cloud stores them.
import { performance } from 'node:perf_hooks'
import {
  addCounts,
  emptyCounts,
  orderSignals,
  preferencePatch,
  viewSignal,
  type PreferenceCounts,
} from '../../src/domain/behaviour'
import type { CoPurchaseRecord } from '../../src/domain/co-purchase'
import { profileKindFor, type ProfileKind } from '../../src/domain/measurement-profile'
import type { ProductRecord } from '../../src/domain/product-schema'
import { recommend, RECOMMEND_CONFIG } from '../../src/domain/recommend'
import { recordPurchase, type RefillRecord } from '../../src/domain/refill'
import type { BenchCustomer, ShopEvent } from './recommend-shop'

const DAY = 86_400_000

/** What the hidden order was, seen from the visible history. */
export const HIDDEN_KINDS = ['refill', 'repeat', 'new_viewed', 'new_unseen'] as const
export type HiddenKind = (typeof HIDDEN_KINDS)[number]

export interface Visible {
  now: Date
  preference: PreferenceCounts
  refills: RefillRecord[]
  profileKinds: ProfileKind[]
  /** Product ids viewed, newest first, each once. */
  viewedNewestFirst: string[]
  ordered: Set<string>
  /** Co-purchase rows of the products ordered (recommend-co-purchase.ts); absent: none. */
  coPurchase?: CoPurchaseRecord[]
}

export interface Case {
  customer: BenchCustomer
  hidden: ShopEvent
  kind: HiddenKind
  visible: Visible
  orders: ShopEvent[]
}

/**
 * Where history stops: `visit` (the home page as the last order's visit opens) or `order` (just
 * before the order, so that visit's views of the product stay visible).
 */
export type Cut = 'visit' | 'order'

/** The customer's history up to their last order; null when they never ordered. */
export function leaveLastOut(
  customer: BenchCustomer,
  catalog: Map<string, ProductRecord>,
  cut: Cut = 'visit',
) {
  const hidden = customer.events.filter((e) => e.type === 'order').pop()
  if (!hidden) return null
  const opened = customer.events.find((e) => e.visit === hidden.visit)!.at
  const now = new Date(cut === 'visit' ? opened : hidden.at)
  const shown = customer.events.filter((e) => e.at < now.getTime())
  const visible = rollUp(customer, shown, catalog, now)
  const orders = shown.filter((e) => e.type === 'order')
  const kind: HiddenKind = visible.ordered.has(hidden.productId)
    ? catalog.get(hidden.productId)?.consumable
      ? 'refill'
      : 'repeat'
    : visible.viewedNewestFirst.includes(hidden.productId)
      ? 'new_viewed'
      : 'new_unseen'
  return { customer, hidden, kind, visible, orders } satisfies Case
}

/** Preference counts through the domain's signals; refills recorded at delivery, as the cloud does. */
export function rollUp(
  customer: BenchCustomer,
  events: ShopEvent[],
  catalog: Map<string, ProductRecord>,
  now: Date,
): Visible {
  let preference = emptyCounts()
  const refills = new Map<string, RefillRecord>()
  const kinds = new Set<ProfileKind>()
  const ordered = new Set<string>()
  for (const event of events) {
    const product = catalog.get(event.productId)!
    if (event.type === 'view') {
      preference = addCounts(preference, preferencePatch([viewSignal(product)]))
      continue
    }
    const order = { _id: event.orderId!, choices: event.choices ?? [], quantity: 1 }
    preference = addCounts(preference, preferencePatch(orderSignals(product, order)))
    ordered.add(product._id)
    const kind = profileKindFor(product)
    if (kind && customer.savesProfiles) kinds.add(kind)
    const deliveredAt = event.at + product.baseLeadDays * DAY
    if (product.consumable && deliveredAt <= now.getTime())
      refills.set(
        product._id,
        recordPurchase(refills.get(product._id) ?? null, {
          openid: customer.openid,
          productId: product._id,
          productName: product.name,
          defaultCycleDays: product.consumable.defaultCycleDays,
          orderId: order._id,
          quantity: 1,
          at: new Date(deliveredAt),
        }),
      )
  }
  const viewedNewestFirst = [
    ...new Set(
      events
        .filter((e) => e.type === 'view')
        .map((e) => e.productId)
        .reverse(),
    ),
  ]
  return {
    now,
    preference,
    refills: [...refills.values()],
    profileKinds: [...kinds],
    viewedNewestFirst,
    ordered,
  }
}

/** The recommender as the home page calls it, and how long the call took (ms). */
export function recommended(visible: Visible, products: ProductRecord[]) {
  // The catalog as it stood then: a product launched later did not exist yet.
  const existing = products.filter((p) => !p.createdAt || p.createdAt <= visible.now)
  const started = performance.now()
  const items = recommend({
    now: visible.now,
    products: existing,
    personalised: true,
    preference: visible.preference,
    refills: visible.refills,
    profileKinds: visible.profileKinds,
    coPurchase: visible.coPurchase,
  })
  return { ids: items.map((item) => item.productId), ms: performance.now() - started }
}

/** Baseline 1: the active products ordered most in the visible histories (ties: shop order). */
export function mostPopular(cases: Case[], products: ProductRecord[]): string[] {
  const counts = new Map<string, number>()
  for (const { orders } of cases)
    for (const order of orders) counts.set(order.productId, (counts.get(order.productId) ?? 0) + 1)
  return products
    .filter((p) => p.active)
    .sort((a, b) => (counts.get(b._id) ?? 0) - (counts.get(a._id) ?? 0) || a.sort - b.sort)
    .slice(0, RECOMMEND_CONFIG.limit)
    .map((p) => p._id)
}

/** Baseline 2: the newest views not yet ordered (active only), topped up with the popular ones. */
export function recentlyViewed(visible: Visible, active: Set<string>, popular: string[]) {
  const recent = visible.viewedNewestFirst.filter(
    (id) => active.has(id) && !visible.ordered.has(id),
  )
  return [...new Set([...recent, ...popular])].slice(0, RECOMMEND_CONFIG.limit)
}
