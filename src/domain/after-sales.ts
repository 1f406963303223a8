// After-sales on a delivered order (issue 17): the customer asks for an alteration, a remake, a
// return or a repair; the shop accepts with a plan, declines with a reason, and closes it once
// done. A request is its own record (collection `after_sales`) with its own small state table;
// the order carries `afterSalesOpen` (the open request's id), written in the same transaction,
// so one order never has two open requests, even when two phones ask at once.
import { formatFen } from './money'
import { REFUND_STATE_LABELS, type RefundState } from './payment'
import type { OrderNode } from './order-types'
import type { ProductKind } from './product-schema'

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
  /** system: closed by the reworked item's delivery (cloud/rework.ts). */
  actorRole: 'consumer' | 'merchant' | 'system'
  /** The plan, the reason for declining, or what was done. */
  text: string
}

export interface CustomerShipment {
  carrier: string
  trackingNo: string
  at: Date
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
  /** The order's options when asked ("面料：法国亚麻"), for the dashboard's per-option figures. */
  options?: string[]
  /** The customer's photos (customer-photos.ts); absent on requests from before they existed. */
  photos?: string[]
  state: AfterSalesState
  /** Set on accept: what the shop will do and in how many days. */
  plan: { text: string; days: number } | null
  declineReason: string | null
  /** How the item went back to the customer (ship_back); absent before it did. */
  shipping?: { carrier: string; trackingNo: string } | null
  /** How the customer sends the item to the shop (寄回信息), filled once accepted. */
  customerShipment?: CustomerShipment | null
  /**
   * A return's refund, decided when the shop closes it: the amount, and the order's refund that
   * pays it (null until the refund is added; a repeated close adds it). Absent: no refund.
   */
  refund?: { amountFen: number; outRefundNo: string | null } | null
  steps: AfterSalesStep[]
  createdAt: Date
  updatedAt: Date
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

/** Whether an order's pages show its 售后: once received, and while it is reworked. */
export const showsAfterSales = (order: { node: OrderNode; rework?: unknown }): boolean =>
  order.node === 'delivered' || order.node === 'completed' || !!order.rework

/** The customer may fill in or change 寄回信息 while the shop has accepted and not yet finished. */
export const mayShipToShop = (request: Pick<AfterSalesRecord, 'state'>) =>
  request.state === 'accepted'

/** "退款 ¥399 · 已退款": a return's refund, its state read from the order's payment. */
export function returnRefundText(
  refund: { amountFen: number } | null | undefined,
  state: RefundState | null | undefined,
): string {
  return refund
    ? `退款 ${formatFen(refund.amountFen)} · ${REFUND_STATE_LABELS[state ?? 'pending']}`
    : ''
}

/** What the order pages show of one request (dates are wire strings or Dates). */
export function requestLines(
  request: Pick<AfterSalesRecord, 'kind' | 'alterations' | 'reason' | 'note' | 'state' | 'plan'> & {
    declineReason: string | null
    shipping?: { carrier: string; trackingNo: string } | null
    customerShipment?: { carrier: string; trackingNo: string } | null
  },
): { summary: string; state: string; detail: string; shipment: string } {
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
    shipment: request.customerShipment
      ? `顾客寄出：${request.customerShipment.carrier} ${request.customerShipment.trackingNo}`
      : '',
  }
}
