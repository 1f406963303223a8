// While the order page shows 退款中, re-read the order every few seconds so 已退款 appears without
// a pull-down (refundPollDue: only then, for about a minute). The wait stops when nothing is
// pending any more, when the page hides (a later show starts it again) and when it unloads.
import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { REFUND_POLL, refundPollDue, type PaymentView } from '@/domain/payment-view'

export function useRefundProgress(
  payment: PaymentView | null | undefined,
  reload: () => Promise<void>,
): void {
  const [shown, setShown] = useState(true)
  useDidHide(() => setShown(false))
  useDidShow(() => setShown(true))
  const latest = useRef({ payment, reload })
  latest.current = { payment, reload }
  const waiting = shown && refundPollDue(payment, 0)

  useEffect(() => {
    if (!waiting) return undefined
    const startedAt = Date.now()
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const next = () => {
      if (stopped || !refundPollDue(latest.current.payment, Date.now() - startedAt)) return
      timer = setTimeout(() => void latest.current.reload().then(next), REFUND_POLL.intervalMs)
    }
    next()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [waiting])
}
