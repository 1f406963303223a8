// The payment callbacks: WeChat calls this function (unifiedOrder/refund name it) with a payment
// or refund notification, and retries until it answers `{ errcode: 0 }`, possibly more than once
// and before the client returns. The event is never trusted: only its outTradeNo / outRefundNo
// are taken, and the truth is re-read with queryOrder / queryRefund (src/cloud/payments.ts), so a
// forged or repeated event changes nothing. A call with an OPENID comes from a client: refused.
// errcode 0 once applied or when there is nothing to do; non-zero only when a retry may help
// (WeChat or the database did not answer).
import { currentCaller } from '@/cloud/context'
import { currentTime } from '@/cloud/clock'
import { reconcileRefund, reconcileTrade } from '@/cloud/payments'

export interface CallbackAnswer {
  errcode: number
  errmsg: string
}

const DONE: CallbackAnswer = { errcode: 0, errmsg: 'OK' }
const RETRY: CallbackAnswer = { errcode: 1, errmsg: 'RETRY' }

export async function main(event: unknown): Promise<CallbackAnswer> {
  if (currentCaller().openid !== null) return { errcode: 403, errmsg: 'FORBIDDEN' }
  if (typeof event !== 'object' || event === null) return DONE
  const { outTradeNo, outRefundNo } = event as { outTradeNo?: unknown; outRefundNo?: unknown }
  try {
    const now = currentTime()
    if (typeof outRefundNo === 'string') await reconcileRefund(outRefundNo, now)
    else if (typeof outTradeNo === 'string') await reconcileTrade(outTradeNo, now)
    return DONE
  } catch (error) {
    console.error('[payment] callback not applied; WeChat will retry', error)
    return RETRY
  }
}
