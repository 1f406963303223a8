// Typed client of cloud payment (cloud.cloudPay.* of wx-server-sdk, which converts camelCase <->
// snake_case itself). A WeChat business refusal is { ok: false, code, message }; a call that gets
// no answer throws. The SDK overwrites WeChat's err_code with its own errCode 0 when it camelCases
// the answer, so `code` is recovered from err_code_des (codeOf); unknown texts give 'FAIL'.
import * as cloud from 'wx-server-sdk'
import type { WxPayment } from '@/domain/payment'

export type { WxPayment }
export type PayCallResult<T> = ({ ok: true } & T) | { ok: false; code: string; message: string }
export type TradeState =
  'SUCCESS' | 'NOTPAY' | 'CLOSED' | 'PAYERROR' | 'USERPAYING' | 'REFUND' | 'NOTEXIST'
export type RefundStatus = 'SUCCESS' | 'PROCESSING' | 'REFUNDCLOSE' | 'CHANGE' | 'NOTEXIST'

/** The function cloud payment notifies (pay and refund results); cloudfunctions/payment. */
const CALLBACK_FUNCTION = 'payment'
// Production sets PAY_SUB_MCH_ID in the function's environment variables (the bound merchant);
// the default is WeChat's documentation example, for the local cloud.
const subMchId = () => process.env.PAY_SUB_MCH_ID || '1900000109'
const envId = () => cloud.getWXContext().ENV || String(cloud.DYNAMIC_CURRENT_ENV)
const nonceStr = () => Math.random().toString(36).slice(2, 18).padEnd(16, '0')

type Answer = Record<string, unknown> & {
  returnCode?: string
  returnMsg?: string
  resultCode?: string
  errCodeDes?: string
}

// wx-server-sdk's typings do not declare cloudPay.
const pay = () =>
  (cloud as unknown as { cloudPay: Record<string, (data: object) => Promise<Answer>> }).cloudPay

/** `body` cut to 128 UTF-8 bytes (WeChat's limit) without splitting a character. */
export function cutBody(body: string): string {
  let out = ''
  let bytes = 0
  for (const char of body) {
    const size = Buffer.byteLength(char, 'utf8')
    if (bytes + size > 128) break
    out += char
    bytes += size
  }
  return out
}

const CODES: [RegExp, string][] = [
  [/已支付/, 'ORDERPAID'],
  [/已关/, 'ORDERCLOSED'],
  [/订单不存在/, 'ORDERNOTEXIST'],
  [/退款.*(不存在|查询失败)/, 'REFUNDNOTEXIST'],
  [/余额不足/, 'NOTENOUGH'],
  [/系统(超时|错误|繁忙)|SYSTEMERROR/, 'SYSTEMERROR'],
  [/重复|不一致|大于/, 'INVALID_REQUEST'],
  [/状态错误/, 'TRADE_STATE_ERROR'],
]

/** WeChat's err_code for an err_code_des (see the header comment). */
export function codeOf(description: string): string {
  return CODES.find(([pattern]) => pattern.test(description))?.[1] ?? 'FAIL'
}

/** Maps a cloudPay answer to ok or the refusal; returnCode FAIL is a malformed call. */
export function toResult(
  answer: Answer,
): { ok: true } | { ok: false; code: string; message: string } {
  if (answer.returnCode !== 'SUCCESS')
    return { ok: false, code: 'PARAM_ERROR', message: String(answer.returnMsg ?? '') }
  if (answer.resultCode !== 'SUCCESS') {
    const message = String(answer.errCodeDes ?? '')
    return { ok: false, code: codeOf(message), message }
  }
  return { ok: true }
}

export async function unifiedOrder(input: {
  outTradeNo: string
  totalFee: number
  body: string
}): Promise<PayCallResult<{ payment: WxPayment }>> {
  const answer = await pay().unifiedOrder({
    body: cutBody(input.body),
    outTradeNo: input.outTradeNo,
    totalFee: input.totalFee,
    spbillCreateIp: '127.0.0.1',
    subMchId: subMchId(),
    envId: envId(),
    functionName: CALLBACK_FUNCTION,
    nonceStr: nonceStr(),
    tradeType: 'JSAPI',
  })
  const result = toResult(answer)
  if (!result.ok) return result
  const p = answer.payment as WxPayment
  return {
    ok: true,
    payment: {
      timeStamp: p.timeStamp,
      nonceStr: p.nonceStr,
      package: p.package,
      signType: p.signType,
      paySign: p.paySign,
    },
  }
}

export async function queryOrder(outTradeNo: string): Promise<{
  tradeState: TradeState
  totalFee?: number
  transactionId?: string
  timeEnd?: string
}> {
  const answer = await pay().queryOrder({ outTradeNo, subMchId: subMchId(), nonceStr: nonceStr() })
  const result = toResult(answer)
  if (!result.ok) {
    if (result.code === 'ORDERNOTEXIST') return { tradeState: 'NOTEXIST' }
    throw new Error(`cloudPay.queryOrder: ${result.code} ${result.message}`)
  }
  return {
    tradeState: answer.tradeState as TradeState,
    totalFee: answer.totalFee as number | undefined,
    transactionId: (answer.transactionId as string | undefined) ?? undefined,
    timeEnd: (answer.timeEnd as string | undefined) ?? undefined,
  }
}

export async function closeOrder(outTradeNo: string): Promise<PayCallResult<object>> {
  return toResult(
    await pay().closeOrder({ outTradeNo, subMchId: subMchId(), nonceStr: nonceStr() }),
  )
}

export async function refund(input: {
  outTradeNo: string
  outRefundNo: string
  totalFee: number
  refundFee: number
  refundDesc: string
}): Promise<PayCallResult<{ refundId: string }>> {
  const answer = await pay().refund({
    ...input,
    subMchId: subMchId(),
    nonceStr: nonceStr(),
    envId: envId(),
    functionName: CALLBACK_FUNCTION,
  })
  const result = toResult(answer)
  return result.ok ? { ok: true, refundId: String(answer.refundId) } : result
}

export async function queryRefund(
  outRefundNo: string,
): Promise<{ refundStatus: RefundStatus; refundFee?: number }> {
  const answer = await pay().queryRefund({
    outRefundNo,
    subMchId: subMchId(),
    nonceStr: nonceStr(),
  })
  const result = toResult(answer)
  if (!result.ok) {
    if (result.code === 'REFUNDNOTEXIST') return { refundStatus: 'NOTEXIST' }
    throw new Error(`cloudPay.queryRefund: ${result.code} ${result.message}`)
  }
  const status = (answer.refundStatusList as string[] | undefined)?.[0] as RefundStatus | undefined
  const fee = (answer.refundFeeList as number[] | undefined)?.[0]
  return { refundStatus: status ?? 'PROCESSING', refundFee: fee }
}
