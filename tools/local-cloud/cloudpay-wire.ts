// The cloud payment stand-in's answers and notices as WeChat Pay v2 writes them (snake_case on
// the wire; notices camelCase, as cloud payment hands them to the callback function).
import { randomBytes } from 'node:crypto'
import * as protobuf from 'protobufjs'
import type { PayRefund, PayTrade } from './cloudpay-store'

export type WxJson = Record<string, unknown>

const ApiOptions = protobuf.Root.fromJSON({
  nested: { ApiOptions: { fields: { appid: { type: 'string', id: 1 } } } },
}).lookupType('ApiOptions')

/** The stand-in's service-provider identity (cloud payment acts as the provider). */
export const MCH_ID = '1800008281'
export const SP_APPID = 'wxlocalspappid01'

export function decodeApiOptions(bytes: Buffer): string {
  try {
    return String((ApiOptions.toObject(ApiOptions.decode(bytes)) as { appid?: string }).appid ?? '')
  } catch {
    return ''
  }
}

export const nonce = () => randomBytes(8).toString('hex')
export const digits = (n: number) =>
  Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('')
export const str = (value: unknown) => (typeof value === 'string' ? value : '')
/** China time (UTC+8) pieces of `ms`. */
const china = (ms: number) => new Date(ms + 8 * 3600_000).toISOString()
export const timeEnd = (ms: number) => china(ms).slice(0, 19).replace(/[-T:]/g, '')
export const successTime = (ms: number) => china(ms).slice(0, 19).replace('T', ' ')

export function fail(returnMsg: string): WxJson {
  return { return_code: 'FAIL', return_msg: returnMsg }
}

export const TRADE_STATE_DESC: Record<PayTrade['state'], string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  PAYERROR: '支付失败',
  REFUND: '转入退款',
}

export function business(base: WxJson, errCode: string, description: string): WxJson {
  return { ...base, result_code: 'FAIL', err_code: errCode, err_code_des: description }
}

export function refundAnswer(base: WxJson, trade: PayTrade, refund: PayRefund): WxJson {
  return {
    ...base,
    result_code: 'SUCCESS',
    transaction_id: trade.transactionId,
    out_trade_no: trade.outTradeNo,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    refund_fee: refund.refundFee,
    settlement_refund_fee: refund.refundFee,
    total_fee: trade.totalFee,
    cash_fee: trade.totalFee,
  }
}

/** The pay notice as the callback function receives it (camelCase, like cloud payment's). */
export function payEvent(trade: PayTrade): WxJson {
  return {
    returnCode: 'SUCCESS',
    appid: SP_APPID,
    mchId: MCH_ID,
    subMchId: trade.subMchId,
    nonceStr: nonce(),
    resultCode: 'SUCCESS',
    openid: trade.openid,
    isSubscribe: 'N',
    subOpenid: trade.openid,
    subIsSubscribe: 'N',
    tradeType: 'JSAPI',
    bankType: 'OTHERS',
    totalFee: trade.totalFee,
    feeType: 'CNY',
    cashFee: trade.totalFee,
    transactionId: trade.transactionId,
    outTradeNo: trade.outTradeNo,
    timeEnd: trade.timeEnd,
    ...(trade.attach ? { attach: trade.attach } : {}),
  }
}

/**
 * The refund notice, camelCase with WeChat's decrypted req_info fields at the top level. Guessed:
 * cloud payment's docs do not show this event; the fields are WeChat v2's refund notice ones.
 */
export function refundEvent(refund: PayRefund): WxJson {
  return {
    returnCode: 'SUCCESS',
    appid: SP_APPID,
    mchId: MCH_ID,
    nonceStr: nonce(),
    outTradeNo: refund.outTradeNo,
    outRefundNo: refund.outRefundNo,
    refundId: refund.refundId,
    totalFee: refund.totalFee,
    refundFee: refund.refundFee,
    settlementRefundFee: refund.refundFee,
    refundStatus: refund.state,
    successTime: refund.successTime,
    refundRecvAccout: '支付用户零钱',
    refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
    refundRequestSource: 'API',
  }
}
