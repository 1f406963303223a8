// The order page's payment: 去支付 (usePayOrder), and after a paid sheet 「支付确认中…」 re-reading
// the order until WeChat's callback has marked it paid. `sheet`: the page's `paid` and `unpaid`
// parameters, the outcome of a sheet closed just before this page opened (an unpaid one is
// toasted here). The countdown ticks inside the panel (useCountdown); while a refund shows 退款中
// the order is re-read until it settles (useRefundProgress).
import { useCallback, useEffect, useRef, useState } from 'react'
import { orderApi } from '@/domain/api/order'
import { duePayment, paymentsOf } from '@/domain/order-payments'
import { partOf } from '@/domain/payment'
import {
  CONFIRM_POLL,
  CONFIRM_SLOW_TEXT,
  UNPAID_OUTCOME_TEXT,
  orderUrlAfterSheet,
  pollUntil,
  unpaidOutcomeText,
} from '@/domain/payment-view'
import { SHOP_PAGES } from '@/routes'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'
import type { OrderView } from './order-view'
import { usePayOrder } from './usePayOrder'
import { useRefundProgress } from './useRefundProgress'
import { useSubscribeAtTap } from './useSubscriptions'

export function useOrderPayment(
  orderId: string,
  order: OrderView | undefined,
  reload: () => Promise<void>,
  sheet: { paid?: string; unpaid?: string },
) {
  const justPaid = sheet.paid === '1'
  const { pay: payOrder, paying } = usePayOrder()
  const askForMessages = useSubscribeAtTap('payOrder')
  const [confirming, setConfirming] = useState(false)
  useRefundProgress(order ? paymentsOf(order) : [], reload)
  const due = order ? duePayment(order) : null

  const dueRef = useRef(due)
  dueRef.current = due

  // Paid once the payment that was due is due no more (a 定金 paid may make the 尾款 due at once,
  // when the batch has filled meanwhile: a different part).
  const confirm = useCallback(async () => {
    setConfirming(true)
    const waiting = dueRef.current ? partOf(dueRef.current) : null
    const { done } = await pollUntil(
      () => callCloud(orderApi.detail, { orderId }),
      (read) => {
        if (!read.ok) return false
        const now = duePayment(read.data.order)
        return !now || partOf(now) !== waiting
      },
      CONFIRM_POLL,
    )
    await reload()
    setConfirming(false)
    if (!done) toast(CONFIRM_SLOW_TEXT)
  }, [orderId, reload])

  const checkedJustPaid = useRef(false)
  useEffect(() => {
    if (!justPaid || !order || checkedJustPaid.current) return
    checkedJustPaid.current = true
    if (dueRef.current) void confirm()
  }, [justPaid, order, confirm])

  const unpaidText = unpaidOutcomeText(sheet.unpaid)
  useEffect(() => {
    if (unpaidText) toast(unpaidText)
  }, [unpaidText])

  /**
   * Call inside the tap: the subscribe sheet first, the payment sheet after it. The answer is
   * recorded before paying, so the 支付成功 receipt finds its credit however fast WeChat calls back.
   */
  const pay = useCallback(async () => {
    await askForMessages().recorded
    const result = await payOrder(orderId)
    if (!result) return
    if (!result.ok) {
      toast(result.message)
      // Paid meanwhile, or cancelled: show what the order is now.
      if (result.code === 'INVALID_TRANSITION') void reload()
      return
    }
    if (result.data === 'paid') return confirm()
    toast(UNPAID_OUTCOME_TEXT[result.data])
  }, [orderId, askForMessages, payOrder, confirm, reload])

  /** 再来一单 placed `newOrderId`: it is paid at once, like a submit; the page to open next. */
  const payNewOrder = useCallback(
    async (newOrderId: string): Promise<string> => {
      const url = `${SHOP_PAGES.order}?id=${newOrderId}`
      const result = await payOrder(newOrderId)
      if (!result) return url
      if (result.ok) return orderUrlAfterSheet(url, result.data)
      toast(`订单已提交，但未能发起支付：${result.message}`)
      return url
    },
    [payOrder],
  )

  return {
    payNewOrder,
    paying,
    confirming,
    pay,
  }
}
