// Contracts of the merchant function's actions: each payload check runs in the function before
// anything is read, and in the page's form before anything is sent.
import type {
  ActManyView,
  AdjustStockView,
  DecideAfterSalesManyView,
  BatchActionView,
  BatchesView,
  DashboardView,
  MerchantsView,
  SaveMaterialView,
  StockView,
} from '../merchant-views'
import { STOCK_ADJUST_REASONS } from '../merchant-views'
import { OPENID_PATTERN } from '../merchant-accounts'
import { cursorCheck, pagingFields } from '../cursor'
import type { CsMessageView, CsSessionView } from '../cs-inbox-view'
import { MAX_MERCHANT_REPLY } from '../customer-service'
import { FUNCTIONS } from '../names'
import { carrierCheck, trackingNoCheck, type EventPayload } from '../order-input'
import { ORDER_EVENTS, REMEDY_TYPES, type OrderEvent, type RemedyOffer } from '../order-types'
import {
  array,
  checkedLater,
  id,
  integer,
  invalid,
  noPayload,
  object,
  oneOf,
  optional,
  refine,
  string,
  valid,
  type Check,
  type Infer,
} from '../validate'
import { contractsOf, returns } from './contract'
import {
  AFTER_SALES_DECISIONS,
  AFTER_SALES_KINDS,
  PLAN_MAX,
  type AfterSalesDecision,
  type AfterSalesRecord,
} from '../after-sales'
import { isChinaDate } from '../china-date'
import type { InsightsView } from '../insights'
import {
  REFUND_NOTE_MAX,
  REFUND_REASONS,
  type FailedRefundsView,
  type ReconciliationView,
  type RefundActionView,
} from '../money-views'

const action = contractsOf(FUNCTIONS.merchant)

/** Orders one merchant.actMany call may act on. */
export const MAX_BATCH_ORDERS = 50
const STOCK_LIMIT = 1_000_000

/** Longest material name and unit (the form's input limits come from here too). */
export const MATERIAL_TEXT_LIMITS = { name: 30, unit: 8 } as const

export const saveMaterialPayload = object({
  id: optional(id('材料')),
  name: string({ label: '材料名称', max: MATERIAL_TEXT_LIMITS.name, oneLine: true }),
  unit: string({ label: '单位', max: MATERIAL_TEXT_LIMITS.unit, oneLine: true }),
  safetyLevel: integer({ label: '安全库存', min: 0, max: 1_000_000 }),
  quantity: optional(integer({ label: '初始库存', min: 0, max: 1_000_000 })),
  usage: array(
    object({
      productId: id('商品'),
      perUnit: integer({ label: '每件用量', min: 1, max: 10_000 }),
    }),
    { label: '用量', min: 0, max: 20 },
  ),
})
export type SaveMaterialPayload = Infer<typeof saveMaterialPayload>

const nonZero: Check<number> = (value, path) => {
  const checked = integer({ label: '调整数量', min: -STOCK_LIMIT, max: STOCK_LIMIT })(value, path)
  return checked.ok && checked.value === 0
    ? { ok: false, path, message: '调整数量不能为 0' }
    : checked
}

/** Shape here; the rest (a new ETA not in the past, coupon amount) by the order machine's
 * flag_exception input rules, the same as order.act. */
const remedyShape: Check<Record<string, unknown>, RemedyOffer> = (value, path) =>
  typeof value === 'object' &&
  value !== null &&
  (REMEDY_TYPES as readonly unknown[]).includes((value as { type?: unknown }).type)
    ? { ok: true, value: value as Record<string, unknown> }
    : { ok: false, path, message: '处理方式不正确' }

const openidCheck: Check<string> = (value, path) =>
  typeof value === 'string' && OPENID_PATTERN.test(value)
    ? { ok: true, value }
    : { ok: false, path, message: 'OPENID 格式不正确' }

/** Either the full OPENID or the `ref` from merchant.merchants. */
const removeMerchantPayload: Check<
  { openid?: string; ref?: string },
  { openid: string } | { ref: string }
> = (value, path) => {
  const byOpenid = object({ openid: openidCheck })(value, path)
  if (byOpenid.ok) return byOpenid
  const byRef = object({ ref: string({ label: '账号', max: 16, oneLine: true }) })(value, path)
  return byRef.ok ? byRef : byOpenid
}

/** No single refund above this (fen): far above any order, far below overflow. */
const MAX_REFUND_FEN = 100_000_000

