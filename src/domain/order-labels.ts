// Chinese labels for the order vocabulary, and the consumer's order tabs. Pages and messages
// read these; nothing else spells a node or event name in Chinese.
import type {
  ActorRole,
  ExceptionKind,
  OrderEvent,
  OrderNode,
  OrderRecord,
  RemedyType,
} from './order-types'

export const NODE_LABELS: Record<OrderNode, string> = {
  submitted: '已提交',
  confirmed: '已确认',
  materials: '备料中',
  production: '制作中',
  rework: '返工中',
  quality_check: '质检中',
  shipped: '已发货',
  delivered: '已签收',
  completed: '已完成',
  cancelled: '已取消',
}

export const EVENT_LABELS: Record<OrderEvent, string> = {
  confirm: '确认订单',
  purchase_materials: '开始备料',
  start_production: '开始制作',
  start_quality_check: '开始质检',
  ship: '发货',
  deliver: '标记签收',
  complete: '确认收货',
  cancel: '取消订单',
  set_eta: '修改预计完成日期',
  flag_exception: '报告异常',
  choose_remedy: '选择处理方式',
  resolve_exception: '处理异常',
  batch_reached: '成团开工',
  pay: '付款',
  expire: '超时取消',
  choose_delivery_window: '选择送货时间',
  rework: '售后返工',
}

/**
 * The submit button under an action's form. Written out per event, not built as `确认${label}`:
 * that read 确认确认订单 for the label that already starts with 确认.
 */
export const EVENT_SUBMIT_LABELS: Record<OrderEvent, string> = {
  confirm: '确认订单',
  purchase_materials: '确认开始备料',
  start_production: '确认开始制作',
  start_quality_check: '确认开始质检',
  ship: '确认发货',
  deliver: '确认已签收',
  complete: '确认收货',
  cancel: '确认取消订单',
  set_eta: '保存新的完成日期',
  flag_exception: '通知顾客选择',
  choose_remedy: '确认处理方式',
  resolve_exception: '确认已处理',
  batch_reached: '确认成团开工',
  pay: '确认已付款',
  expire: '确认超时取消',
  choose_delivery_window: '保存送货时间',
  rework: '确认返工',
}

export const ACTOR_ROLE_LABELS: Record<ActorRole, string> = {
  consumer: '顾客',
  merchant: '商家',
  system: '系统',
}

export const EXCEPTION_KIND_LABELS: Record<ExceptionKind, string> = {
  delayed: '生产延误',
  out_of_stock: '缺货',
}

export const REMEDY_LABELS: Record<RemedyType, string> = {
  wait_new_eta: '等待新的完成日期',
  switch_warehouse: '更换仓库发货',
  coupon: '领取补偿券',
  cancel: '取消订单',
}

export const ORDER_TABS = ['in_progress', 'shipped', 'done', 'exceptions'] as const
export type OrderTab = (typeof ORDER_TABS)[number]

export const ORDER_TAB_LABELS: Record<OrderTab, string> = {
  in_progress: '进行中',
  shipped: '待收货',
  done: '已完成',
  exceptions: '异常',
}

/** Node groups per tab. */
export const TAB_NODES: Record<Exclude<OrderTab, 'exceptions'>, readonly OrderNode[]> = {
  in_progress: ['submitted', 'confirmed', 'materials', 'production', 'quality_check'],
  shipped: ['shipped', 'delivered'],
  done: ['completed', 'cancelled'],
}

/**
 * The tabs an order is listed on: its node's tab and, with an open exception, 异常 as well. An
 * exception never takes an order out of 进行中: that is where the customer looks for it.
 */
export function orderTabsOf(order: Pick<OrderRecord, 'node' | 'exception'>): OrderTab[] {
  const tab =
    (Object.keys(TAB_NODES) as (keyof typeof TAB_NODES)[]).find((key) =>
      TAB_NODES[key].includes(order.node),
    ) ?? 'in_progress'
  return order.exception ? [tab, 'exceptions'] : [tab]
}
