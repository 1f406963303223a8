// The time left until `dueBy`, ticking each second in the component that shows it (so only that
// component re-renders), and `onTimeUp` once when it reaches 0 while on screen.
import { useEffect, useRef, useState } from 'react'
import { formatCountdown, msUntil } from '@/domain/payment-view'

export function useCountdown(dueBy: string | undefined, onTimeUp?: () => void) {
  const [now, setNow] = useState(() => Date.now())
  const timeUp = useRef(onTimeUp)
  timeUp.current = onTimeUp

  useEffect(() => {
    if (!dueBy) return undefined
    setNow(Date.now())
    if (msUntil(dueBy, Date.now()) === 0) return undefined
    const timer = setInterval(() => {
      const at = Date.now()
      setNow(at)
      if (msUntil(dueBy, at) > 0) return
      clearInterval(timer)
      timeUp.current?.()
    }, 1000)
    return () => clearInterval(timer)
  }, [dueBy])

  if (!dueBy) return null
  const left = msUntil(dueBy, now)
  return { text: formatCountdown(left), expired: left === 0 }
}