const chinaDateCheck: Check<string> = (value, path) =>
  isChinaDate(value) ? { ok: true, value } : { ok: false, path, message: '日期格式应为 YYYY-MM-DD' }

/** Told to every customer in the batch; the batches page's input stops at its limit. */
export const batchCancelReason = string({ label: '取消原因', max: 200 })

/** What an answer carries: 受理 a plan (shown to the customer) and its days, 不受理 a reason. */
const answerFields = {
  plan: optional(string({ label: '处理方案', max: PLAN_MAX, oneLine: true })),
  days: optional(integer({ label: '预计天数', min: 1, max: 60 })),
  reason: optional(string({ label: '不受理的原因', max: PLAN_MAX, oneLine: true })),
}

type Answer = { decision: AfterSalesDecision; plan?: string; days?: number; reason?: string }
const fieldAt = (path: string, field: string) => `${path ? `${path}.` : ''}${field}`

/** Accept needs a plan and its days, decline a reason (one request or a batch alike). */
function answerProblem(input: Answer, path: string) {
  if (input.decision === 'accept' && !input.plan)
    return invalid(fieldAt(path, 'plan'), '请填写处理方案')
  if (input.decision === 'accept' && !input.days)
    return invalid(fieldAt(path, 'days'), '请填写预计天数')
  if (input.decision === 'decline' && !input.reason)
    return invalid(fieldAt(path, 'reason'), '请填写不受理的原因')
  return null
}

/**
 * The merchant's answer: accept needs a plan and its days, decline a reason; closing a return
 * may name its refund (fen; without it the whole rest is refunded).
 */
const afterSalesDecisionCheck = refine(
  object({
    afterSalesId: id('售后申请'),
    decision: oneOf('处理结果', AFTER_SALES_DECISIONS),
    ...answerFields,
    carrier: optional(carrierCheck),
    trackingNo: optional(trackingNoCheck),
    refundFen: optional(integer({ label: '退款金额（分）', min: 1, max: MAX_REFUND_FEN })),
  }),
  (input, path) => {
    const at = (field: string) => fieldAt(path, field)
    if (input.refundFen !== undefined && input.decision !== 'close')
      return invalid(at('refundFen'), '只有完成退货时填写退款金额')
    if (input.decision === 'ship_back' && !input.carrier)
      return invalid(at('carrier'), '请填写快递公司')
    if (input.decision === 'ship_back' && !input.trackingNo)
      return invalid(at('trackingNo'), '请填写快递单号')
    return answerProblem(input, path) ?? valid(null)
  },
  (input) => input,
)

/** Answers a batch may give: the first answer to unanswered requests (the rest go one by one). */
export const BATCH_AFTER_SALES_DECISIONS = [
  'accept',
  'decline',
] as const satisfies readonly AfterSalesDecision[]
/** Requests one merchant.decideAfterSalesMany call may answer: the same cap as actMany. */
export const MAX_BATCH_AFTER_SALES = MAX_BATCH_ORDERS

/** One answer for several requests, each named once. */
const afterSalesManyCheck = refine(
  object({
    afterSalesIds: array(id('售后申请'), {
      label: '售后申请',
      min: 1,
      max: MAX_BATCH_AFTER_SALES,
    }),
    decision: oneOf('处理结果', BATCH_AFTER_SALES_DECISIONS),
    ...answerFields,
  }),
  (input, path) =>
    new Set(input.afterSalesIds).size !== input.afterSalesIds.length
      ? invalid(fieldAt(path, 'afterSalesIds'), '售后申请不能重复')
      : (answerProblem(input, path) ?? valid(null)),
  (input) => input,
)

