// Where a product page was opened from (issue 19): the 为你推荐 slot and the basis of the item
// tapped, carried by the link as `from` and `basis` and checked by catalog.get's contract. Kept
// apart from the recommenders so the main package's pages and contracts carry only these names.
import type { RecommendBasis } from './recommend'
import { oneOf, optional } from './validate'

export const RECOMMEND_SLOTS = ['home', 'order_done', 'refill'] as const
export type RecommendSlot = (typeof RECOMMEND_SLOTS)[number]

/** Every basis a slot's item can rest on: the home recommender's and the context ones. */
export const SLOT_BASES = [
  ...([
    'refill',
    'option',
    'viewed',
    'bought_together',
    'category',
    'profile',
    'curated',
  ] as const satisfies readonly RecommendBasis[]),
  'next_batch',
  'care',
  'matching',
] as const
export type SlotBasis = (typeof SLOT_BASES)[number]

/** catalog.get's optional `from` / `basis`. */
export const recSourceFields = {
  from: optional(oneOf('推荐位置', RECOMMEND_SLOTS)),
  basis: optional(oneOf('推荐依据', SLOT_BASES)),
}

/** The product page's address for an item tapped in a slot. */
export function recLink(
  productPage: string,
  slot: RecommendSlot,
  item: { productId: string; basis: string },
): string {
  return `${productPage}?id=${item.productId}&from=${slot}&basis=${item.basis}`
}

/** The page's `from` / `basis` when both name a slot and a basis; otherwise nothing (a plain view). */
export function recSourceOf(params: { from?: string; basis?: string }): {
  from?: RecommendSlot
  basis?: SlotBasis
} {
  const { from, basis } = params
  return (RECOMMEND_SLOTS as readonly string[]).includes(from ?? '') &&
    (SLOT_BASES as readonly string[]).includes(basis ?? '')
    ? { from: from as RecommendSlot, basis: basis as SlotBasis }
    : {}
}
