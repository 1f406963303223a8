// The order as stored in the `orders` collection and the vocabulary of its state machine.
// One record per order; every change goes through applyTransition (order-transition.ts), which
// bumps `version`, so the cloud can re-read inside a transaction and refuse stale writes.
import type { Address } from './address'
import type { OrderCoupon } from './coupon'
import type { MessagePurpose } from './messages'
import type { ChinaDate } from './china-date'
import type { DeliveryWindow } from './delivery-window'
import type { ProductKind } from './product-schema'
import type { OrderSelection } from './order-selection'
import type { OrderPayment } from './payment'
import type { Quote } from './pricing'

export const ORDER_NODES = [
  'submitted',
  'confirmed',
  'materials',
  'production',
  /** A delivered order back in the workshop for an accepted alteration or remake (after-sales). */
  'rework',
  'quality_check',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const
export type OrderNode = (typeof ORDER_NODES)[number]

export const FINAL_NODES: readonly OrderNode[] = ['completed', 'cancelled']
/** Nodes the merchant's board counts: a final node's total only grows with the shop's history. */
export const BOARD_COUNTED_NODES: readonly OrderNode[] = ORDER_NODES.filter(
  (node) => !FINAL_NODES.includes(node),
)
/**
 * Nodes where the workshop still holds the goods: cancellable by the merchant, exceptions allowed,
 * and overdue once the ETA has passed.
 */
export const PRE_SHIPPING_NODES: readonly OrderNode[] = [
  'submitted',
  'confirmed',
  'materials',
  'production',
  'rework',
  'quality_check',
]

/** Nodes an order may be cancelled from and still give its coupon back (coupon.ts): before production. */
export const COUPON_RETURN_NODES: readonly OrderNode[] = ['submitted', 'confirmed', 'materials']

export const ORDER_EVENTS = [
  'confirm',
  'purchase_materials',
  'start_production',
  'start_quality_check',
  'ship',
  'deliver',
  'complete',
  'cancel',
  'set_eta',
  'flag_exception',
  'choose_remedy',
  'resolve_exception',
  'batch_reached',
  /** WeChat confirmed the payment (the payment callback or the timer's reconciliation). */
  'pay',
  /** Still unpaid at payment.dueBy: the timer cancels the order. */
  'expire',
  /** The customer picks when the item should arrive (delivery-window.ts). */
  'choose_delivery_window',
  /** The shop accepted an alteration or remake: the order goes back to the workshop (system only). */
  'rework',
] as const
export type OrderEvent = (typeof ORDER_EVENTS)[number]

/** Who acts on an order; `system` is a timer or another function, with no OPENID. */
export const ACTOR_ROLES = ['consumer', 'merchant', 'system'] as const
export type ActorRole = (typeof ACTOR_ROLES)[number]
export interface Actor {
  role: ActorRole
  openid: string | null
}

export const EXCEPTION_KINDS = ['delayed', 'out_of_stock'] as const
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number]

export const REMEDY_TYPES = ['wait_new_eta', 'switch_warehouse', 'coupon', 'cancel'] as const
export type RemedyType = (typeof REMEDY_TYPES)[number]
export type RemedyOffer =
  | { type: 'wait_new_eta'; newEta: ChinaDate }
  | { type: 'switch_warehouse' }
  | { type: 'coupon'; amountFen: number }
  | { type: 'cancel' }

/** An exception overlays the node: progress stops until the merchant resolves it. */
export interface OrderException {
  id: string
  kind: ExceptionKind
  note: string
  photos: string[]
  offered: RemedyOffer[]
  flaggedAt: Date
  choice: { remedy: RemedyType; at: Date } | null
}
export interface ResolvedException extends OrderException {
  resolvedAt: Date
  /** The remedy applied, or 'order_cancelled' when the order was cancelled another way. */
  resolution: RemedyType | 'order_cancelled'
}

export interface TimelineEntry {
  node: OrderNode
  event: OrderEvent | 'submit'
  at: Date
  actorRole: ActorRole
  note: string
  /** Cloud file ids. */
  photos: string[]
}

export interface OrderRework {
  afterSalesId: string
  kind: ReworkKind
  startedAt: Date
}

/** The after-sales kinds that send the order back to the workshop. */
export const REWORK_KINDS = ['alteration', 'remake'] as const
export type ReworkKind = (typeof REWORK_KINDS)[number]

export interface EtaRevision {
  eta: ChinaDate
  at: Date
  event: OrderEvent | 'submit'
  reason: string
}

