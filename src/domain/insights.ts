// What the shop sees (issue 19): each product's funnel (list views → detail opens → orders) and
// the week-on-week demand signals per product, option choice and region. Pure folds over rows
// the cloud reads (merchant.insights); nothing here touches the database.
import { regionOf } from './address-region'
import { shareOf } from './dashboard'
import type { ChinaDate } from './china-date'
import type { OrderRecord } from './order-types'
import type { ExperimentFigures } from './message-variants'

/** The funnel covers this many days up to now. */
export const FUNNEL_WINDOW_DAYS = 30
/** A demand row is flagged 需求激增 when this week at least doubles last week and reaches this. */
export const SURGE_MIN_UNITS = 3
export const SURGE_FACTOR = 2
/** Each demand table shows at most this many rows, the biggest risers first. */
export const DEMAND_ROWS = 10

export interface FunnelRow {
  productId: string
  name: string
  /** Times the catalog list was served with this product in it. */
  listViews: number
  /** product_view events: only customers with 个性化推荐 on are recorded. */
  detailOpens: number
  orders: number
  /** detailOpens / listViews, and orders / detailOpens (null without a denominator). */
  openRate: number | null
  orderRate: number | null
}

export interface DemandRow {
  key: string
  label: string
  /** Units ordered this China week (so far) and last week. */
  thisWeek: number
  lastWeek: number
  surge: boolean
}

export interface InsightsView {
  generatedAt: Date
  windowDays: number
  funnel: FunnelRow[]
  demand: {
    thisWeek: ChinaDate
    lastWeek: ChinaDate
    surgeMinUnits: number
    products: DemandRow[]
    options: DemandRow[]
    regions: DemandRow[]
  }
  /** Each message A/B test: per variant, sent, opened and followed by an order (same window). */
  experiments: ExperimentFigures[]
  /** True when the order or message read hit its limit, so the figures are a sample. */
  sampled: boolean
}

type Counts = ReadonlyMap<string, number>
const countIn = (counts: Counts, key: string) => counts.get(key) ?? 0

/** One row per product, the most ordered first (then opens, list views, name). */
export function funnelRows(
  products: { id: string; name: string }[],
  listViews: Counts,
  detailOpens: Counts,
  orders: Counts,
): FunnelRow[] {
  return products
    .map(({ id, name }) => {
      const row = {
        productId: id,
        name,
        listViews: countIn(listViews, id),
        detailOpens: countIn(detailOpens, id),
        orders: countIn(orders, id),
      }
      return {
        ...row,
        openRate: shareOf(row.detailOpens, row.listViews),
        orderRate: shareOf(row.orders, row.detailOpens),
      }
    })
    .sort(
      (a, b) =>
        b.orders - a.orders ||
        b.detailOpens - a.detailOpens ||
        b.listViews - a.listViews ||
        a.name.localeCompare(b.name),
    )
}

/** Orders placed per product. */
export function ordersPerProduct(orders: Pick<OrderRecord, 'productId'>[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const { productId } of orders) counts.set(productId, (counts.get(productId) ?? 0) + 1)
  return counts
}

export function isSurge(thisWeek: number, lastWeek: number): boolean {
  return thisWeek >= SURGE_MIN_UNITS && thisWeek >= SURGE_FACTOR * lastWeek
}

export type DemandOrder = Pick<
  OrderRecord,
  'productId' | 'productSnapshot' | 'selection' | 'address' | 'ownerOpenid' | 'createdAt'
>

class Tally {
  private rows = new Map<string, DemandRow>()
  add(key: string, label: string, week: 'thisWeek' | 'lastWeek', units: number) {
    const row = this.rows.get(key) ?? { key, label, thisWeek: 0, lastWeek: 0, surge: false }
    row[week] += units
    this.rows.set(key, row)
  }
  /** The biggest risers first (then this week's units, then label), flagged. */
  top(limit: number): DemandRow[] {
    return [...this.rows.values()]
      .map((row) => ({ ...row, surge: isSurge(row.thisWeek, row.lastWeek) }))
      .sort(
        (a, b) =>
          b.thisWeek - b.lastWeek - (a.thisWeek - a.lastWeek) ||
          b.thisWeek - a.thisWeek ||
          a.label.localeCompare(b.label),
      )
      .slice(0, limit)
  }
}

/**
 * Units ordered this China week against last week, per product, option choice and region
 * (province and city of the delivery address). Orders before `lastWeekStart` or from
 * `thisWeekEnd` on are ignored.
 */
export function demandSignals(
  orders: DemandOrder[],
  weeks: { lastWeekStart: Date; thisWeekStart: Date; thisWeekEnd: Date },
  limit = DEMAND_ROWS,
): { products: DemandRow[]; options: DemandRow[]; regions: DemandRow[] } {
  const products = new Tally()
  const options = new Tally()
  const regions = new Tally()
  for (const order of orders) {
    const at = new Date(order.createdAt).getTime()
    if (at < weeks.lastWeekStart.getTime() || at >= weeks.thisWeekEnd.getTime()) continue
    const week = at >= weeks.thisWeekStart.getTime() ? 'thisWeek' : 'lastWeek'
    const units = order.selection.quantity
    const name = order.productSnapshot.name
    products.add(order.productId, name, week, units)
    for (const c of order.productSnapshot.choices)
      options.add(
        `${order.productId}/${c.groupId}/${c.choiceId}`,
        `${name} · ${c.groupLabel}：${c.choiceLabel}`,
        week,
        units,
      )
    const { province, city } = regionOf(order.address.region)
    // A municipality is its own city: 上海市, not 上海市 上海市.
    const label = (city && city !== province ? `${province} ${city}` : province) || '未知地区'
    regions.add(label, label, week, units)
  }
  return { products: products.top(limit), options: options.top(limit), regions: regions.top(limit) }
}
