// After-sales on a delivered order (issue 17): the customer asks for an alteration, a remake, a
// return or a repair; the shop accepts with a plan, declines with a reason, and closes it once
// done. A request is its own record (collection `after_sales`) with its own small state table;
// the order carries `afterSalesOpen` (the open request's id), written in the same transaction,
// so one order never has two open requests, even when two phones ask at once.
import type { OrderRecord } from './order-types'
import type { Measurement, ProductKind } from './product-schema'

export const AFTER_SALES_KINDS = ['alteration', 'remake', 'return', 'repair'] as const
export type AfterSalesKind = (typeof AFTER_SALES_KINDS)[number]

export const AFTER_SALES_KIND_LABELS: Record<AfterSalesKind, string> = {
  alteration: '改尺寸',
  remake: '重做',
  return: '退货退款',
  repair: '维修',
}

export const AFTER_SALES_REASONS = [
  '尺寸不合适',
  '做工问题',
  '面料或材质问题',
  '与描述不符',
  '运输损坏',
  '使用中损坏',
  '其他',
] as const
export type AfterSalesReason = (typeof AFTER_SALES_REASONS)[number]

export const AFTER_SALES_STATES = [
  'submitted',
  'accepted',
  'shipped_back',
  'declined',
  'withdrawn',
  'closed',
] as const
export type AfterSalesState = (typeof AFTER_SALES_STATES)[number]

export const AFTER_SALES_STATE_LABELS: Record<AfterSalesState, string> = {
  submitted: '待商家处理',
  accepted: '已受理',
  shipped_back: '已寄回',
  declined: '未受理',
  withdrawn: '已撤回',
  closed: '已完成',
}

/** States in which the request still holds the order's one open place. */
export const OPEN_AFTER_SALES_STATES: readonly AfterSalesState[] = [
  'submitted',
  'accepted',
  'shipped_back',
]

/** The shop's answers: each is told to the customer (after-sales-message.ts). */
export const ANSWERED_STATES = ['accepted', 'shipped_back', 'declined', 'closed'] as const
export type AnsweredState = (typeof ANSWERED_STATES)[number]

/** ship_back: the altered, remade or repaired item goes back to the customer (not for returns). */
export const AFTER_SALES_DECISIONS = ['accept', 'decline', 'ship_back', 'close'] as const
export type AfterSalesDecision = (typeof AFTER_SALES_DECISIONS)[number]

/** Days after delivery in which alteration, remake and return may be asked, by product kind. */
export const AFTER_SALES_WINDOW_DAYS: Record<ProductKind, number> = {
  made_to_order: 15,
  batch: 15,
  consumable: 7,
}

/** Hours the shop promises to answer in; past it the merchant's list marks the request 超时. */
export const DEFAULT_RESPONSE_HOURS = 48

/** The largest change one alteration may ask for, in the measurement's unit. */
export const MAX_ALTERATION = 10
export const NOTE_MAX = 200
export const PLAN_MAX = 100

export interface Alteration {
  measurementId: string
  label: string
  unit: string
  /** Ordered value, and the change asked for (negative shortens). */
  from: number
  delta: number
}

export interface AfterSalesStep {
  state: AfterSalesState
  at: Date
  actorRole: 'consumer' | 'merchant'
  /** The plan, the reason for declining, or what was done. */
  text: string
}

export interface AfterSalesRecord {
  _id: string
  orderId: string
  orderNo: string
  ownerOpenid: string
  productName: string
  kind: AfterSalesKind
  reason: AfterSalesReason
  note: string
  alterations: Alteration[]
  state: AfterSalesState
  /** Set on accept: what the shop will do and in how many days. */
  plan: { text: string; days: number } | null
  declineReason: string | null
  /** How the item went back to the customer (ship_back); absent before it did. */
  shipping?: { carrier: string; trackingNo: string } | null
  steps: AfterSalesStep[]
  createdAt: Date
  updatedAt: Date
}

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

/** How a merchant's decision moves a request, or why it cannot (someone else decided first). */
export function decide(
  request: Pick<AfterSalesRecord, 'state' | 'kind'>,
  decision: AfterSalesDecision,
): { ok: true; to: AfterSalesState } | { ok: false; message: string } {
  const from = request.state
  if (decision === 'close')
    return from === 'accepted' || from === 'shipped_back'
      ? { ok: true, to: 'closed' }
      : { ok: false, message: '只有已受理的售后可以完成' }
  if (decision === 'ship_back') {
    if (request.kind === 'return') return { ok: false, message: '退货退款不需要寄回' }
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

/** "袖长 −2cm" for an alteration; the change's sign is always shown. */
export function alterationText(alteration: Pick<Alteration, 'label' | 'unit' | 'delta'>): string {
  const sign = alteration.delta > 0 ? '+' : '−'
  return `${alteration.label} ${sign}${Math.abs(alteration.delta)}${alteration.unit}`
}

/** A request's one-line summary: kind, then what is asked ("改尺寸 · 袖长 −2cm"). */
export function requestSummary(
  request: Pick<AfterSalesRecord, 'kind' | 'alterations' | 'reason'>,
): string {
  const detail =
    request.alterations.length > 0
      ? request.alterations.map(alterationText).join('，')
      : request.reason
  return `${AFTER_SALES_KIND_LABELS[request.kind]} · ${detail}`
}

/** What the order pages show of one request (dates are wire strings or Dates). */
export function requestLines(
  request: Pick<AfterSalesRecord, 'kind' | 'alterations' | 'reason' | 'note' | 'state' | 'plan'> & {
    declineReason: string | null
    shipping?: { carrier: string; trackingNo: string } | null
  },
): { summary: string; state: string; detail: string } {
  const detail =
    request.state === 'shipped_back' && request.shipping
      ? `已寄回：${request.shipping.carrier} ${request.shipping.trackingNo}`
      : request.state === 'accepted' && request.plan
        ? `处理方案：${request.plan.text}，预计 ${request.plan.days} 天`
        : request.state === 'declined'
          ? `未受理原因：${request.declineReason ?? ''}`
          : request.note
  return {
    summary: requestSummary(request),
    state: AFTER_SALES_STATE_LABELS[request.state],
    detail,
  }
}
