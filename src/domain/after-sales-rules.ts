// The after-sales rules the cloud and the forms run (after-sales.ts holds the types, labels and
// what the pages show): the window from delivery, one open request per order, alterations
// against the ordered sizes and the product's ranges, the shop's decisions, the overdue marker.
// Apart from after-sales.ts so the main package, which only shows requests, does not carry them.
import {
  AFTER_SALES_KINDS,
  AFTER_SALES_KIND_LABELS,
  AFTER_SALES_STATE_LABELS,
  AFTER_SALES_WINDOW_DAYS,
  DEFAULT_RESPONSE_HOURS,
  MAX_ALTERATION,
  type AfterSalesDecision,
  type AfterSalesKind,
  type AfterSalesRecord,
  type AfterSalesState,
  type Alteration,
} from './after-sales'
import { REWORK_KINDS, type OrderRecord, type ReworkKind } from './order-types'
import { orderRefundRefusal, orderRestFen } from './order-payments'
import type { Measurement } from './product-schema'

const DAY_MS = 24 * 60 * 60 * 1000

/** When the order reached the customer: its delivery, or its completion straight from shipped. */
export function receivedAt(order: Pick<OrderRecord, 'timeline'>): Date | null {
  const entry =
    order.timeline.find((row) => row.node === 'delivered') ??
    order.timeline.find((row) => row.node === 'completed')
  return entry ? new Date(entry.at) : null
}

/** The last moment `kind` may be asked for on this order (repairs have no end), or null if not yet delivered. */
export function afterSalesDeadline(
  order: Pick<OrderRecord, 'timeline' | 'productSnapshot'>,
  kind: AfterSalesKind,
): Date | 'none' | null {
  const received = receivedAt(order)
  if (!received) return null
  if (kind === 'repair') return 'none'
  return new Date(received.getTime() + AFTER_SALES_WINDOW_DAYS[order.productSnapshot.kind] * DAY_MS)
}

/** Why `kind` cannot be asked for on this order now (a Chinese sentence), or null. */
export function afterSalesRefusal(
  order: Pick<OrderRecord, 'node' | 'timeline' | 'productSnapshot'> & {
    afterSalesOpen?: string | null
  },
  kind: AfterSalesKind,
  now: Date,
): {
  code: 'INVALID_TRANSITION' | 'AFTER_SALES_CLOSED' | 'AFTER_SALES_OPEN'
  message: string
} | null {
  if (order.node !== 'delivered' && order.node !== 'completed')
    return { code: 'INVALID_TRANSITION', message: '订单签收后才能申请售后' }
  if (order.afterSalesOpen)
    return { code: 'AFTER_SALES_OPEN', message: '这个订单已有处理中的售后申请' }
  const deadline = afterSalesDeadline(order, kind)
  if (deadline instanceof Date && now.getTime() > deadline.getTime()) {
    const days = AFTER_SALES_WINDOW_DAYS[order.productSnapshot.kind]
    return {
      code: 'AFTER_SALES_CLOSED',
      message: `已超过签收后 ${days} 天的${AFTER_SALES_KIND_LABELS[kind]}期限，可申请维修或联系客服`,
    }
  }
  return null
}

/** The kinds the 申请售后 form offers on this order now (none while one is open). */
export function kindsOffered(
  order: Parameters<typeof afterSalesRefusal>[0],
  now: Date,
): AfterSalesKind[] {
  return AFTER_SALES_KINDS.filter((kind) => afterSalesRefusal(order, kind, now) === null)
}

/**
 * The alterations asked for, checked against the ordered values and the product's ranges: each
 * names a measurement the order has, changes it by a non-zero step-multiple of at most
 * MAX_ALTERATION, and stays within the product's range.
 */
export function checkAlterations(
  asked: { measurementId: string; delta: number }[],
  ordered: Record<string, number>,
  measurements: Measurement[],
): { ok: true; alterations: Alteration[] } | { ok: false; message: string } {
  const seen = new Set<string>()
  const alterations: Alteration[] = []
  for (const { measurementId, delta } of asked) {
    const spec = measurements.find((m) => m.id === measurementId)
    const from = ordered[measurementId]
    if (!spec || from === undefined) return { ok: false, message: '要修改的尺寸不在这个订单里' }
    if (seen.has(measurementId)) return { ok: false, message: `${spec.label}只能填写一次` }
    seen.add(measurementId)
    const steps = delta / spec.step
    if (
      delta === 0 ||
      Math.abs(delta) > MAX_ALTERATION ||
      Math.abs(steps - Math.round(steps)) > 1e-6
    )
      return {
        ok: false,
        message: `${spec.label}的修改量应为 ${spec.step}${spec.unit} 的整数倍，且不超过 ${MAX_ALTERATION}${spec.unit}`,
      }
    const to = from + delta
    if (to < spec.min || to > spec.max)
      return {
        ok: false,
        message: `${spec.label}改后为 ${to}${spec.unit}，超出 ${spec.min}–${spec.max}${spec.unit} 的范围`,
      }
    alterations.push({ measurementId, label: spec.label, unit: spec.unit, from, delta })
  }
  return { ok: true, alterations }
}

