// The order being put together, handed from the customise page to the confirm page in memory,
// not through the URL (measurements are personal and the selection can be long), and kept in this
// person's device storage (services/personal-storage) so a reload of either page keeps it.
//
// One requestId per draft, not per visit of the confirm page: leaving the page while WeChat's
// sheet is open, or after an interruption, and submitting the same draft again sends the same id,
// so order.create answers with the order already made instead of a second one. The order made
// from a draft is remembered, so the customise page can say it was placed.
import type { ProductRecord } from '@/domain/catalog'
import type { OrderSelection } from '@/domain/order-selection'
import type { Quote } from '@/domain/pricing'
import { readPersonal, removePersonal, writePersonal } from './personal-storage'
import { newRequestId } from './request-id'

export const DRAFT_ORDER_KEY = 'order.draft'

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
  keep(draft)
  return draft
}

function keep(value: DraftOrder | undefined): void {
  const saved = value ? writePersonal(DRAFT_ORDER_KEY, value) : removePersonal(DRAFT_ORDER_KEY)
  saved.catch((error: unknown) => console.warn('[draft] 保存待提交订单失败', error))
}

function isDraftOrder(value: unknown): value is DraftOrder {
  const d = value as Partial<DraftOrder> | null
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.product?._id === 'string' &&
    typeof d.selection === 'object' &&
    d.selection !== null &&
    typeof d.quote === 'object' &&
    typeof d.requestId === 'string'
  )
}

/** The draft in memory, or the one this person's storage kept (after a reload). */
export async function loadDraftOrder(): Promise<DraftOrder | undefined> {
  if (draft) return draft
  try {
    const stored: unknown = await readPersonal(DRAFT_ORDER_KEY)
    if (!draft && isDraftOrder(stored)) {
      draft = stored
      // The same draft submitted after the reload must still be the same order.
      lastRequest = {
        key: draftKey(stored.product._id, stored.selection),
        requestId: stored.requestId,
      }
    }
  } catch (error) {
    console.warn('[draft] 读取待提交订单失败', error)
  }
  return draft
}

export function getDraftOrder(): DraftOrder | undefined {
  return draft
}

export function clearDraftOrder(): void {
  draft = undefined
  keep(undefined)
}

const placedListeners = new Set<() => void>()

/** Called when the remembered order changes; returns the unsubscribe. */
export function onPlacedOrderChange(listener: () => void): () => void {
  placedListeners.add(listener)
  return () => placedListeners.delete(listener)
}

/**
 * The order a draft became (whether or not the customer reached its page). Its answer may land
 * after the customer went back to the product page, so that page is told.
 */
export function rememberPlacedOrder(from: DraftOrder, order: PlacedOrder): void {
  placed = { key: draftKey(from.product._id, from.selection), ...order }
  placedListeners.forEach((listener) => listener())
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
