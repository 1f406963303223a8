// The texts the 优惠券 page, the confirm page's coupon row and the order pages' price rows show,
// computed from the records.
import { couponAvailable, couponUsable, type CouponLike, type OrderCoupon } from './coupon'
import { formatFen } from './money'
import type { PaymentState } from './payment'
import { formatChinaTime } from './time'

export const COUPON_ORIGIN_LABELS: Record<CouponLike['origin']['kind'], string> = {
  exception_remedy: '订单延期补偿',
}

export interface CouponCard {
  id: string
  amount: string
  threshold: string
  expiry: string
  origin: string
  /** 可用 / 已使用 / 已过期 */
  state: string
  available: boolean
}

export function couponCard(coupon: CouponLike, now: Date): CouponCard {
  const available = couponAvailable(coupon, now)
  const { origin } = coupon
  return {
    id: coupon._id,
    amount: formatFen(coupon.amountFen),
    threshold: coupon.thresholdFen > 0 ? `满${formatFen(coupon.thresholdFen)}可用` : '无门槛',
    expiry: `有效期至 ${formatChinaTime(coupon.expiresAt, 'YYYY-MM-DD HH:mm')}`,
    origin: origin.orderNo
      ? `${COUPON_ORIGIN_LABELS[origin.kind]} · 订单 ${origin.orderNo}`
      : COUPON_ORIGIN_LABELS[origin.kind],
    state: coupon.status === 'used' ? '已使用' : available ? '可用' : '已过期',
    available,
  }
}

/** The caller's coupons usable on an order of `priceFen` now (the confirm page's choices). */
export function usableCoupons<C extends CouponLike>(
  coupons: readonly C[],
  priceFen: number,
  now: Date,
): C[] {
  return coupons.filter((c) => couponUsable(c, c.ownerOpenid, priceFen, now).usable)
}

/** What a coupon takes off, with a minus sign (−¥17), wherever a discount is shown. */
export const discountText = (discountFen: number) => `−${formatFen(discountFen)}`

/** The confirm page's coupon row: the discount the chosen coupon takes, or how many could be used. */
export function couponRowText(discountFen: number | null, usableCount: number): string {
  if (discountFen !== null) return discountText(discountFen)
  return usableCount > 0 ? `${usableCount} 张可用` : '暂无可用'
}

/** One choice in the confirm page's coupon sheet. */
export const couponChoiceText = (coupon: CouponLike) =>
  `${formatFen(coupon.amountFen)} ${coupon.thresholdFen > 0 ? `满${formatFen(coupon.thresholdFen)}可用` : '无门槛'}（至 ${formatChinaTime(coupon.expiresAt, 'MM-DD')}）`

export interface PriceRow {
  kind: 'coupon' | 'total'
  label: string
  value: string
}

/** What an order page needs to say what was (or is to be) paid for it. */
export interface PricedOrder {
  quote: { priceFen: number }
  coupon?: OrderCoupon | null
  payment?: { state: PaymentState; amountFen: number } | null
}

/**
 * The rows under an order's price (consumer and merchant pages): 优惠券抵扣 −¥X when it used a
 * coupon, then 实付 (应付 while unpaid) with what WeChat Pay takes: the price less the discount.
 */
export function orderPriceRows(order: PricedOrder): PriceRow[] {
  const discountFen = order.coupon?.discountFen ?? 0
  const payFen = order.payment?.amountFen ?? order.quote.priceFen - discountFen
  const total: PriceRow = {
    kind: 'total',
    label: order.payment?.state === 'unpaid' ? '应付' : '实付',
    value: formatFen(payFen),
  }
  if (!order.coupon) return [total]
  return [{ kind: 'coupon', label: '优惠券抵扣', value: discountText(discountFen) }, total]
}