/** A size the customer may ask to alter: the ordered value and the product's limits. */
export interface AlterableSize {
  measurementId: string
  label: string
  unit: string
  step: number
  min: number
  max: number
  from: number
}

/** The order's sizes that 改尺寸 may change, in the product's order. */
export function alterableSizes(
  ordered: Record<string, number>,
  measurements: Measurement[],
): AlterableSize[] {
  return measurements
    .filter((m) => ordered[m.id] !== undefined)
    .map((m) => ({
      measurementId: m.id,
      label: m.label,
      unit: m.unit,
      step: m.step,
      min: m.min,
      max: m.max,
      from: ordered[m.id],
    }))
}

/** Whether accepting `kind` sends the order back to the workshop (order-machine.ts's rework). */
export const isReworkKind = (kind: AfterSalesKind): kind is ReworkKind =>
  (REWORK_KINDS as readonly string[]).includes(kind)

/**
 * How a merchant's decision moves a request, or why it cannot (someone else decided first). A
 * reworked item goes back through the order's own quality check and shipping, and its request
 * closes when it arrives (cloud/rework.ts), so neither 寄回 nor 完成 applies to it here.
 */
export function decide(
  request: Pick<AfterSalesRecord, 'state' | 'kind'>,
  decision: AfterSalesDecision,
): { ok: true; to: AfterSalesState } | { ok: false; message: string } {
  const from = request.state
  const reworked = isReworkKind(request.kind) && from === 'accepted'
  if (decision === 'close') {
    if (reworked) return { ok: false, message: '返工商品送达顾客后，售后会自动完成' }
    return from === 'accepted' || from === 'shipped_back'
      ? { ok: true, to: 'closed' }
      : { ok: false, message: '只有已受理的售后可以完成' }
  }
  if (decision === 'ship_back') {
    if (request.kind === 'return') return { ok: false, message: '退货退款不需要寄回' }
    if (reworked) return { ok: false, message: '返工的商品请在订单中质检后发货' }
    return from === 'accepted'
      ? { ok: true, to: 'shipped_back' }
      : { ok: false, message: '受理后才能寄回' }
  }
  if (from !== 'submitted')
    return { ok: false, message: `这个售后申请${AFTER_SALES_STATE_LABELS[from]}，不能再处理` }
  return { ok: true, to: decision === 'accept' ? 'accepted' : 'declined' }
}

/** Whether a request is past the shop's response promise and still waiting for an answer. */
export function isOverdue(
  request: Pick<AfterSalesRecord, 'state' | 'createdAt'>,
  now: Date,
  responseHours = DEFAULT_RESPONSE_HOURS,
): boolean {
  return (
    request.state === 'submitted' &&
    now.getTime() - new Date(request.createdAt).getTime() > responseHours * 60 * 60 * 1000
  )
}

/**
 * What closing a return refunds: `asked` (fen), or without it the whole rest not yet refunded;
 * nothing when nothing is left and none was asked (an unpaid legacy order, or one the shop has
 * already refunded in full). An amount above the rest, or on an unpaid order, is refused.
 */
export function returnRefundFen(
  order: Pick<OrderRecord, 'payment' | 'balance'>,
  asked: number | undefined,
):
  | { ok: true; amountFen: number | null }
  | { ok: false; code: 'INVALID_INPUT' | 'NOT_PAID' | 'REFUND_TOO_MUCH'; message: string } {
  const restFen = orderRestFen(order)
  if (asked === undefined && restFen === 0) return { ok: true, amountFen: null }
  const amountFen = asked ?? restFen
  const refusal = orderRefundRefusal(order, amountFen)
  return refusal ? { ok: false, ...refusal } : { ok: true, amountFen }
}

/**
 * The refund's request id: one per return, so a retried or repeated close refunds once. The colon
 * keeps it apart from the merchant's own refund ids, which the id check limits to [A-Za-z0-9_-].
 */
export const returnRefundRequestId = (afterSalesId: string) => `return:${afterSalesId}`
