// One order for its owner: order.detail, the consumer's events through order.act (always with
// the version on screen as expectedVersion, so a stale screen never acts), and reorder.
import type { InputOf } from '@/domain/api/contract'
import { orderApi } from '@/domain/api/order'
import { useCallback, useRef, useState } from 'react'
import type { EventPayloads } from '@/domain/order-input'
import type { OrderEvent } from '@/domain/order-types'
import { fail, type Result } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { newRequestId } from '@/services/request-id'
import { useCloud } from './useCloud'
import type { OrderView } from './order-view'

/** What a stale screen reads when someone else moved the order first. */
export const CONFLICT_TEXT = '订单刚刚有了新进展，已为你刷新'

export function useOrderDetail(orderId: string) {
  const detail = useCloud(orderApi.detail, { orderId })
  const [busy, setBusy] = useState(false)
  // One idempotency key per tap sequence: a retry after a failure reuses it, so a reorder whose
  // answer was lost never creates a second order; a success starts a new sequence.
  const reorderKey = useRef<string | null>(null)
  const { data, reload } = detail

  const act = useCallback(
    async <E extends OrderEvent>(event: E, input?: EventPayloads[E]): Promise<Result<unknown>> => {
      if (!data || busy) return fail('INVALID_TRANSITION', '请稍候，上一个操作还在进行')
      setBusy(true)
      // One event with its own input (TypeScript cannot narrow a generic E to the union member).
      const payload = {
        orderId,
        event,
        ...(input ? { input } : {}),
        expectedVersion: data.order.version,
      } as InputOf<typeof orderApi.act>
      const result = await callCloud(orderApi.act, payload)
      // Success shows the new state; a conflict shows what changed.
      if (result.ok || result.code === 'CONFLICT') await reload()
      setBusy(false)
      return result.ok || result.code !== 'CONFLICT' ? result : fail('CONFLICT', CONFLICT_TEXT)
    },
    [data, busy, orderId, reload],
  )

  const reorder = useCallback(async (): Promise<Result<{ order: OrderView }>> => {
    if (busy) return fail('INVALID_TRANSITION', '请稍候，上一个操作还在进行')
    setBusy(true)
    reorderKey.current ??= newRequestId()
    const result = await callCloud(orderApi.reorder, {
      orderId,
      requestId: reorderKey.current,
    })
    if (result.ok) reorderKey.current = null
    setBusy(false)
    return result
  }, [busy, orderId])

  return { ...detail, busy, act, reorder }
}
