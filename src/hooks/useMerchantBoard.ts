// The order board: one node's orders (or, while searching, matches from every node), paged by
// order.board's nextCursor (useCursorList), and the first page's counts per node and overdue /
// exception totals.
import type { BoardFocus } from '@/domain/board'
import { orderApi } from '@/domain/api/order'
import type { InputOf } from '@/domain/api/contract'
import type { BoardView } from '@/domain/merchant-views'
import type { OrderNode } from '@/domain/order-types'
import { useCursorList } from './useCursorList'

const PAGE_SIZE = 20

export interface BoardFilters {
  node: OrderNode
  search: string
  productId: string | null
  urgent: boolean
  /** A summary card's list (逾期 / 异常) instead of one node. */
  only: BoardFocus | null
}

export type BoardSummary = Pick<BoardView, 'counts' | 'overdue' | 'exceptions'>

export function boardPayload(filters: BoardFilters): InputOf<typeof orderApi.board> {
  const search = filters.search.trim()
  return {
    // A search looks through every node: the merchant types a number, not where it is.
    ...(search ? { search } : filters.only ? { only: filters.only } : { node: filters.node }),
    ...(filters.productId ? { productId: filters.productId } : {}),
    ...(filters.urgent ? { urgent: true } : {}),
    limit: PAGE_SIZE,
  }
}

export function useMerchantBoard(filters: BoardFilters) {
  const list = useCursorList(orderApi.board, boardPayload(filters))
  const summary: BoardSummary | undefined = list.first
  return { ...list, summary }
}