export const merchantApi = {
  actMany: action(
    'actMany',
    object({
      orderIds: array(id('订单'), { label: '订单', min: 1, max: MAX_BATCH_ORDERS }),
      event: oneOf('操作', ORDER_EVENTS),
      input: optional(checkedLater),
    }) as Check<
      { orderIds: string[]; event: OrderEvent; input?: unknown },
      { orderIds: string[] } & EventPayload
    >,
    returns<ActManyView>(),
  ),
  stock: action('stock', noPayload, returns<StockView>()),
  saveMaterial: action('saveMaterial', saveMaterialPayload, returns<SaveMaterialView>()),
  adjustStock: action(
    'adjustStock',
    object({
      materialId: id('材料'),
      delta: nonZero,
      reason: oneOf('调整原因', STOCK_ADJUST_REASONS),
      note: optional(string({ label: '备注', max: 100 })),
    }),
    returns<AdjustStockView>(),
  ),
  flagStockOut: action(
    'flagStockOut',
    object({
      materialId: id('材料'),
      note: optional(string({ label: '说明', max: 200 })),
      offered: array(remedyShape, { label: '处理方式', min: 1, max: REMEDY_TYPES.length }),
    }),
    returns<ActManyView>(),
  ),
  batches: action(
    'batches',
    optional(object({ cursor: optional(cursorCheck) })),
    returns<BatchesView>(),
  ),
  closeBatch: action(
    'closeBatch',
    object({ batchId: id('批次'), note: optional(string({ label: '说明', max: 200 })) }),
    returns<BatchActionView>(),
  ),
  cancelBatch: action(
    'cancelBatch',
    object({ batchId: id('批次'), note: batchCancelReason }),
    returns<BatchActionView>(),
  ),
  dashboard: action('dashboard', noPayload, returns<DashboardView>()),
  merchants: action('merchants', noPayload, returns<MerchantsView>()),
  addMerchant: action(
    'addMerchant',
    object({ openid: openidCheck, name: string({ label: '名称', max: 30, oneLine: true }) }),
    returns<{ openid: string; ref: string; name: string }>(),
  ),
  removeMerchant: action('removeMerchant', removeMerchantPayload, returns<{ removed: string }>()),
  /** A partial or full refund of a paid order; a repeated requestId refunds once. */
  refundOrder: action(
    'refundOrder',
    object({
      orderId: id('订单'),
      amountFen: integer({ label: '退款金额（分）', min: 1, max: MAX_REFUND_FEN }),
      reason: oneOf('退款原因', REFUND_REASONS),
      note: optional(string({ label: '退款说明', max: REFUND_NOTE_MAX, oneLine: true })),
      requestId: id('请求编号'),
    }),
    returns<RefundActionView>(),
  ),
  /** Sends a failed refund again with its own outRefundNo (never refunds twice). */
  retryRefund: action(
    'retryRefund',
    object({
      orderId: id('订单'),
      outRefundNo: string({ label: '退款单号', max: 32, oneLine: true }),
    }),
    returns<RefundActionView>(),
  ),
  /** A China day's payments and refunds from the ledger (default today). */
  reconciliation: action(
    'reconciliation',
    optional(
      object({
        date: optional(chinaDateCheck),
        page: optional(integer({ label: '页码', min: 1, max: 1000 })),
      }),
    ),
    returns<ReconciliationView>(),
  ),
  /** Orders whose refund failed, with WeChat's reason. */
  failedRefunds: action('failedRefunds', noPayload, returns<FailedRefundsView>()),
  /** Open after-sales requests, oldest first, each with `overdue` past the response promise. */
  afterSalesQueue: action(
    'afterSalesQueue',
    optional(object({ kind: optional(oneOf('售后类型', AFTER_SALES_KINDS)) })),
    returns<{
      items: (AfterSalesRecord & { overdue: boolean; refundableFen?: number })[]
      responseHours: number
    }>(),
  ),
  decideAfterSales: action(
    'decideAfterSales',
    afterSalesDecisionCheck,
    returns<{ request: AfterSalesRecord }>(),
  ),
  /** One answer (受理 or 不受理) to several requests, each answered on its own as above. */
  decideAfterSalesMany: action(
    'decideAfterSalesMany',
    afterSalesManyCheck,
    returns<DecideAfterSalesManyView>(),
  ),
  /** Customers' 客服 chats, newest message first, paged by (lastMessageAt, OPENID). */
  csInbox: action(
    'csInbox',
    optional(object({ ...pagingFields(20, 'instant') })),
    returns<{ items: CsSessionView[]; nextCursor: string | null }>(),
  ),
  /** A text reply in a customer's 客服 chat (customerServiceMessage.send); a repeated requestId sends once. */
  csReply: action(
    'csReply',
    object({
      openid: openidCheck,
      text: string({ label: '回复内容', max: MAX_MERCHANT_REPLY }),
      requestId: id('请求编号'),
    }),
    returns<{ message: CsMessageView; repeated: boolean }>(),
  ),
  /** 经营洞察: each product's 30-day funnel and this week's demand against last week's. */
  insights: action('insights', noPayload, returns<InsightsView>()),
}
