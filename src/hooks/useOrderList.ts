// My orders, one tab at a time, paged through order.mine's `nextCursor` (useCursorList). The first
// page also says how many orders have an open exception, for the 异常 tab's badge.
import { useEffect, useState } from 'react'
import { orderApi } from '@/domain/api/order'
import type { OrderTab } from '@/domain/order-labels'
import { useCursorList } from './useCursorList'

const PAGE_SIZE = 10

export function useOrderList(tab: OrderTab) {
  const list = useCursorList(orderApi.mine, {
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
