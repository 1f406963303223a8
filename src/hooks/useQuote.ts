// Live price and completion date from order.quote for a selection that already passed
// validateOrderSelection (null: nothing to ask yet), with what a chosen coupon takes off (the
// confirm page). Debounced, and only the latest answer counts.
import { orderApi, type QuotedCoupon } from '@/domain/api/order'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { OrderSelection } from '@/domain/order-selection'
import type { Quote } from '@/domain/pricing'
import type { Fail } from '@/domain/result'
import { callCloud } from '@/services/cloud'

export const QUOTE_DEBOUNCE_MS = 350

export interface QuoteState {
  quote: Quote | undefined
  /** The coupon asked about, priced on this quote. */
  coupon: QuotedCoupon | undefined
  loading: boolean
  error: Fail | undefined
  retry: () => void
}

export function useQuote(
  productId: string,
  selection: OrderSelection | null,
  delayMs = QUOTE_DEBOUNCE_MS,
  couponId: string | null = null,
): QuoteState {
  const [state, setState] = useState<Omit<QuoteState, 'retry'>>({
    quote: undefined,
    coupon: undefined,
    loading: false,
    error: undefined,
  })
  const [attempt, setAttempt] = useState(0)
  const latest = useRef(0)
  const key = selection === null ? null : JSON.stringify(selection)

  useEffect(() => {
    const id = ++latest.current
    if (key === null) {
      setState({ quote: undefined, coupon: undefined, loading: false, error: undefined })
      return undefined
    }
    setState((prev) => ({ ...prev, loading: true, error: undefined }))
    const timer = setTimeout(() => {
      void callCloud(orderApi.quote, {
        productId,
        selection: JSON.parse(key) as OrderSelection,
        ...(couponId ? { couponId } : {}),
      }).then((result) => {
        if (id !== latest.current) return
        setState(
          result.ok
            ? {
                quote: result.data.quote,
                coupon: result.data.coupon,
                loading: false,
                error: undefined,
              }
            : { quote: undefined, coupon: undefined, loading: false, error: result },
        )
      })
    }, delayMs)
    return () => clearTimeout(timer)
  }, [productId, key, delayMs, attempt, couponId])

  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { ...state, retry }
}
