// What the 申请售后 form sends and the order function checks (after-sales.ts holds the rules):
// the payload check, and the 改尺寸 form's − / + steps. Apart from after-sales.ts, and used by no
// other package, so only the service subpackage carries it (the merchant's check is in
// api/merchant.ts for the same reason).
import { AFTER_SALES_KINDS, AFTER_SALES_REASONS, MAX_ALTERATION, NOTE_MAX } from './after-sales'
import { type AlterableSize } from './after-sales-rules'
import { customerPhotosCheck } from './customer-photos'
import {
  array,
  decimal,
  id,
  invalid,
  object,
  oneOf,
  optional,
  refine,
  string,
  valid,
} from './validate'

const alterationCheck = object({
  measurementId: id('尺寸'),
  delta: decimal({ label: '修改量', min: -MAX_ALTERATION, max: MAX_ALTERATION, decimals: 1 }),
})

/** 申请售后: an alteration names what to change; the other kinds change no measurement. */
export const afterSalesRequestCheck = refine(
  object({
    orderId: id('订单'),
    requestId: id('请求编号'),
    kind: oneOf('售后类型', AFTER_SALES_KINDS),
    reason: oneOf('售后原因', AFTER_SALES_REASONS),
    note: optional(string({ label: '问题描述', max: NOTE_MAX })),
    alterations: optional(array(alterationCheck, { label: '修改的尺寸', max: 5 })),
    photos: customerPhotosCheck,
  }),
  (input, path) => {
    const altering = (input.alterations?.length ?? 0) > 0
    if (input.kind === 'alteration' && !altering)
      return invalid(`${path ? `${path}.` : ''}alterations`, '请填写要修改的尺寸和修改量')
    if (input.kind !== 'alteration' && altering)
      return invalid(`${path ? `${path}.` : ''}alterations`, '只有改尺寸需要填写修改量')
    return valid(null)
  },
  (input) => input,
)

/** One − / + tap on a size: a step further, never past MAX_ALTERATION or the product's range. */
export function nextDelta(size: AlterableSize, delta: number, direction: 1 | -1): number {
  const next = Math.round((delta + direction * size.step) * 100) / 100
  const to = size.from + next
  if (Math.abs(next) > MAX_ALTERATION || to < size.min || to > size.max) return delta
  return next
}

/** The changes to send: the sizes with a non-zero change. */
export function alterationEdits(deltas: Record<string, number>) {
  return Object.entries(deltas)
    .filter(([, delta]) => delta !== 0)
    .map(([measurementId, delta]) => ({ measurementId, delta }))
}
