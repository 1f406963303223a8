// 为你推荐 beside something the customer already has (issue 19): on a completed order's page
// (`order_done`) and on 我的补货 (`refill`). Pure and deterministic, like recommend.ts (the home
// slot's recommender, unchanged): the context products decide the tiers, the shop's order breaks
// ties, and each item keeps the reason it was picked for.
// order_done: the product's next batch (a batch product the order joined), care items (the
// consumables of its category), other items of its category, then the shop's picks. The product itself
// only as its next batch or as a consumable running out.
// refill: the customer's consumables running out (soonest first), then items of their
// categories (consumables first), then the shop's picks.
// Never: inactive products, stopped refills. Switch off: only the shop's picks (the context is
// the customer's own order, so using it would be personal).
import type { ProductRecord } from './product-schema'
import type { RecommendSlot, SlotBasis } from './rec-source'
import {
  daysUntil,
  recommend,
  recommendable,
  RECOMMEND_CONFIG,
  type RecommendInput,
} from './recommend'

export { RECOMMEND_SLOTS, SLOT_BASES, type RecommendSlot, type SlotBasis } from './rec-source'

export interface SlotRecommendation {
  productId: string
  name: string
  priceFromFen: number
  basis: SlotBasis
  reason: string
}

export interface SlotInput extends RecommendInput {
  slot: Exclude<RecommendSlot, 'home'>
  /** order_done: the completed order's product (refill: the refills are the context). */
  contextProductId?: string
}

/** Tiers within a context slot (a stable sort keeps the shop's order inside each). */
const TIERS: SlotBasis[] = ['refill', 'next_batch', 'care', 'matching']
const tierOf = (basis: SlotBasis) => TIERS.indexOf(basis)

type Pick_ = { product: ProductRecord; basis: SlotBasis; reason: string }

const item = ({ product, basis, reason }: Pick_): SlotRecommendation => ({
  productId: product._id,
  name: product.name,
  priceFromFen: product.basePriceFen,
  basis,
  reason,
})

function dueText(product: ProductRecord, runOutAt: Date, now: Date): string | null {
  const days = daysUntil(now, runOutAt)
  if (days > RECOMMEND_CONFIG.refillSoonDays) return null
  return days > 0 ? `${product.name}约 ${days} 天后用完` : `${product.name}该补货了`
}

/** The context's picks in tier order; recommendForSlot keeps each product's first. */
function contextPicks(input: SlotInput, available: ProductRecord[]): Pick_[] {
  const byId = new Map(available.map((p) => [p._id, p]))
  const due = input.refills
    .filter((r) => r.status !== 'stopped' && byId.has(r.productId))
    .map((r) => ({ product: byId.get(r.productId)!, runOutAt: r.runOutAt }))
    .map((r) => ({ ...r, reason: dueText(r.product, r.runOutAt, input.now) }))
    .filter((r): r is typeof r & { reason: string } => r.reason !== null)
    .sort((a, b) => a.runOutAt.getTime() - b.runOutAt.getTime())
  const dueItems = due.map((r) => ({
    product: r.product,
    basis: 'refill' as const,
    reason: r.reason,
  }))
  if (input.slot === 'refill') {
    const owned = new Set(input.refills.map((r) => r.productId))
    const categories = new Set(
      [...owned].map((id) => byId.get(id)?.category?.id).filter((c) => c !== undefined),
    )
    const related = available.filter(
      (p) => !owned.has(p._id) && p.category && categories.has(p.category.id),
    )
    return [
      ...dueItems,
      ...related.map((product) => ({
        product,
        basis: product.kind === 'consumable' ? ('care' as const) : ('matching' as const),
        reason:
          product.kind === 'consumable'
            ? '常备耗材，一起补齐'
            : `你常用的${product.category!.label}`,
      })),
    ].sort((a, b) => tierOf(a.basis) - tierOf(b.basis))
  }
  const context = available.find((p) => p._id === input.contextProductId)
  // An inactive (or deleted) product has no context: the shop's picks fill in.
  if (!context) return []
  const related = available.filter(
    (p) => p._id !== context._id && context.category && p.category?.id === context.category.id,
  )
  const own: Pick_[] =
    context.kind === 'batch'
      ? [{ product: context, basis: 'next_batch', reason: `${context.name}下一批拼单进行中` }]
      : dueItems.filter((p) => p.product._id === context._id)
  const label = context.category?.label ?? ''
  return [
    ...own,
    ...related.map((product) =>
      product.kind === 'consumable'
        ? { product, basis: 'care' as const, reason: `${context.name}的保养好物` }
        : { product, basis: 'matching' as const, reason: `与${context.name}同属${label}` },
    ),
  ].sort((a, b) => tierOf(a.basis) - tierOf(b.basis))
}

export function recommendForSlot(input: SlotInput): SlotRecommendation[] {
  const limit = input.limit ?? RECOMMEND_CONFIG.limit
  const available = recommendable(input)
  const picked: SlotRecommendation[] = []
  const add = (next: SlotRecommendation) => {
    if (picked.length < limit && !picked.some((p) => p.productId === next.productId))
      picked.push(next)
  }
  if (input.personalised) contextPicks(input, available).forEach((pick) => add(item(pick)))
  // The shop's picks fill the rest, never the completed order's own product.
  const exclude = input.slot === 'order_done' ? input.contextProductId : undefined
  const rest = recommend({
    ...input,
    personalised: false,
    products: available.filter((p) => p._id !== exclude),
    limit: limit + 1,
  })
  rest.forEach(add)
  return picked
}
