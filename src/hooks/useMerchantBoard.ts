// The order board: one node's orders (or, while searching, matches from every node), the
// counts per node and the overdue / exception totals, paged by order.board's nextCursor. Only
// the latest request may set state, so a quick change of tab or filter never shows stale orders.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { BoardInput, BoardView } from '@/domain/merchant-views'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderNode } from '@/domain/order-types'
import type { Fail } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { onLocalIdentityChange } from '@/services/local-identity'
import type { OrderView } from './order-view'

const PAGE_SIZE = 20

export interface BoardFilters {
  node: OrderNode
  search: string
  productId: string | null
  urgent: boolean
}

export type BoardSummary = Pick<BoardView, 'counts' | 'overdue' | 'exceptions'>

export function boardPayload(filters: BoardFilters): BoardInput {
  const search = filters.search.trim()
  return {
    // A search looks through every node: the merchant types a number, not where it is.
    ...(search ? { search } : { node: filters.node }),
    ...(filters.productId ? { productId: filters.productId } : {}),
    ...(filters.urgent ? { urgent: true } : {}),
    limit: PAGE_SIZE,
  }
}

export function useMerchantBoard(filters: BoardFilters) {
  const [items, setItems] = useState<OrderView[]>([])
  const [summary, setSummary] = useState<BoardSummary>()
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<Fail>()
  const latest = useRef(0)
  const key = JSON.stringify(boardPayload(filters))

  const reload = useCallback(async () => {
    const id = ++latest.current
    setLoading(true)
    setError(undefined)
    const result = await callCloud<BoardView>(FUNCTIONS.order, ACTIONS.order.board, JSON.parse(key))
    if (id !== latest.current) return
    setLoading(false)
    setLoadingMore(false)
    if (!result.ok) return setError(result)
    const { counts, overdue, exceptions, nextCursor } = result.data
    setItems(result.data.items as unknown as OrderView[])
    setSummary({ counts, overdue, exceptions })
    setCursor(nextCursor)
  }, [key])

  const loadMore = useCallback(async () => {
    if (!cursor || loading || loadingMore) return
    const id = ++latest.current
    setLoadingMore(true)
    const result = await callCloud<BoardView>(FUNCTIONS.order, ACTIONS.order.board, {
      ...JSON.parse(key),
      cursor,
    })
    if (id !== latest.current) return
    setLoadingMore(false)
    if (!result.ok) return setError(result)
    setItems((prev) => [...prev, ...(result.data.items as unknown as OrderView[])])
    setCursor(result.data.nextCursor)
  }, [cursor, key, loading, loadingMore])

  useEffect(() => {
    void reload()
  }, [reload])

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    return onLocalIdentityChange(() => void reload())
  }, [reload])

  return { items, summary, loading, loadingMore, hasMore: cursor !== null, error, reload, loadMore }
}
