// 为你推荐: which products to show a customer and why, from what the server already holds.
// Pure and deterministic: the same inputs give the same list. Each product's score is the sum of
// its parts (a refill running out, the options the customer orders, what they look at, the
// categories they follow, a measurement profile that fits); the largest part gives the reason.
// What customers who bought the same products also bought, and 新品, only order the unmet
// products of those categories (co-purchase alone reaches others, below every viewed product).
// Never recommended: inactive products and consumables whose reminders the customer stopped.
// Too little known (a new customer) or personalisation off: the shop's curated picks fill in.
import type { PreferenceCounts } from './behaviour'
import type { CoPurchaseRecord } from './co-purchase'
import { profileKindFor, type ProfileKind } from './measurement-profile'
import type { ProductRecord } from './product-schema'
import type { RefillStatus } from './refill'

export const RECOMMEND_CONFIG = {
  /** Slots in 为你推荐. */
  limit: 4,
  /** A consumable running out within this many days is recommended (with the days left). */
  refillSoonDays: 14,
  /** A product created within this many days is 新品 (a small boost inside the category part). */
  newForDays: 30,
} as const

/** What a recommendation rests on; `curated` is the only non-personal one. */
export const RECOMMEND_BASES = [
  'refill',
  'option',
  'viewed',
  'bought_together',
  'category',
  'profile',
  'curated',
] as const
export type RecommendBasis = (typeof RECOMMEND_BASES)[number]

export interface Recommendation {
  productId: string
  name: string
  priceFromFen: number
  basis: RecommendBasis
  /** One short Chinese line, e.g. 你常选法国亚麻. */
  reason: string
}

