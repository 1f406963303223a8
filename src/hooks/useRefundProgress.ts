// While the order page shows 退款中, re-read the order every few seconds so 已退款 appears without
// a pull-down (refundPollDue: only then, for about a minute). The wait stops when nothing is
// pending any more, when the page hides (a later show starts it again) and when it unloads.
import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { REFUND_POLL, refundPollDue, type PaymentView } from '@/domain/payment-view'

export function useRefundProgress(payments: PaymentView[], reload: () => Promise<void>): void {
  const [shown, setShown] = useState(true)
  useDidHide(() => setShown(false))
  useDidShow(() => setShown(true))
  const latest = useRef({ payments, reload })
  latest.current = { payments, reload }
  const due = (elapsedMs: number) =>
    latest.current.payments.some((payment) => refundPollDue(payment, elapsedMs))
  const waiting = shown && due(0)

  useEffect(() => {
    if (!waiting) return undefined
    const startedAt = Date.now()
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const next = () => {
      if (stopped || !due(Date.now() - startedAt)) return
      timer = setTimeout(() => void latest.current.reload().then(next), REFUND_POLL.intervalMs)
    }
    next()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [waiting])
}
