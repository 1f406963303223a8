// My orders, one tab at a time, paged through order.mine's `nextCursor` (useCursorList).
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderTab } from '@/domain/order-labels'
import type { OrderView } from './order-view'
import { useCursorList } from './useCursorList'

const PAGE_SIZE = 10

export function useOrderList(tab: OrderTab) {
  return useCursorList<OrderView>(FUNCTIONS.order, ACTIONS.order.mine, { tab, limit: PAGE_SIZE })
}
