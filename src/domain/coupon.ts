// Coupons in the `coupons` collection: issued as an exception remedy (订单延期补偿), listed under
// 我的 → 优惠券, spent on a later order at confirm. Pure: the cloud reads and writes the records.
// Rules (money integer fen, instants UTC):
// - A remedy coupon has no threshold (无门槛) and expires REMEDY_COUPON_DAYS (90) days after it
//   is issued. Records written before these fields existed (owner in `toOpenid`, no `expiresAt`,
//   no threshold, `orderId` at the top) are read through `couponOf`, which derives them.
// - Usable on an order when it is the caller's, still issued (not used), not expired, and the
//   order's price reaches its threshold (`couponUsable`).
// - The discount is the coupon's amount, capped at the price minus 1 fen: every order is paid
//   through WeChat Pay, which cannot take 0, so the customer always pays at least ¥0.01. What a
//   coupon worth more than that leaves over is forfeited (one coupon, one order).
// - A coupon is used inside the transaction that places its order; cancelling that order before
//   production (order-types.ts COUPON_RETURN_NODES) gives it back, later it stays used.
export const REMEDY_COUPON_DAYS = 90
const DAY_MS = 24 * 60 * 60 * 1000

export const COUPON_STATUSES = ['issued', 'used'] as const
export type CouponStatus = (typeof COUPON_STATUSES)[number]

export interface CouponOrigin {
  kind: 'exception_remedy'
  orderId: string
  /** The order the coupon compensates for; '' on records from before it was kept. */
  orderNo: string
}

export interface CouponRecord {
  _id: string
  ownerOpenid: string
  amountFen: number
  /** The order price the coupon needs; 0 = 无门槛. */
  thresholdFen: number
  issuedAt: Date
  expiresAt: Date
  origin: CouponOrigin
  status: CouponStatus
  /** The order that used it, while used. */
  usedBy: string | null
  usedAt: Date | null
}

/** What an order keeps of the coupon it used. */
export interface OrderCoupon {
  couponId: string
  /** Taken off the quote's price; payment.amountFen = quote.priceFen - discountFen. */
  discountFen: number
}

/** One coupon per exception resolution: a repeated or retried grant lands on the same record. */
export const remedyCouponId = (orderId: string, exceptionId: string) =>
  `cpn_${orderId}_${exceptionId}`

/** The coupon a customer gets for choosing 领取补偿券 on an order's exception. */
export function issueRemedyCoupon(input: {
  ownerOpenid: string
  amountFen: number
  orderId: string
  orderNo: string
  exceptionId: string
  now: Date
  days?: number
}): CouponRecord {
  const { ownerOpenid, amountFen, orderId, orderNo, exceptionId, now } = input
  return {
    _id: remedyCouponId(orderId, exceptionId),
    ownerOpenid,
    amountFen,
    thresholdFen: 0,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + (input.days ?? REMEDY_COUPON_DAYS) * DAY_MS),
    origin: { kind: 'exception_remedy', orderId, orderNo },
    status: 'issued',
    usedBy: null,
    usedAt: null,
  }
}

type Instant = Date | string | number
const msOf = (instant: Instant) => new Date(instant).getTime()

/** A coupon as the cloud stores it or as a page receives it (instants as ISO strings). */
export type CouponLike = Omit<CouponRecord, 'issuedAt' | 'expiresAt' | 'usedAt'> & {
  issuedAt: Instant
  expiresAt: Instant
  usedAt: Instant | null
}

/** A stored coupon as written by any version of the grant code (see the header). */
export type StoredCoupon = Partial<
  Omit<CouponRecord, '_id' | 'issuedAt' | 'expiresAt' | 'usedAt'>
> & {
  _id: string
  amountFen: number
  issuedAt: Instant
  expiresAt?: Instant
  usedAt?: Instant | null
  toOpenid?: string
  orderId?: string
}

