// Stable error codes shared by cloud functions and pages. Codes never change once released;
// messages are what a consumer or merchant reads.
import type { VisitErrorCode } from './visit-errors'

export const ERROR_MESSAGES = {
  BAD_REQUEST: '请求格式不正确',
  INVALID_INPUT: '填写的内容有误，请检查后重试',
  UNKNOWN_ACTION: '不支持的操作',
  UNAUTHENTICATED: '请先登录微信后再试',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '要找的内容不存在',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  INTERNAL: '服务暂时不可用，请稍后再试',
  NETWORK: '网络连接失败，请检查网络后重试',
  INVALID_TRANSITION: '订单当前状态不能进行此操作',
  URGENT_SOLD_OUT: '今日加急名额已满，请取消加急后再下单',
  CONSENT_REQUIRED: '保存量体数据前，请先阅读并同意《量体数据授权说明》',
  PROFILE_LIMIT: '量体档案已达上限，请先删除不用的档案',
  SLOT_TAKEN: '该时段已被预约，请选择其他时段',
  SLOT_PAST: '该时段已开始或已过去',
  SLOT_OVERLAP: '该设计师在这个时间已有其他时段',
  BOOKING_LIMIT: '待进行的预约已达上限，请先取消不需要的预约',
  ORDER_LIMIT: '待商家确认的订单已达上限，请等商家确认或取消不需要的订单',
  OUT_OF_STOCK: '材料库存不足，暂时无法下单',
  MATERIAL_LIMIT: '材料种类已达上限，请修改不再使用的材料，而不是新增',
  LAST_MERCHANT: '至少需要保留一位商家账号',
  PAYMENT_FAILED: '微信支付暂时不可用，请稍后重试',
  COUPON_UNUSABLE: '这张优惠券不能用于本单，请重新选择或不使用优惠券',
  NOT_PAID: '订单尚未付款，没有可退的款项',
  REFUND_TOO_MUCH: '退款金额超过可退余额',
  AFTER_SALES_CLOSED: '已超过售后期限',
  AFTER_SALES_OPEN: '这个订单已有处理中的售后申请',
  RATING_LOCKED: '评价已超过修改期限',
  REPLY_WINDOW_CLOSED: '顾客最后一条消息已超过 48 小时，微信不允许再回复',
  CARE_STOPPED: '这件商品的保养提醒已停止',
} as const

/** The visit function's codes are visit-errors.ts's (a type only here: no bundle carries them). */
export type ErrorCode = keyof typeof ERROR_MESSAGES | VisitErrorCode

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value)
}
