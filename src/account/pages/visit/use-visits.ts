// 上门服务's data: an order's visits with what the order includes (visit.mine), and the customer's
// changes to them. A change answers its result and reloads on success; the forms keep what was
// chosen or typed when it fails.
import { useCallback, useRef, useState } from 'react'
import type { ResultOf } from '@/domain/api/contract'
import { visitApi } from '@/domain/api/visit'
import type { Result } from '@/domain/result'
import { useCloud } from '@/hooks/useCloud'

export type VisitRow = ResultOf<typeof visitApi.mine>['visits'][number]
export type VisitOrder = NonNullable<ResultOf<typeof visitApi.mine>['order']>
/** Runs one change of a visit: null when another change is still running. */
export type RunChange = <T>(send: () => Promise<Result<T>>) => Promise<Result<T> | null>

export function useVisits(orderId: string) {
  const state = useCloud(visitApi.mine, { orderId })
  const { reload } = state
  const [busy, setBusy] = useState(false)
  // A ref as well as the state: two taps in one frame both see busy false.
  const running = useRef(false)

  const change: RunChange = useCallback(
    async (send) => {
      if (running.current) return null
      running.current = true
      setBusy(true)
      try {
        const result = await send()
        if (result.ok) await reload()
        return result
      } finally {
        running.current = false
        setBusy(false)
      }
    },
    [reload],
  )

  return { ...state, busy, change }
}
