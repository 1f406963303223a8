// Submitting the confirm page's order with the draft's requestId (services/draft-order): a double
// tap, a retry after a network error, a second tap after an error, or the same draft submitted
// again after leaving the page all send the same id, and order.create answers every repeat with
// the first order. A ref guards against taps that land before the disabled state renders. The
// chosen coupon (if any) goes with it; the server re-checks it and answers COUPON_UNUSABLE.
import type { ResultOf } from '@/domain/api/contract'
import { orderApi } from '@/domain/api/order'
import { useCallback, useRef, useState } from 'react'
import type { Address } from '@/domain/address'
import type { OrderSelection } from '@/domain/order-selection'
import type { Fail, Result } from '@/domain/result'
import { callCloud } from '@/services/cloud'

export function useSubmitOrder(
  productId: string,
  selection: OrderSelection,
  requestId: string,
  couponId: string | null = null,
) {
  const busy = useRef(false)
  const [submitting, setSubmitting] = useState(false)
  const [error, setError] = useState<Fail>()

  const submit = useCallback(
    async (address: Address): Promise<Result<ResultOf<typeof orderApi.create>> | null> => {
      if (busy.current) return null
      busy.current = true
      setSubmitting(true)
      setError(undefined)
      const result = await callCloud(orderApi.create, {
        requestId,
        productId,
        selection,
        address,
        ...(couponId ? { couponId } : {}),
      })
      busy.current = false
      setSubmitting(false)
      if (!result.ok) setError(result)
      return result
    },
    [requestId, productId, selection, couponId],
  )

  return { submit, submitting, error, requestId }
}
