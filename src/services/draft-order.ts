// The order being put together, handed from the customise page to the confirm page in memory,
// not through the URL (measurements are personal and the selection can be long). A reload of the
// confirm page finds no draft and sends the customer back to choose again.
import type { ProductRecord } from '@/domain/catalog'
import type { OrderSelection } from '@/domain/order-selection'
import type { Quote } from '@/domain/pricing'

export interface DraftOrder {
  product: ProductRecord
  selection: OrderSelection
  /** The quote the customer saw; the confirm page asks again and the server prices anew. */
  quote: Quote
}

let draft: DraftOrder | undefined

export function setDraftOrder(next: DraftOrder): void {
  draft = next
}

export function getDraftOrder(): DraftOrder | undefined {
  return draft
}

export function clearDraftOrder(): void {
  draft = undefined
}