/** A stored coupon with every field present; older records get the derived ones. */
export function couponOf(stored: StoredCoupon): CouponRecord {
  const issuedAt = new Date(stored.issuedAt)
  return {
    _id: stored._id,
    ownerOpenid: stored.ownerOpenid ?? stored.toOpenid ?? '',
    amountFen: stored.amountFen,
    thresholdFen: stored.thresholdFen ?? 0,
    issuedAt,
    expiresAt: stored.expiresAt
      ? new Date(stored.expiresAt)
      : new Date(issuedAt.getTime() + REMEDY_COUPON_DAYS * DAY_MS),
    origin: stored.origin ?? {
      kind: 'exception_remedy',
      orderId: stored.orderId ?? '',
      orderNo: '',
    },
    status: stored.status === 'used' ? 'used' : 'issued',
    usedBy: stored.usedBy ?? null,
    usedAt: stored.usedAt ? new Date(stored.usedAt) : null,
  }
}

export const COUPON_REFUSALS = {
  not_found: '优惠券不存在',
  used: '这张优惠券已使用',
  expired: '这张优惠券已过期',
  below_threshold: '订单金额未达到优惠券的使用门槛',
  price_too_low: '订单金额过低，不能使用优惠券',
} as const
export type CouponRefusal = keyof typeof COUPON_REFUSALS

export type CouponCheck =
  | { usable: true; discountFen: number; payFen: number }
  | { usable: false; reason: CouponRefusal; message: string }

const refuse = (reason: CouponRefusal): CouponCheck => ({
  usable: false,
  reason,
  message: COUPON_REFUSALS[reason],
})

/** The coupon's discount on an order of `priceFen`: never more than the price minus 1 fen. */
export const discountOf = (amountFen: number, priceFen: number) =>
  Math.max(0, Math.min(amountFen, priceFen - 1))

/**
 * Whether `openid` may use the coupon on an order of `priceFen` at `now`, and what it takes off.
 * Someone else's coupon reads as not found, so a guessed id tells nothing.
 */
export function couponUsable(
  coupon: CouponLike | null,
  openid: string,
  priceFen: number,
  now: Date,
): CouponCheck {
  if (!coupon || !openid || coupon.ownerOpenid !== openid) return refuse('not_found')
  if (coupon.status === 'used') return refuse('used')
  if (now.getTime() >= msOf(coupon.expiresAt)) return refuse('expired')
  if (priceFen < coupon.thresholdFen) return refuse('below_threshold')
  const discountFen = discountOf(coupon.amountFen, priceFen)
  if (discountFen <= 0) return refuse('price_too_low')
  return { usable: true, discountFen, payFen: priceFen - discountFen }
}

/** Whether the coupon can still be spent at all (the list's 可用 group): issued, not expired. */
export const couponAvailable = (coupon: CouponLike, now: Date) =>
  coupon.status === 'issued' && now.getTime() < msOf(coupon.expiresAt)

/** The coupon once an order uses it. */
export const spendCoupon = (coupon: CouponRecord, orderId: string, now: Date): CouponRecord => ({
  ...coupon,
  status: 'used',
  usedBy: orderId,
  usedAt: now,
})

/** The coupon given back by the cancelled order that used it; anything else is left alone. */
export function returnCoupon(coupon: CouponRecord, orderId: string): CouponRecord | null {
  if (coupon.status !== 'used' || coupon.usedBy !== orderId) return null
  return { ...coupon, status: 'issued', usedBy: null, usedAt: null }
}

/** Usable ones first, soonest to expire first; then used and expired ones, latest first. */
export function sortCoupons<C extends CouponLike>(coupons: readonly C[], now: Date): C[] {
  const rank = (c: C) => (couponAvailable(c, now) ? 0 : 1)
  return [...coupons].sort((a, b) => {
    const byGroup = rank(a) - rank(b)
    if (byGroup !== 0) return byGroup
    if (rank(a) === 0) return msOf(a.expiresAt) - msOf(b.expiresAt) || a._id.localeCompare(b._id)
    const last = (c: C) => Math.min(msOf(c.usedAt ?? c.expiresAt), msOf(c.expiresAt))
    return last(b) - last(a) || a._id.localeCompare(b._id)
  })
}
