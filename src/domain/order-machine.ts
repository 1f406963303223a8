// The order state machine: ONE table of { from, event, roles, guard, to }. Pages ask
// `availableEvents` which buttons to show; the cloud asks `can` (through applyTransition) before
// writing. Rows are tried in order; the first whose role matches and whose guard passes wins.
// Consumers may only act on their own orders (checked whenever an openid is given).
// Decisions: consumables ship straight from `confirmed`; batch orders skip materials and enter
// production by `batch_reached`; exceptions exist only before shipping and block progress
// (not cancellation or ETA changes) until resolved; nothing is confirmed or produced before it
// is paid, and only the system (WeChat's word) marks an order paid or expires it. An accepted
// alteration or remake loops a delivered order back through rework → quality check → shipped.
import type { ErrorCode } from './errors'
import { balanceToOpen, duePayment, fullyPaid } from './order-payments'
import { PAYMENT_STATE_LABELS } from './payment'
import { ACTOR_ROLE_LABELS, EVENT_LABELS, NODE_LABELS } from './order-labels'
import {
  ORDER_EVENTS,
  PRE_SHIPPING_NODES,
  type ActorRole,
  type OrderEvent,
  type OrderNode,
  type OrderRecord,
} from './order-types'

/** The system completes a delivered order this many days after delivery. */
export const AUTO_COMPLETE_DAYS = 7

export interface GuardContext {
  /** The acting user's OPENID; consumers must own the order. */
  openid?: string
  /** Needed by time-based guards (auto-complete); without it they refuse. */
  now?: Date
}
/** null = allowed, otherwise the Chinese reason shown to the user. */
export type Guard = (order: OrderRecord, ctx: GuardContext) => string | null

export interface TransitionRow {
  from: OrderNode | readonly OrderNode[]
  event: OrderEvent
  roles: readonly ActorRole[]
  guard?: Guard
  to: OrderNode | 'same'
}

const noOpenException: Guard = (order) => (order.exception ? '请先处理订单异常' : null)
const madeToOrder: Guard = (order) =>
  order.productSnapshot.kind === 'made_to_order' ? null : '该商品无需备料'
const paid: Guard = (order) => (order.payment.state === 'paid' ? null : '顾客尚未付款')
const balancePaid: Guard = (order) => (fullyPaid(order) ? null : '顾客尚未支付尾款')
const balanceDue: Guard = (order) => (balanceToOpen(order) ? null : '尾款已发起或无需尾款')
const unpaid: Guard = (order) =>
  duePayment(order) ? null : `订单${PAYMENT_STATE_LABELS[order.payment.state]}`
const payOverdue: Guard = (order, { now }) => {
  const due = duePayment(order)
  return due && now && now.getTime() >= due.dueBy.getTime() ? null : '尚未到付款截止时间'
}
const isBatchOrder: Guard = (order) => (order.batchId ? null : '该订单不是拼单订单')
const both =
  (...guards: Guard[]): Guard =>
  (order, ctx) =>
    guards.reduce<string | null>((reason, guard) => reason ?? guard(order, ctx), null)

const shipReady: Guard = (order) =>
  order.node === 'confirmed' && order.productSnapshot.kind !== 'consumable'
    ? '定制商品需完成质检后才能发货'
    : null
const autoCompleteDue: Guard = (order, { now }) => {
  const delivered = [...order.timeline].reverse().find((entry) => entry.node === 'delivered')
  if (!now || !delivered) return '缺少签收时间'
  const due = delivered.at.getTime() + AUTO_COMPLETE_DAYS * 24 * 60 * 60 * 1000
  return now.getTime() >= due ? null : `签收满 ${AUTO_COMPLETE_DAYS} 天后才会自动完成`
}
/** A reworked order belongs to its after-sales request: it is neither cancelled nor flagged here. */
const notReworking: Guard = (order) =>
  order.rework ? '返工中的订单不能这样处理，请在售后中与顾客沟通' : null
const afterSalesAccepted: Guard = (order) =>
  order.afterSalesOpen && !order.rework ? null : '订单没有待返工的售后申请'
const noException: Guard = (order) => (order.exception ? '订单已有待处理的异常' : null)
const awaitingChoice: Guard = (order) => {
  if (!order.exception) return '订单没有待处理的异常'
  return order.exception.choice ? '已选择处理方式，请等待商家处理' : null
}
const choiceIs =
  (cancel: boolean): Guard =>
  (order) => {
    if (!order.exception) return '订单没有待处理的异常'
    if (!order.exception.choice) return '顾客尚未选择处理方式'
    return (order.exception.choice.remedy === 'cancel') === cancel ? null : '处理方式不符'
  }

