// What the merchant admin receives from the cloud: responses of order.board and every
// `merchant.*` action (their payload checks are in ./api/merchant.ts and ./api/order.ts). Pages
// and the merchant function both import these; fields may be added, never renamed.
import type { RecStatsView } from './rec-stats'
import type { ErrorCode } from './errors'
import type { ExceptionKind, OrderNode, OrderRecord } from './order-types'
import type { HoldReason, MessagePurpose } from './messages'
import type { AfterSalesStats } from './after-sales-stats'
import type { RatingStats } from './rating-stats'
import type { ServiceStats } from './visit-stats'

// ---- order.board ----

export interface BoardView {
  /** Orders per node of BOARD_COUNTED_NODES (no count for completed and cancelled). */
  counts: Partial<Record<OrderNode, number>>
  /** Open orders past their ETA (all nodes). */
  overdue: number
  /** Orders with an open exception (all nodes). */
  exceptions: number
  /** Phones masked. Within a node: open exception first, then overdue, then by ETA. */
  items: OrderRecord[]
  nextCursor: string | null
}

// ---- merchant.actMany / flagStockOut / closeBatch / cancelBatch / decideAfterSalesMany ----

export interface OrderActionResult {
  orderId: string
  /** null when the order does not exist. */
  orderNo: string | null
  ok: boolean
  code?: ErrorCode
  message?: string
}

/** One answer of merchant.decideAfterSalesMany: the request, its order's number, done or why not. */
export interface AfterSalesActionResult {
  afterSalesId: string
  /** The request's order number; null when the request does not exist. */
  orderNo: string | null
  ok: boolean
  code?: ErrorCode
  message?: string
}

/** What a batch did, item by item in the order sent: each result, and how many applied. */
export interface ManyView<R extends { ok: boolean }> {
  results: R[]
  applied: number
  failed: number
}

export type ActManyView = ManyView<OrderActionResult>
export type DecideAfterSalesManyView = ManyView<AfterSalesActionResult>

// ---- stock ----

export interface MaterialUsage {
  productId: string
  productName: string
  /** Units of the material one unit of the product needs. */
  perUnit: number
}

export interface MaterialView {
  id: string
  name: string
  unit: string
  /** On hand. */
  quantity: number
  /** Held by live orders, not yet consumed. */
  reserved: number
  /** quantity − reserved (negative only after a stock-count correction). */
  available: number
  safetyLevel: number
  low: boolean
  usage: MaterialUsage[]
  /** Orders holding a reservation that stock cannot cover. */
  affectedOrders: number
}

export interface RestockTask {
  id: string
  materialId: string
  materialName: string
  status: 'open' | 'done'
  createdAt: Date
  suggestedQuantity: number
}

export interface StockView {
  items: MaterialView[]
  tasks: RestockTask[]
}

export interface SaveMaterialView {
  material: MaterialView
}

/** Reasons an adjustment may give; only a count correction may leave reservations uncovered. */
export const STOCK_ADJUST_REASONS = ['restock', 'count_correction', 'damage', 'other'] as const
export type StockAdjustReason = (typeof STOCK_ADJUST_REASONS)[number]

export interface AdjustStockView {
  material: MaterialView
  /** The restock task opened (or still open) when the material is low, otherwise null. */
  task: RestockTask | null
  /** Units of reservations stock no longer covers (count corrections only); 0 otherwise. */
  shortfall: number
}

// ---- batches ----

export interface BatchOrderView {
  orderId: string
  orderNo: string
  quantity: number
  node: OrderNode
}

export type BatchStatus = 'collecting' | 'reached' | 'cancelled'

export interface BatchView {
  batchId: string
  productId: string
  productName: string
  status: BatchStatus
  quantity: number
  minQuantity: number
  remaining: number
  reached: boolean
  orders: BatchOrderView[]
  openedAt: Date
  /** Still collecting then, the batch is cancelled by the timer (products with collectDays). */
  deadlineAt: Date | null
}

export interface BatchesView {
  items: BatchView[]
  nextCursor: string | null
}

export interface BatchActionView {
  batch: BatchView
  results: OrderActionResult[]
}

// ---- dashboard ----

export interface LeadTimeStats {
  samples: number
  averageDays: number | null
  p90Days: number | null
  promisedAverageDays: number | null
  /** Share delivered on or before the promised ETA, 0..1. */
  onTimeRate: number | null
}

/** One message purpose on the dashboard (only purposes with a message sent in the window). */
export interface MessageOpens {
  purpose: MessagePurpose
  sent: number
  opened: number
  openRate: number | null
}

export interface DashboardView {
  generatedAt: Date
  byNode: Record<OrderNode, number>
  overdue: number
  exceptions: number
  leadTime: LeadTimeStats
  /** 0..1 of orders placed in the window. */
  urgentShare: number | null
  /** Most requested option choices this week (demand signal). */
  topOptions: { label: string; count: number }[]
  refills: {
    remindersSent: number
    reorders: number
    conversion: number | null
    windowDays: number
  }
  messages: {
    sent: number
    held: number
    failed: number
    pending: number
    /** Held messages by reason; rows held before reasons were stored are in no entry. */
    heldBy: Record<HoldReason, number>
    /** Sent messages whose page the customer opened (message.opened), and opened / sent. */
    opened: number
    openRate: number | null
    byPurpose: MessageOpens[]
  }
  /** Oldest first; week = Monday's China date, YYYY-MM-DD. */
  weeklyOrders: { week: string; count: number }[]
  /** Orders with a refund WeChat refused (the failed-refunds list on 对账). */
  failedRefunds: number
  /** After-sales quality signals over the window (after-sales-stats.ts). */
  afterSales: AfterSalesStats & { windowDays: number }
  /** Ratings given over the window: averages, per product, the lowest (rating-stats.ts). */
  ratings: RatingStats & { windowDays: number }
  /** Each 为你推荐 slot over the last 30 days: shown, tapped, ordered, and bases that convert. */
  recommendations: RecStatsView
  /**
   * Home visits whose window started in the window (visit-stats.ts); `capped`: more than the
   * read's limit started, so only the newest are counted.
   */
  service: ServiceStats & { windowDays: number; capped: boolean }
}

// ---- merchant accounts ----

export interface MerchantAccountView {
  /** Masked. */
  openid: string
  /** Opaque handle for removeMerchant, since the list never shows a full OPENID. */
  ref: string
  name: string
  /** null for an account created by hand in the console without it. */
  addedAt: Date | null
  self: boolean
}

export interface MerchantsView {
  items: MerchantAccountView[]
}

/** Exception kinds a merchant may flag by hand (out_of_stock also comes from flagStockOut). */
export type FlaggableException = ExceptionKind

// ---- local photo stand-in (POST /cloud/files on the local cloud) ----

export interface UploadedFile {
  /** `local-file://[<dir>/]<name>` locally, a cloud file id on WeChat (domain/photos.ts). */
  fileID: string
  url: string
}
