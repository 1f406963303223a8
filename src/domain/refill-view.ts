// What refill.mine and the answers return: one tracked consumable as the 我的补货 page shows it.
// Dates are Date on the server and ISO strings after the JSON trip to the page.
import type { SlotRecommendation } from './recommend-slots'
import type { CycleSource, RefillRecord, RefillStatus } from './refill'

export interface RefillView<Instant = Date> {
  productId: string
  productName: string
  /** Days one unit lasts (天/件). */
  cycleDays: number
  cycleSource: CycleSource
  defaultCycleDays: number
  runOutAt: Instant
  nextReminderAt: Instant
  status: RefillStatus
  /** The order a one-tap reorder repeats. */
  lastOrderId: string
  lastPurchaseAt: Instant
  lastQuantity: number
  lastReminderAt: Instant | null
  snoozes: number
}

export interface RefillList<Instant = Date> {
  refills: RefillView<Instant>[]
  /** The 补货提醒 list: reminders sent (or held for want of a credit) not yet answered. */
  reminders: RefillView<Instant>[]
  /** 为你推荐 on this page (slot `refill`). */
  recommendations: { personalised: boolean; items: SlotRecommendation[] }
}

export function toRefillView(record: RefillRecord): RefillView {
  const last = record.purchases[record.purchases.length - 1]
  return {
    productId: record.productId,
    productName: record.productName,
    cycleDays: record.cycleDays,
    cycleSource: record.cycleSource,
    defaultCycleDays: record.defaultCycleDays,
    runOutAt: record.runOutAt,
    nextReminderAt: record.nextReminderAt,
    status: record.status,
    lastOrderId: record.lastOrderId,
    lastPurchaseAt: last.at,
    lastQuantity: last.quantity,
    lastReminderAt: record.lastReminderAt,
    snoozes: record.snoozes,
  }
}

export const REFILL_STATUS_LABELS: Record<RefillStatus, string> = {
  active: '按时提醒',
  reminded: '已提醒',
  stopped: '已停止提醒',
}

export const CYCLE_SOURCE_LABELS: Record<CycleSource, string> = {
  default: '商品默认周期',
  learned: '根据你的购买习惯',
  customer: '你设置的周期',
}

/** The page a reminder opens: 我的补货, focused on the product, with 立即补货 one tap away. */
export function refillPageOf(productId: string): string {
  return `pages/refills/index?productId=${productId}`
}