export interface RecommendInput {
  now: Date
  /** The catalog in shop order (inactive ones are skipped here too). */
  products: ProductRecord[]
  /** false: the switch is off, so only non-personal picks, whatever else is passed. */
  personalised: boolean
  preference: PreferenceCounts | null
  refills: { productId: string; runOutAt: Date; status: RefillStatus }[]
  /** Kinds of the customer's saved measurement profiles. */
  profileKinds: ProfileKind[]
  /** co_purchase rows of products the customer ordered (absent: no co-purchase part). */
  coPurchase?: CoPurchaseRecord[]
  limit?: number
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Whole days from `now` until `at`, rounded up (0 or less: already due). */
export function daysUntil(now: Date, at: Date): number {
  return Math.ceil((at.getTime() - now.getTime()) / DAY_MS)
}

interface Part {
  basis: Exclude<RecommendBasis, 'curated'>
  score: number
  reason: string
}

/**
 * The most-chosen option of a product the customer has ordered (ties: the product's order). A
 * group's first choice is what an order gets without choosing, so it is the reason only when
 * the customer never picked anything else: 你常选八字领 says nothing when every shirt has it.
 */
type Favourite = { label: string; times: number; picked: boolean }

function favouriteChoice(product: ProductRecord, preference: PreferenceCounts): Favourite | null {
  const counts = preference.options[product._id] ?? {}
  const better = (next: Favourite, best: Favourite | null) =>
    best === null ||
    (next.picked && !best.picked) ||
    (next.picked === best.picked && next.times > best.times)
  let best: Favourite | null = null
  for (const group of product.optionGroups)
    for (const [index, choice] of group.choices.entries()) {
      const next = {
        label: choice.label,
        times: counts[group.id]?.[choice.id] ?? 0,
        picked: index > 0,
      }
      if (next.times > 0 && better(next, best)) best = next
    }
  return best
}

function personalParts(product: ProductRecord, input: RecommendInput, together: Together): Part[] {
  const parts: Part[] = []
  const refill = input.refills.find((r) => r.productId === product._id)
  if (refill) {
    // A tracked consumable is worth showing only when it is running out: no nagging before.
    const days = daysUntil(input.now, refill.runOutAt)
    if (days <= RECOMMEND_CONFIG.refillSoonDays)
      parts.push({
        basis: 'refill',
        score: 100 + RECOMMEND_CONFIG.refillSoonDays - Math.max(days, 0),
        reason: days > 0 ? `${product.name}约 ${days} 天后用完` : `${product.name}该补货了`,
      })
    return parts
  }
  const preference = input.preference
  if (preference) {
    const favourite = favouriteChoice(product, preference)
    if (favourite)
      parts.push({
        basis: 'option',
        score: 30 + 10 * favourite.times,
        reason: favourite.times > 1 ? `你常选${favourite.label}` : `你选过${favourite.label}`,
      })
    const views = preference.views[product._id] ?? 0
    const ordered = preference.ordered[product._id] ?? 0
    if (views > 0 && ordered === 0)
      parts.push({
        basis: 'viewed',
        score: 10 + 4 * Math.min(views, 10),
        reason: views > 1 ? `你看过 ${views} 次` : '你看过这件',
      })
    if (views === 0 && ordered === 0) {
      const unmet = unmetPart(product, input, preference, together.get(product._id))
      if (unmet) parts.push(unmet)
    }
  }
  const kind = profileKindFor(product)
  if (kind && input.profileKinds.includes(kind))
    parts.push({ basis: 'profile', score: 15, reason: '你的量体档案可直接下单' })
  return parts
}

/**
 * What co-purchase and 新品 add. Inside the category part together under ½ (the gap to a view or
 * a profile of equal weight); outside it co-purchase alone at most 13, under one view (14).
 */
const BOOST = { together: 0.3, fresh: 0.15, outside: 13 } as const

/** A long product name is cut so the reason stays one short line (at most 23 characters). */
const shortName = (name: string) => {
  const chars = Array.from(name)
  return chars.length > 14 ? `${chars.slice(0, 13).join('')}…` : name
}

type Together = Map<string, { share: number; reason: string }>

/**
 * For each product paired with one the customer ordered: the share of that row's pairs that went
 * to it (its count over the row's total), the strongest row naming the reason. Once per call.
 */
function boughtTogether(input: RecommendInput): Together {
  const best = new Map<string, { share: number; name: string }>()
  for (const row of input.coPurchase ?? []) {
    const bought = input.products.find((p) => p._id === row._id)
    const total = Object.values(row.counts).reduce((sum, n) => sum + n, 0)
    if (!bought || total <= 0) continue
    for (const [productId, count] of Object.entries(row.counts)) {
      const share = count / total
      if (productId !== row._id && count > 0 && share > (best.get(productId)?.share ?? 0))
        best.set(productId, { share, name: bought.name })
    }
  }
  return new Map(
    [...best].map(([id, { share, name }]) => [
      id,
      { share, reason: `买过${shortName(name)}的顾客也买了它` },
    ]),
  )
}

/** Created within RECOMMEND_CONFIG.newForDays before `now`; no createdAt (older records): not new. */
export function isNewProduct(product: Pick<ProductRecord, 'createdAt'>, now: Date): boolean {
  if (!product.createdAt) return false
  const age = now.getTime() - new Date(product.createdAt).getTime()
  return age >= 0 && age <= RECOMMEND_CONFIG.newForDays * DAY_MS
}

/**
 * A product the customer has neither viewed nor ordered. In a category they follow: the category
 * part, which co-purchase and 新品 raise by less than the half point that keeps it below a view
 * or a profile of the same weight, so they only order the candidates of one level and never
 * pass a personal signal. Outside their categories: co-purchase alone, below every viewed product.
 */
function unmetPart(
  product: ProductRecord,
  input: RecommendInput,
  preference: PreferenceCounts,
  together: { share: number; reason: string } | undefined,
): Part | null {
  const category = product.category
  const followed = category ? (preference.categories[category.id] ?? 0) : 0
  if (category && followed > 0) {
    const fresh = isNewProduct(product, input.now)
    const boost = (together ? BOOST.together * together.share : 0) + (fresh ? BOOST.fresh : 0)
    return {
      basis: together ? 'bought_together' : 'category',
      score: 7.5 + 2 * Math.min(followed, 10) + boost,
      reason:
        together?.reason ??
        (fresh ? '新品' : followed > 1 ? `你常看${category.label}` : `你看过${category.label}`),
    }
  }
  if (!together) return null
  return {
    basis: 'bought_together',
    score: BOOST.outside * together.share,
    reason: together.reason,
  }
}

const toItem = (product: ProductRecord, basis: RecommendBasis, reason: string) => ({
  productId: product._id,
  name: product.name,
  priceFromFen: product.basePriceFen,
  basis,
  reason,
})

/** What may be recommended at all: active, not a refill the customer stopped; in shop order. */
export function recommendable(
  input: Pick<RecommendInput, 'products' | 'refills'>,
): ProductRecord[] {
  const stopped = new Set(
    input.refills.filter((r) => r.status === 'stopped').map((r) => r.productId),
  )
  return input.products
    .filter((p) => p.active && !stopped.has(p._id))
    .sort((a, b) => a.sort - b.sort || (a._id < b._id ? -1 : 1))
}

export function recommend(input: RecommendInput): Recommendation[] {
  const limit = input.limit ?? RECOMMEND_CONFIG.limit
  const available = recommendable(input)
  const picked: Recommendation[] = []
  if (input.personalised) {
    const together = boughtTogether(input)
    const scored = available
      .map((product) => {
        const parts = personalParts(product, input, together)
        const total = parts.reduce((sum, part) => sum + part.score, 0)
        const top = parts.reduce<Part | null>((a, b) => (a && a.score >= b.score ? a : b), null)
        return { product, total, top }
      })
      .filter((entry) => entry.top !== null)
      // Stable sort: equal totals keep the shop's order.
      .sort((a, b) => b.total - a.total)
    for (const { product, top } of scored.slice(0, limit))
      picked.push(toItem(product, top!.basis, top!.reason))
  }
  // The shop's picks: the featured products, or (none flagged) the catalog in shop order.
  const featured = available.filter((p) => p.featured)
  const curated = featured.length > 0 ? featured : available
  for (const product of curated) {
    if (picked.length >= limit) break
    if (!picked.some((item) => item.productId === product._id))
      picked.push(toItem(product, 'curated', '店铺精选'))
  }
  return picked
}
