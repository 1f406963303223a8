// Paying for one order: order.pay starts an attempt (the amount is the stored order's), then the
// payment sheet (services/payment). A ref guards against taps that land before `paying` renders.
// Whether the order is paid is never decided here: WeChat's callback tells the server.
import { useCallback, useRef, useState } from 'react'
import { orderApi } from '@/domain/api/order'
import { duePayment } from '@/domain/order-payments'
import { ok, type Result } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { requestPayment, type PaymentOutcome } from '@/services/payment'

export function usePayOrder() {
  const busy = useRef(false)
  const [paying, setPaying] = useState(false)

  /** null: a payment is already under way. */
  const pay = useCallback(async (orderId: string): Promise<Result<PaymentOutcome> | null> => {
    if (busy.current) return null
    busy.current = true
    setPaying(true)
    try {
      const started = await callCloud(orderApi.pay, { orderId })
      if (!started.ok) return started
      const { payment, outTradeNo, order } = started.data
      const due = duePayment(order) ?? order.payment
      return ok(await requestPayment(payment, outTradeNo, due.amountFen))
    } finally {
      busy.current = false
      setPaying(false)
    }
  }, [])

  return { pay, paying }
}
