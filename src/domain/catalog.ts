import { progressOf, type BatchProgress } from './batch'
import type { ProductKind, ProductRecord } from './product-schema'

export { PRODUCT_KINDS, type ProductKind, type ProductRecord } from './product-schema'

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
  /** Batch products: how far the collecting batch is towards its minimum. */
  batch?: BatchProgress
}

/** `collected`: units in the batch collecting now (batch products only; none yet = 0). */
export function toProductSummary(product: ProductRecord, collected = 0): ProductSummary {
  const summary: ProductSummary = {
    id: product._id,
    name: product.name,
    kind: product.kind,
    priceFromFen: product.basePriceFen,
    leadDays: product.baseLeadDays,
    image: product.image,
  }
  if (product.batch)
    summary.batch = progressOf({ quantity: collected, minQuantity: product.batch.minQuantity })
  return summary
}

/** What catalog.get answers: the record without the shop's own fields (createdAt). */
export type ProductDetail = Omit<ProductRecord, 'createdAt'>

/**
 * A product as the customise page needs it: the record's known fields only, so whatever else a
 * stored document carries (notes, audit fields) never reaches a client.
 */
export function toProductDetail(product: ProductRecord): ProductDetail {
  const detail: ProductDetail = {
    _id: product._id,
    name: product.name,
    kind: product.kind,
    image: product.image,
    sort: product.sort,
    active: product.active,
    basePriceFen: product.basePriceFen,
    baseLeadDays: product.baseLeadDays,
    optionGroups: product.optionGroups,
    measurements: product.measurements,
    textFields: product.textFields,
    urgent: product.urgent,
  }
  if (product.consumable) detail.consumable = product.consumable
  if (product.batch) detail.batch = product.batch
  if (product.queueOrdersPerDay !== undefined) detail.queueOrdersPerDay = product.queueOrdersPerDay
  if (product.category) detail.category = product.category
  if (product.featured !== undefined) detail.featured = product.featured
  if (product.carePlan) detail.carePlan = product.carePlan
  return detail
}

/** The home page shows at most this many products; the catalog is curated, not browsed. */
export const CATALOG_PAGE_SIZE = 50
