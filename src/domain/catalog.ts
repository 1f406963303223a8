import type { ProductSchema } from './product-schema'

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

/** A product as stored: identity and display, plus what a customer chooses (product-schema.ts). */
export interface ProductRecord extends ProductSchema {
  _id: string
  name: string
  kind: ProductKind
  image: string
  /** Position on the home page, ascending. */
  sort: number
  active: boolean
}

export function toProductSummary(product: ProductRecord): ProductSummary {
  return {
    id: product._id,
    name: product.name,
    kind: product.kind,
    priceFromFen: product.basePriceFen,
    leadDays: product.baseLeadDays,
    image: product.image,
  }
}

/** The home page shows at most this many products; the catalog is curated, not browsed. */
export const CATALOG_PAGE_SIZE = 50