// One row per line keeps the table readable as a table.
// prettier-ignore
export const TRANSITIONS: readonly TransitionRow[] = [
  { from: 'submitted', event: 'confirm', roles: ['merchant'], guard: both(paid, noOpenException), to: 'confirmed' },
  { from: 'confirmed', event: 'purchase_materials', roles: ['merchant'], guard: both(madeToOrder, noOpenException), to: 'materials' },
  { from: 'materials', event: 'start_production', roles: ['merchant'], guard: noOpenException, to: 'production' },
  { from: ['production', 'rework'], event: 'start_quality_check', roles: ['merchant'], guard: noOpenException, to: 'quality_check' },
  { from: ['confirmed', 'quality_check'], event: 'ship', roles: ['merchant'], guard: both(shipReady, noOpenException), to: 'shipped' },
  { from: 'shipped', event: 'deliver', roles: ['merchant', 'system'], to: 'delivered' },
  { from: ['shipped', 'delivered'], event: 'complete', roles: ['consumer'], to: 'completed' },
  { from: 'delivered', event: 'complete', roles: ['system'], guard: autoCompleteDue, to: 'completed' },
  { from: ['submitted', 'confirmed'], event: 'cancel', roles: ['consumer'], to: 'cancelled' },
  { from: PRE_SHIPPING_NODES, event: 'cancel', roles: ['merchant'], guard: notReworking, to: 'cancelled' },
  // A preorder batch that did not fill by its deadline (the order timer).
  { from: ['submitted', 'confirmed'], event: 'cancel', roles: ['system'], guard: isBatchOrder, to: 'cancelled' },
  { from: PRE_SHIPPING_NODES, event: 'set_eta', roles: ['merchant'], to: 'same' },
  { from: PRE_SHIPPING_NODES, event: 'flag_exception', roles: ['merchant'], guard: both(notReworking, noException), to: 'same' },
  { from: PRE_SHIPPING_NODES, event: 'choose_remedy', roles: ['consumer'], guard: awaitingChoice, to: 'same' },
  { from: PRE_SHIPPING_NODES, event: 'resolve_exception', roles: ['merchant'], guard: choiceIs(true), to: 'cancelled' },
  { from: PRE_SHIPPING_NODES, event: 'resolve_exception', roles: ['merchant'], guard: choiceIs(false), to: 'same' },
  // The system fires it when the batch reaches its minimum; a merchant may start one early.
  // With a deposit, the first firing asks for the 尾款; production starts once it is paid.
  { from: ['submitted', 'confirmed'], event: 'batch_reached', roles: ['system', 'merchant'], guard: both(isBatchOrder, paid, balancePaid, noOpenException), to: 'production' },
  { from: ['submitted', 'confirmed'], event: 'batch_reached', roles: ['system', 'merchant'], guard: both(isBatchOrder, balanceDue, noOpenException), to: 'same' },
  // WeChat's word (callback or reconciliation), never a client's: system only.
  { from: ['submitted', 'confirmed'], event: 'pay', roles: ['system'], guard: unpaid, to: 'same' },
  { from: ['submitted', 'confirmed'], event: 'expire', roles: ['system'], guard: both(unpaid, payOverdue), to: 'cancelled' },
  { from: PRE_SHIPPING_NODES, event: 'choose_delivery_window', roles: ['consumer'], to: 'same' },
  // The shop accepted an alteration or remake (after-sales.ts): back to the workshop, same order.
  { from: ['delivered', 'completed'], event: 'rework', roles: ['system'], guard: afterSalesAccepted, to: 'rework' },
]

export type Verdict =
  | { ok: true; to: OrderNode }
  | { ok: false; code: Extract<ErrorCode, 'FORBIDDEN' | 'INVALID_TRANSITION'>; reason: string }

const fromNodes = (row: TransitionRow): readonly OrderNode[] =>
  typeof row.from === 'string' ? [row.from] : row.from

export function can(
  order: OrderRecord,
  event: OrderEvent,
  role: ActorRole,
  ctx: GuardContext = {},
): Verdict {
  const rows = TRANSITIONS.filter((r) => r.event === event && fromNodes(r).includes(order.node))
  const what = EVENT_LABELS[event]
  if (rows.length === 0)
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: `订单${NODE_LABELS[order.node]}，不能${what}`,
    }
  const mine = rows.filter((r) => r.roles.includes(role))
  if (mine.length === 0)
    return { ok: false, code: 'FORBIDDEN', reason: `${ACTOR_ROLE_LABELS[role]}不能${what}` }
  if (role === 'consumer' && ctx.openid !== undefined && ctx.openid !== order.ownerOpenid)
    return { ok: false, code: 'FORBIDDEN', reason: '只能操作自己的订单' }
  let firstReason: string | null = null
  for (const row of mine) {
    const reason = row.guard ? row.guard(order, ctx) : null
    if (reason === null) return { ok: true, to: row.to === 'same' ? order.node : row.to }
    firstReason ??= reason
  }
  return { ok: false, code: 'INVALID_TRANSITION', reason: firstReason ?? `不能${what}` }
}

/** Events this role may fire now, in ORDER_EVENTS order: the buttons a page shows. */
export function availableEvents(
  order: OrderRecord,
  role: ActorRole,
  ctx: GuardContext = {},
): OrderEvent[] {
  return ORDER_EVENTS.filter((event) => can(order, event, role, ctx).ok)
}
