// 寄回信息: how the customer sends an accepted request's item to the shop. The carrier and
// tracking number are checked as the ship event's are (order-input.ts), so the shop's and the
// customer's numbers follow one rule. Used by the service subpackage's form and the order function.
import { carrierCheck, trackingNoCheck } from './order-input'
import { id, object } from './validate'

/** The carriers the form offers; another may be typed. */
export const RETURN_CARRIERS = [
  '顺丰速运',
  '中通快递',
  '圆通速递',
  '韵达快递',
  '申通快递',
  '京东快递',
  '中国邮政',
] as const

export const afterSalesShipmentCheck = object({
  afterSalesId: id('售后申请'),
  carrier: carrierCheck,
  trackingNo: trackingNoCheck,
})