export interface Shipping {
  carrier: string
  trackingNo: string
  shippedAt: Date
}

/** The product as it was when ordered; later catalog edits never change an order. */
export interface ProductSnapshot {
  id: string
  name: string
  kind: ProductKind
  image: string
  basePriceFen: number
  baseLeadDays: number
  choices: {
    groupId: string
    groupLabel: string
    choiceId: string
    choiceLabel: string
    priceDeltaFen: number
    leadDaysDelta: number
  }[]
  /** Display-ready "label: value" rows for options, measurements and texts, in schema order. */
  details: { label: string; value: string }[]
  /** The product had a care plan: 确认收货 asks for care reminders (absent on older orders). */
  carePlanned?: true
}

export interface OrderRecord {
  _id: string
  /** Human-readable, e.g. 20261122-7K3F9XQ2; unique (index it). */
  orderNo: string
  /** The client's idempotency key; `_id` is derived from it with the owner (new-order.ts). */
  requestId: string
  ownerOpenid: string
  /** Where the order ships; kept with the order even if the customer later deletes their data. */
  address: Address
  productId: string
  productSnapshot: ProductSnapshot
  selection: OrderSelection
  quote: Quote
  /**
   * Paid at submit: the whole price, or a preorder's 定金; every cancellation of a paid order
   * refunds it (payment.ts, order-payments.ts).
   */
  payment: OrderPayment
  /** A preorder's 尾款, opened when its batch fills; absent or null otherwise. */
  balance?: OrderPayment | null
  /** The coupon used at submit (coupon.ts), if any: the payment is the price minus its discount. */
  coupon?: OrderCoupon
  node: OrderNode
  version: number
  timeline: TimelineEntry[]
  eta: ChinaDate
  etaHistory: EtaRevision[]
  exception: OrderException | null
  exceptionHistory: ResolvedException[]
  shipping: Shipping | null
  /** When the customer wants it delivered; absent on orders from before it could be chosen. */
  deliveryWindow?: DeliveryWindow | null
  batchId: string | null
  /** The open after-sales request's id (after-sales.ts); absent or null when none is open. */
  afterSalesOpen?: string | null
  /** The rework under way for an accepted alteration or remake; cleared when the item arrives again. */
  rework?: OrderRework | null
  createdAt: Date
  /** After delivery nothing changes until completion, so this is the delivery time then. */
  updatedAt: Date
}

/** The audit row of a merchant's refund: bookkeeping beside the transitions (order-transition.ts `refundAudit`). */
export const REFUND_AUDIT_EVENT = 'refund'

/**
 * One row per applied transition, and one per merchant refund (REFUND_AUDIT_EVENT: from = to, the
 * version it left unchanged), written in the same transaction (collection `order_audit`).
 */
export interface AuditEvent {
  orderId: string
  orderNo: string
  event: OrderEvent | typeof REFUND_AUDIT_EVENT
  from: OrderNode
  to: OrderNode
  actorRole: ActorRole
  actorOpenid: string | null
  at: Date
  /** The order's version after the transition. */
  version: number
  note: string
  detail: Record<string, unknown>
}

/** Why an order transition queues a subscribe message: the order purposes of MESSAGE_PURPOSES. */
export const NOTIFICATION_PURPOSES = {
  orderConfirmed: 'order_confirmed',
  productionStarted: 'production_started',
  shipped: 'shipped',
  delivered: 'delivered',
  exceptionNeedsChoice: 'exception_needs_choice',
  orderDelayed: 'order_delayed',
  paymentSucceeded: 'payment_succeeded',
  deliveryWindow: 'delivery_window',
  balanceDue: 'balance_due',
} as const satisfies Record<string, MessagePurpose>
export type NotificationPurpose = (typeof NOTIFICATION_PURPOSES)[keyof typeof NOTIFICATION_PURPOSES]

/** A queued message to the order's owner, with raw values; formatting happens at send time. */
export interface OrderNotification {
  purpose: NotificationPurpose
  toOpenid: string
  orderId: string
  orderNo: string
  productName: string
  node: OrderNode
  eta: ChinaDate
  at: Date
  shipping: { carrier: string; trackingNo: string } | null
  /** A later ETA (order_delayed): the date it replaced and why it moved. */
  delay: { previousEta: ChinaDate; reason: string } | null
  /** The payment the message is about (the 尾款 once it is opened); absent on older rows. */
  amountFen?: number
  /** balance_due: when the 尾款 must be paid by. */
  dueBy?: Date
}
