// Batch selection rules: one node at a time (a batch advance applies one event, which only one
// node allows), select all within that node, toggle off again.
import type { OrderNode } from '@/domain/order-types'

export interface SelectableOrder {
  id: string
  node: OrderNode
}

export interface Selection {
  node: OrderNode | null
  ids: string[]
}

export const EMPTY_SELECTION: Selection = { node: null, ids: [] }

/** Taps one order; an order of another node is refused (the selection comes back unchanged). */
export function toggleOrder(selection: Selection, order: SelectableOrder): Selection {
  if (selection.node !== null && selection.node !== order.node) return selection
  const ids = selection.ids.includes(order.id)
    ? selection.ids.filter((id) => id !== order.id)
    : [...selection.ids, order.id]
  return { node: ids.length > 0 ? order.node : null, ids }
}

/** Selects every order of the selected node (or the first order's); taps again to clear. */
export function toggleAll(selection: Selection, orders: readonly SelectableOrder[]): Selection {
  const node = selection.node ?? orders[0]?.node ?? null
  if (node === null) return EMPTY_SELECTION
  const ids = orders.filter((order) => order.node === node).map((order) => order.id)
  if (ids.every((id) => selection.ids.includes(id))) return EMPTY_SELECTION
  return { node, ids }
}
