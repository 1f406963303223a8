// A list read page by page through an action's `nextCursor`: the first page on mount and when the
// payload changes (the old items are cleared), `reload` for pull-to-refresh (items kept until the
// answer), `loadMore` on reach-bottom. Only the latest request may set state, so a quick change of
// tab or filter never shows another list's items. `first` is the first page's whole reply, for
// figures that come with it (the board's counts).
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Contract, PayloadArgs, ResultOf } from '@/domain/api/contract'
import type { Fail, Result } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { onLocalIdentityChange } from '@/services/local-identity'

export interface CursorPage<T> {
  items: T[]
  nextCursor: unknown
}

export interface CursorListState<T, P extends CursorPage<T>> {
  items: T[]
  first: P | undefined
  /** The first page is loading (nothing to show yet, or a refresh). */
  loading: boolean
  loadingMore: boolean
  hasMore: boolean
  error: Fail | undefined
  reload: () => Promise<void>
  loadMore: () => Promise<void>
}

/** An action whose answer is a page of items with the cursor of the next one. */
type PagedContract = Contract<unknown, unknown, { items: unknown[]; nextCursor: string | null }>
type ItemOf<C> = ResultOf<C> extends CursorPage<infer T> ? T : never

export function useCursorList<C extends PagedContract>(
  contract: C,
  ...[payload]: PayloadArgs<C>
): CursorListState<ItemOf<C>, ResultOf<C> & CursorPage<ItemOf<C>>> {
  type T = ItemOf<C>
  type P = ResultOf<C> & CursorPage<T>
  const [items, setItems] = useState<T[]>([])
  const [first, setFirst] = useState<P>()
  const [cursor, setCursor] = useState<unknown>(null)
  const [loading, setLoading] = useState(true)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<Fail>()
  const latest = useRef(0)
  const key = JSON.stringify(payload ?? {})
  const call = useCallback(
    (body: object) => callCloud(contract as Contract, body) as Promise<Result<P>>,
    [contract],
  )

  const reload = useCallback(async () => {
    const id = ++latest.current
    setLoading(true)
    setError(undefined)
    const result = await call(JSON.parse(key) as object)
    if (id !== latest.current) return
    setLoading(false)
    setLoadingMore(false)
    if (!result.ok) return setError(result)
    setItems(result.data.items)
    setFirst(result.data)
    setCursor(result.data.nextCursor)
  }, [call, key])

  const loadMore = useCallback(async () => {
    if (!cursor || loading || loadingMore) return
    const id = ++latest.current
    setLoadingMore(true)
    const result = await call({ ...(JSON.parse(key) as object), cursor })
    if (id !== latest.current) return
    setLoadingMore(false)
    if (!result.ok) return setError(result)
    setItems((prev) => [...prev, ...result.data.items])
    setCursor(result.data.nextCursor)
  }, [call, key, cursor, loading, loadingMore])

  useEffect(() => {
    setItems([])
    setCursor(null)
    void reload()
  }, [reload])

  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined
    return onLocalIdentityChange(() => void reload())
  }, [reload])

  return { items, first, loading, loadingMore, hasMore: Boolean(cursor), error, reload, loadMore }
}
