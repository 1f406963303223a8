// order.pay — the order's owner. Starts a WeChat Pay attempt (src/cloud/payments.ts): counts the
// attempt, then cloudPay.unifiedOrder for the stored amount; answers what wx.requestPayment takes.
// The order is marked paid only by WeChat's word (the payment callback or the order timer).
import { orderApi } from '@/domain/api/order'
import { currentTime } from '@/cloud/clock'
import { startPayment } from '@/cloud/payments'
import { defineUserAction } from '@/cloud/router'

export const pay = defineUserAction(orderApi.pay, ({ orderId }, openid) =>
  startPayment(orderId, openid, currentTime()),
)
