// Submitting the confirm page's order. One requestId per visit of the page, made once and kept:
// a double tap, a retry after a network error or a second tap after an error all send the same
// id, and order.create answers every repeat with the first order. A ref guards against taps
// that land before the disabled state renders.
import { useCallback, useRef, useState } from 'react'
import type { Address } from '@/domain/address'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderSelection } from '@/domain/order-selection'
import type { OrderRecord } from '@/domain/order-types'
import type { Fail, Result } from '@/domain/result'
import { callCloud } from '@/services/cloud'

export function newRequestId(): string {
  const random = Math.random().toString(36).slice(2, 12).padEnd(10, '0')
  return `req_${Date.now().toString(36)}_${random}`
}

export function useSubmitOrder(productId: string, selection: OrderSelection) {
  const [requestId] = useState(newRequestId)
  const busy = useRef(false)
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<Fail>()

  const submit = useCallback(
    async (address: Address): Promise<Result<{ order: OrderRecord }> | null> => {
      if (busy.current) return null
      busy.current = true
      setSubmitting(true)
      setError(undefined)
      const result = await callCloud<{ order: OrderRecord }>(
        FUNCTIONS.order,
        ACTIONS.order.create,
        {
          requestId,
          productId,
          selection,
          address,
        },
      )
      busy.current = false
      setSubmitting(false)
      if (!result.ok) setError(result)
      return result
    },
    [requestId, productId, selection],
  )

  return { submit, submitting, error, requestId }
}
