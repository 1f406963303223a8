// Rules of the merchant's order board: what a search string means, and the order items take
// within a node (open exception first, then overdue, then by ETA).
import type { ChinaDate } from './china-date'
import { BOARD_COUNTED_NODES, type OrderNode, type OrderRecord } from './order-types'

/** The last 4 digits of a phone, stored on each order (`phoneTail`) for an indexed search. */
export function phoneTailOf(phone: string): string {
  return phone.replace(/\D/g, '').slice(-4)
}

export type BoardSearch = { by: 'phoneTail'; value: string } | { by: 'orderNo'; value: string }

const ORDER_NO = /^\d{8}-[0-9A-Z]{8}$/

/**
 * 4 digits = the customer's phone tail; a full order number (20261122-7K3F9XQ2) = that order.
 * Anything else is refused with a hint (null): both are exact, indexed lookups.
 */
export function parseBoardSearch(text: string): BoardSearch | null {
  const value = text.trim().toUpperCase()
  if (/^\d{4}$/.test(value)) return { by: 'phoneTail', value }
  if (ORDER_NO.test(value)) return { by: 'orderNo', value }
  return null
}

/** 0 = open exception, 1 = overdue, 2 = the rest; the board lists lower ranks first. */
export function boardRank(order: Pick<OrderRecord, 'exception' | 'eta'>, today: ChinaDate): number {
  if (order.exception) return 0
  return order.eta < today ? 1 : 2
}

/** Exceptions first, then overdue, then by ETA and id (stable). */
export function sortForBoard<T extends Pick<OrderRecord, '_id' | 'exception' | 'eta'>>(
  items: T[],
  today: ChinaDate,
): T[] {
  return [...items].sort(
    (a, b) =>
      boardRank(a, today) - boardRank(b, today) ||
      a.eta.localeCompare(b.eta) ||
      a._id.localeCompare(b._id),
  )
}

/** The board's summary cards, each a list of its own: 逾期 and 异常 across the workshop's nodes. */
export const BOARD_FOCUSES = ['overdue', 'exceptions'] as const
export type BoardFocus = (typeof BOARD_FOCUSES)[number]

/** The column the board opens on: the first one with orders waiting, else 已提交. */
export function firstNodeWithWork(counts: Partial<Record<OrderNode, number>>): OrderNode {
  return BOARD_COUNTED_NODES.find((node) => (counts[node] ?? 0) > 0) ?? 'submitted'
}
