// The home page about the customer (user.home): orders still on their way, refills running out,
// 为你推荐, and the catalog below. The texts are made here, so the page only lays them out.
import type { ProductSummary } from './catalog'
import { NODE_LABELS } from './order-labels'
import { PRE_SHIPPING_NODES, type OrderNode, type OrderRecord } from './order-types'
import { daysUntil, RECOMMEND_CONFIG, type Recommendation } from './recommend'
import type { RefillRecord } from './refill'

/** Orders shown on the home page: made, being made or on the road (not yet delivered). */
export const HOME_ORDER_NODES: readonly OrderNode[] = [...PRE_SHIPPING_NODES, 'shipped']
export const HOME_ORDER_LIMIT = 5

export interface HomeOrder {
  id: string
  orderNo: string
  productName: string
  node: OrderNode
  nodeText: string
  /** 预计 2026-12-01 完成, 已发货 · 顺丰速运, …; with an open exception, what to do. */
  statusText: string
  exception: boolean
}

export interface HomeRefill {
  productId: string
  productName: string
  /** The order 立即补货 repeats. */
  lastOrderId: string
  daysLeft: number
  text: string
}

export interface HomeView {
  personalised: boolean
  orders: HomeOrder[]
  refills: HomeRefill[]
  recommendations: Recommendation[]
  /** The active catalog, as catalog.list gives it. */
  catalog: ProductSummary[]
}

export type HomeOrderFields = Pick<
  OrderRecord,
  '_id' | 'orderNo' | 'node' | 'eta' | 'exception' | 'shipping'
> & { productSnapshot: Pick<OrderRecord['productSnapshot'], 'name'> }

export function toHomeOrder(order: HomeOrderFields): HomeOrder {
  const statusText = order.exception
    ? order.exception.choice
      ? '已选择处理方式，等待商家处理'
      : '订单有异常，请选择处理方式'
    : order.node === 'shipped'
      ? `已发货${order.shipping ? ` · ${order.shipping.carrier}` : ''}`
      : `预计 ${order.eta} 完成`
  return {
    id: order._id,
    orderNo: order.orderNo,
    productName: order.productSnapshot.name,
    node: order.node,
    nodeText: NODE_LABELS[order.node],
    statusText,
    exception: order.exception !== null,
  }
}

export function refillDaysText(daysLeft: number): string {
  return daysLeft > 0 ? `约 ${daysLeft} 天后用完` : '已到补货时间'
}

/** Refills running out within RECOMMEND_CONFIG.refillSoonDays, soonest first; stopped ones never. */
export function refillsDueSoon(
  refills: Pick<
    RefillRecord,
    'productId' | 'productName' | 'lastOrderId' | 'runOutAt' | 'status'
  >[],
  now: Date,
): HomeRefill[] {
  return refills
    .filter((r) => r.status !== 'stopped')
    .map((r) => ({ refill: r, daysLeft: daysUntil(now, new Date(r.runOutAt)) }))
    .filter(({ daysLeft }) => daysLeft <= RECOMMEND_CONFIG.refillSoonDays)
    .sort((a, b) => a.daysLeft - b.daysLeft)
    .map(({ refill, daysLeft }) => ({
      productId: refill.productId,
      productName: refill.productName,
      lastOrderId: refill.lastOrderId,
      daysLeft,
      text: refillDaysText(daysLeft),
    }))
}

/** The line under 为你推荐: what the picks rest on. */
export function recommendationsNote(personalised: boolean, items: { basis: string }[]): string {
  if (!personalised) return '个性化推荐已关闭，以下为店铺精选'
  return items.some((item) => item.basis !== 'curated')
    ? '根据你的浏览、下单与补货记录'
    : '店铺精选，逛逛、下单后会更懂你'
}
