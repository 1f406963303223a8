// Paying for an order once order.pay has started the attempt. weapp: WeChat's own payment sheet
// (wx.requestPayment). H5, which only runs against the local cloud: a simulated sheet that tells
// the local cloud's payment stand-in what the person did. Never throws: every outcome is one of
// three, and whether the order is paid is only ever read back from the server (the callback).
import Taro from '@tarojs/taro'
import type { Wire } from '@/domain/api/contract'
import type { WxPayment } from '@/domain/payment'
import { showSimulatedPaymentSheet } from './h5-payment-sheet'

export type PaymentOutcome = 'paid' | 'cancelled' | 'failed'

/** WeChat's errMsg when the person closes the sheet without paying. */
const CANCELLED = /cancel/

export async function requestPayment(
  payment: Wire<WxPayment>,
  outTradeNo: string,
  amountFen: number,
): Promise<PaymentOutcome> {
  // TARO_ENV is replaced at compile time: the weapp build drops the simulated sheet.
  if (process.env.TARO_ENV === 'h5') return showSimulatedPaymentSheet(outTradeNo, amountFen)
  try {
    await Taro.requestPayment({
      ...payment,
      signType: payment.signType as Taro.requestPayment.Option['signType'],
    })
    return 'paid'
  } catch (error) {
    const errMsg = String((error as { errMsg?: unknown })?.errMsg ?? error)
    if (CANCELLED.test(errMsg)) return 'cancelled'
    console.warn('[payment] requestPayment 失败', errMsg)
    return 'failed'
  }
}
