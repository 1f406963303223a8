// The order being put together, handed from the customise page to the confirm page in memory,
// not through the URL (measurements are personal and the selection can be long). A reload of the
// confirm page finds no draft and sends the customer back to choose again.
//
// One requestId per draft, not per visit of the confirm page: leaving the page while WeChat's
// sheet is open, or after an interruption, and submitting the same draft again sends the same id,
// so order.create answers with the order already made instead of a second one. The order made
// from a draft is remembered, so the customise page can say it was placed.
import type { ProductRecord } from '@/domain/catalog'
import type { OrderSelection } from '@/domain/order-selection'
import type { Quote } from '@/domain/pricing'
import { newRequestId } from './request-id'

export interface DraftOrder {
  product: ProductRecord
  selection: OrderSelection
  /** The quote the customer saw; the confirm page asks again and the server prices anew. */
  quote: Quote
  /** order.create's idempotency key: the same for the same product and selection. */
  requestId: string
}

export interface PlacedOrder {
  orderId: string
  orderNo: string
}

let draft: DraftOrder | undefined
let lastRequest: { key: string; requestId: string } | undefined
let placed: (PlacedOrder & { key: string }) | undefined

const draftKey = (productId: string, selection: OrderSelection) =>
  JSON.stringify([productId, selection])

export function setDraftOrder(next: Omit<DraftOrder, 'requestId'>): DraftOrder {
  const key = draftKey(next.product._id, next.selection)
  if (lastRequest?.key !== key) lastRequest = { key, requestId: newRequestId() }
  draft = { ...next, requestId: lastRequest.requestId }
  return draft
}

export function getDraftOrder(): DraftOrder | undefined {
  return draft
}

export function clearDraftOrder(): void {
  draft = undefined
}

/** The order a draft became (whether or not the customer reached its page). */
export function rememberPlacedOrder(from: DraftOrder, order: PlacedOrder): void {
  placed = { key: draftKey(from.product._id, from.selection), ...order }
}

/** The order already placed for exactly this product and selection, if any. */
export function placedOrderFor(
  productId: string,
  selection: OrderSelection | null,
): PlacedOrder | undefined {
  if (!selection || placed?.key !== draftKey(productId, selection)) return undefined
  return { orderId: placed.orderId, orderNo: placed.orderNo }
}

/** 再下一单, or the order page was reached: the same choices may become a second order. */
export function forgetPlacedOrder(): void {
  placed = undefined
  lastRequest = undefined
}
