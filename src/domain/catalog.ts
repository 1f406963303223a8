export const PRODUCT_KINDS = ['made_to_order', 'consumable', 'batch'] as const
export type ProductKind = (typeof PRODUCT_KINDS)[number]

export const PRODUCT_KIND_LABELS: Record<ProductKind, string> = {
  made_to_order: '定制',
  consumable: '消耗品',
  batch: '预售拼单',
}

/** A catalog entry as the home page lists it. Money is integer fen. */
export interface ProductSummary {
  id: string
  name: string
  kind: ProductKind
  priceFromFen: number
  leadDays: number
  image: string
}
