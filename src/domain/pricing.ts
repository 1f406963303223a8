// quoteOrder(product, selection, context): Quote — price and lead time, pure and deterministic.
// The page shows it live; the cloud recomputes it when creating the order and never trusts a
// client's numbers. Rules (money integer fen, days are China calendar days):
// - unit price = base + sum of chosen choices' deltas, floored at 0 (a "最低价调整" line keeps
//   the lines summing to the total); price = unit x quantity + urgent surcharge (once per order).
// - normal lead = base + the largest chosen leadDaysDelta (extra work on different options runs
//   in parallel, so the slowest option decides) + 1 day per `queueOrdersPerDay` orders already
//   in production (product setting, else DEFAULT_QUEUE_ORDERS_PER_DAY).
// - urgent, when requested and today's capacity remains: lead = min(urgentLeadDays, normal),
//   skipping the queue, plus the surcharge. Otherwise the order is quoted as normal and
//   `urgent.reason` says why; the cloud then refuses with URGENT_SOLD_OUT instead of silently
//   charging a different order than the customer asked for.
// - batch products: production starts when the batch reaches its minimum. Before that the
//   quote's `etaBasis` is 'batch_reached' and `etaDate` is the earliest possible day (if the
//   batch reached today); pages show "成团后 N 天". It is 'order' once this order completes it.
import type { ProductRecord } from './product-schema'
import { addDays, chinaDateOf, type ChinaDate } from './china-date'
import type { OrderSelection } from './order-selection'

export const DEFAULT_QUEUE_ORDERS_PER_DAY = 5

export interface QuoteContext {
  now: Date
  /** Urgent orders already accepted for this product on today's China date. */
  urgentOrdersToday: number
  /** Orders of this product currently in production (estimated; read outside transactions). */
  queueLoad: number
  /** Batch products: units already in the open batch, without this order. */
  batchQuantity?: number
}

export interface QuoteLine {
  label: string
  amountFen: number
}

export interface Quote {
  unitPriceFen: number
  quantity: number
  /** What the customer pays: the lines sum to it. */
  priceFen: number
  lines: QuoteLine[]
  leadDays: number
  /** China calendar date the order is expected to be ready to ship. */
  etaDate: ChinaDate
  etaBasis: 'order' | 'batch_reached'
  /** Preorders with a deposit: the 定金 for this quantity, paid at submit (order-payments.ts). */
  depositFen?: number
  /** China date the quote was made on (urgent capacity is per day). */
  quotedOn: ChinaDate
  urgent: { requested: boolean; available: boolean; applied: boolean; reason?: string }
}

export const URGENT_REASONS = {
  none: '该商品不支持加急',
  full: '今日加急名额已满',
} as const

export function quoteOrder(
  product: ProductRecord,
  selection: OrderSelection,
  context: QuoteContext,
): Quote {
  const { quantity } = selection
  const today = chinaDateOf(context.now)
  const chosen = chosenChoices(product, selection)
  const rawUnit = product.basePriceFen + chosen.reduce((sum, c) => sum + c.priceDeltaFen, 0)
  const unitPriceFen = Math.max(0, rawUnit)

  const lines: QuoteLine[] = [
    {
      label: quantity > 1 ? `基础价 ×${quantity}` : '基础价',
      amountFen: product.basePriceFen * quantity,
    },
    ...chosen
      .filter((c) => c.priceDeltaFen !== 0)
      .map((c) => ({ label: c.label, amountFen: c.priceDeltaFen * quantity })),
  ]
  if (rawUnit < 0) lines.push({ label: '最低价调整', amountFen: -rawUnit * quantity })

  const urgent = urgentState(product, selection, context)
  const optionDays = Math.max(0, ...chosen.map((c) => c.leadDaysDelta))
  const perDay = product.queueOrdersPerDay ?? DEFAULT_QUEUE_ORDERS_PER_DAY
  const queueDays = Math.floor(Math.max(0, context.queueLoad) / perDay)
  const normalDays = product.baseLeadDays + optionDays + queueDays
  let leadDays = normalDays
  if (urgent.applied && product.urgent) {
    leadDays = Math.min(product.urgent.urgentLeadDays, normalDays)
    lines.push({ label: '加急费', amountFen: product.urgent.surchargeFen })
  }

  const batchWaiting =
    product.batch !== undefined &&
    (context.batchQuantity ?? 0) + quantity < product.batch.minQuantity
  return {
    unitPriceFen,
    quantity,
    priceFen: lines.reduce((sum, line) => sum + line.amountFen, 0),
    lines,
    leadDays,
    etaDate: addDays(today, leadDays),
    etaBasis: batchWaiting ? 'batch_reached' : 'order',
    quotedOn: today,
    urgent,
    ...(product.batch?.depositFen ? { depositFen: product.batch.depositFen * quantity } : {}),
  }
}

/** The chosen choices, labelled "组：选项", in the product's group order. */
export function chosenChoices(product: ProductRecord, selection: OrderSelection) {
  return product.optionGroups.flatMap((group) =>
    group.choices
      .filter((choice) => selection.options[group.id]?.includes(choice.id))
      .map((choice) => ({
        ...choice,
        groupId: group.id,
        label: `${group.label}：${choice.label}`,
      })),
  )
}

function urgentState(product: ProductRecord, selection: OrderSelection, context: QuoteContext) {
  const requested = selection.urgent
  if (!product.urgent)
    return { requested, available: false, applied: false, reason: URGENT_REASONS.none }
  if (context.urgentOrdersToday >= product.urgent.dailyCapacity)
    return { requested, available: false, applied: false, reason: URGENT_REASONS.full }
  return { requested, available: true, applied: requested }
}

/**
 * Id of the per-product, per-China-day urgent counter document. The cloud reads and increments
 * it inside the order transaction, so two parallel orders cannot both take the last slot.
 */
export function urgentQuotaId(productId: string, day: ChinaDate): string {
  return `${productId}_${day}`
}

/**
 * The urgent slot a cancel gives back, or null. An urgent order holds one slot of the day it was
 * quoted on; cancelling it frees that slot for someone else, but only while that day is still
 * today: quotes and creates only read today's counter, so a past day's count frees nothing and
 * stays as the record of what was accepted that day. Cancelled is final, so a cancel applies
 * (and releases) once; the cloud releases in the cancel's own transaction.
 */
export function urgentReleaseOf(
  order: { productId: string; quote: Pick<Quote, 'quotedOn' | 'urgent'> },
  now: Date,
): { quotaId: string } | null {
  const { quotedOn, urgent } = order.quote
  if (!urgent?.applied || !quotedOn || quotedOn !== chinaDateOf(now)) return null
  return { quotaId: urgentQuotaId(order.productId, quotedOn) }
}

/** The day's urgent count after giving one slot back (never below zero). */
export const releasedUrgentCount = (count: number | undefined) => Math.max(0, (count ?? 0) - 1)
