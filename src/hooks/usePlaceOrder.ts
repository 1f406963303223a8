// 提交订单 from start to end: order.create (useSubmitOrder: one order per draft), the subscribe
// sheet answered, then paying (usePayOrder), then the order page whatever the sheet's outcome.
// If order.pay itself fails the order exists: the page stays, says so, and offers the order,
// where it can be paid (a second 提交订单 finds the same order and tries paying again).
import { useCallback, useRef, useState } from 'react'
import type { Address } from '@/domain/address'
import { orderUrlAfterSheet } from '@/domain/payment-view'
import {
  clearDraftOrder,
  forgetPlacedOrder,
  rememberPlacedOrder,
  type DraftOrder,
} from '@/services/draft-order'
import { SHOP_PAGES } from '@/routes'
import { openPlacedOrder } from '@/services/placed-order'
import { rememberAddress } from './useAddress'
import { usePayOrder } from './usePayOrder'
import { useSubmitOrder } from './useSubmitOrder'
import { useSubscribeAtTap } from './useSubscriptions'

/** The order page in place of the ordering pages: back skips the form (services/placed-order). */
function openOrder(url: string) {
  // The customer sees the order now, so the same choices later are a new order, not this one.
  forgetPlacedOrder()
  openPlacedOrder(url)
}

/** `couponId`: the coupon chosen on the confirm page, spent by the order (null: none). */
export function usePlaceOrder(draft: DraftOrder, couponId: string | null = null) {
  const order = useSubmitOrder(draft.product._id, draft.selection, draft.requestId, couponId)
  const { pay, paying } = usePayOrder()
  // A preorder with a deposit asks for the 尾款 reminder first: it may come weeks later.
  const askForMessages = useSubscribeAtTap(
    draft.product.batch?.depositFen ? 'submitDepositOrder' : 'submitOrder',
  )
  const [payError, setPayError] = useState<{ message: string; url: string }>()
  const running = useRef(false)
  const { submit } = order

  /** Call inside the tap: the subscribe sheet is asked for before anything is awaited. */
  const place = useCallback(
    async (address: Address) => {
      if (running.current) return
      running.current = true
      setPayError(undefined)
      try {
        // Asked inside the tap (WeChat requires it); the order is sent meanwhile.
        const subscribing = askForMessages()
        const result = await submit(address)
        if (!result?.ok) return
        rememberAddress(address)
        const placed = result.data.order
        rememberPlacedOrder(draft, { orderId: placed._id, orderNo: placed.orderNo })
        clearDraftOrder()
        await subscribing.answered // one sheet at a time: the payment sheet comes after it
        const url = `${SHOP_PAGES.order}?id=${placed._id}`
        const paid = await pay(placed._id)
        if (paid && !paid.ok) {
          setPayError({ message: `订单已提交，但未能发起支付：${paid.message}`, url })
          return
        }
        openOrder(paid?.ok ? orderUrlAfterSheet(url, paid.data) : url)
      } finally {
        running.current = false
      }
    },
    [askForMessages, submit, draft, pay],
  )

  return {
    place,
    submitting: order.submitting,
    paying,
    error: order.error,
    /** order.pay failed after the order was placed. */
    payError,
    openPayLater: () => payError && openOrder(payError.url),
  }
}
