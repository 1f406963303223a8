// My orders, one tab at a time, paged through order.mine's `nextCursor` (useCursorList). The first
// page also says how many orders have an open exception, for the 异常 tab's badge.
import { useEffect, useState } from 'react'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderTab } from '@/domain/order-labels'
import type { OrderView } from './order-view'
import { useCursorList, type CursorPage } from './useCursorList'

const PAGE_SIZE = 10

type MinePage = CursorPage<OrderView> & { exceptions?: number }

export function useOrderList(tab: OrderTab) {
  const list = useCursorList<OrderView, MinePage>(FUNCTIONS.order, ACTIONS.order.mine, {
    tab,
    limit: PAGE_SIZE,
    countExceptions: true,
  })
  // Kept while another tab's first page loads, so the badge does not blink on every switch.
  const [exceptions, setExceptions] = useState(0)
  const counted = list.first?.exceptions
  useEffect(() => {
    if (counted !== undefined) setExceptions(counted)
  }, [counted])
  return { ...list, exceptions }
}
