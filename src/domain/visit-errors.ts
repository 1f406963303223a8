// The visit function's own error codes. They live here, not in errors.ts, so the order and
// merchant bundles do not carry them; ErrorCode includes them as a type. No import of result.ts:
// errors.ts imports this file's type, so the envelope is built here (it is a result.ts Fail).

export const VISIT_ERROR_MESSAGES = {
  NO_VISIT_SERVICE: '这个订单不含这项上门服务',
  WINDOW_CLOSED: '这个时段已约满或不可预约，请重新选择',
  NO_STAFF: '这个时段暂时没有师傅能上门，请换个时段',
  STAFF_UNAVAILABLE: '这位师傅在该时段不能上门',
  VISIT_BOOKED: '这项上门服务已经预约，可以在预约里改约',
  ALREADY_RATED: '这次上门已经评价过了',
  NO_SIZES: '师傅还没有提交测量尺寸',
  STAFF_HAS_VISITS: '这位师傅还有未完成的上门，请先改派再停用',
  OWNER_ROW: '不能停用店主自己的师傅账号',
  HOURS_HOLD_VISITS: '这天还有上门不在新的工时内，请先改派',
  INVITE_INVALID: '邀请码不正确，请向店主确认',
  INVITE_EXPIRED: '邀请码已过期，请店主重新生成',
  INVITE_USED: '这个邀请码已被其他人使用',
  ALREADY_STAFF: '你已经是本店的师傅了',
} as const

export type VisitErrorCode = keyof typeof VISIT_ERROR_MESSAGES

export function isVisitErrorCode(value: unknown): value is VisitErrorCode {
  return (
    typeof value === 'string' && Object.prototype.hasOwnProperty.call(VISIT_ERROR_MESSAGES, value)
  )
}

export type VisitFail = { ok: false; code: VisitErrorCode; message: string; field?: string }

/** A failed envelope with a visit code; the message defaults to the code's Chinese text. */
export const visitFail = (
  code: VisitErrorCode,
  message: string = VISIT_ERROR_MESSAGES[code],
  field?: string,
): VisitFail =>
  field === undefined ? { ok: false, code, message } : { ok: false, code, message, field }
