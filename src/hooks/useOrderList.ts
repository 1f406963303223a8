// My orders, one tab at a time: first page, pull-to-refresh, and the next page on reach-bottom
// through order.mine's `nextCursor`. Only the latest request may set state, so switching tabs
// quickly never shows another tab's orders.
import { useCallback, useEffect, useRef, useState } from 'react'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderTab } from '@/domain/order-labels'
import type { Fail } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { onLocalIdentityChange } from '@/services/local-identity'
import type { OrderView } from './order-view'

const PAGE_SIZE = 10

interface Page {
  items: OrderView[]
  nextCursor: unknown
}

export interface OrderListState {
  items: OrderView[]
  /** The first page is loading (nothing to show yet, or a refresh). */
  loading: boolean
  loadingMore: boolean
  hasMore: boolean
  error: Fail | undefined
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

export function useOrderList(tab: OrderTab): OrderListState {
  const [items, setItems] = useState<OrderView[]>([])
  const [cursor, setCursor] = useState<unknown>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<Fail>()
  const latest = useRef(0)

  const reload = useCallback(async () => {
    const id = ++latest.current
    setLoading(true)
    setError(undefined)
    const result = await callCloud<Page>(FUNCTIONS.order, ACTIONS.order.mine, {
      tab,
      limit: PAGE_SIZE,
    })
    if (id !== latest.current) return
    setLoading(false)
    setLoadingMore(false)
    if (!result.ok) return setError(result)
    setItems(result.data.items)
    setCursor(result.data.nextCursor)
  }, [tab])

  const loadMore = useCallback(async () => {
    if (!cursor || loading || loadingMore) return
    const id = ++latest.current
    setLoadingMore(true)
    const result = await callCloud<Page>(FUNCTIONS.order, ACTIONS.order.mine, {
      tab,
      limit: PAGE_SIZE,
      cursor,
    })
    if (id !== latest.current) return
    setLoadingMore(false)
    if (!result.ok) return setError(result)
    setItems((prev) => [...prev, ...result.data.items])
    setCursor(result.data.nextCursor)
  }, [tab, cursor, loading, loadingMore])

  useEffect(() => {
    setItems([])
    setCursor(null)
    void reload()
  }, [reload])

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    return onLocalIdentityChange(() => void reload())
  }, [reload])

  return { items, loading, loadingMore, hasMore: Boolean(cursor), error, reload, loadMore }
}
