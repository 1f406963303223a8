// Coupon reads and writes (domain/coupon.ts holds the rules). A coupon is spent inside the
// transaction that places its order and given back inside the transaction that cancels it, so
// under concurrency a coupon is used by at most one order: two orders spending it both read and
// write its document, and the database lets only one of those transactions commit.
import {
  COUPON_REFUSALS,
  couponOf,
  couponUsable,
  returnCoupon,
  sortCoupons,
  spendCoupon,
  type CouponCheck,
  type CouponRecord,
  type OrderCoupon,
  type StoredCoupon,
} from '../domain/coupon'
import { COLLECTIONS } from '../domain/names'
import { fail, ok, type Result } from '../domain/result'
import { db, readDoc, readList, type Transaction } from './database'
import { withoutId } from './database'

export const coupons = () => db.collection(COLLECTIONS.coupons)

/** More than a customer collects in a coupon's lifetime; the list is not paged. */
const MAX_COUPONS = 100

/**
 * The caller's coupons, usable first. Coupons granted before owners were kept as `ownerOpenid`
 * carry `toOpenid` instead; both are read (each query has its index) until they are rewritten.
 */
export async function couponsOf(openid: string, now: Date): Promise<CouponRecord[]> {
  const [current, older] = await Promise.all(
    (['ownerOpenid', 'toOpenid'] as const).map((owner) =>
      readList<StoredCoupon>(
        coupons()
          .where({ [owner]: openid })
          .orderBy('issuedAt', 'desc')
          .limit(MAX_COUPONS),
      ),
    ),
  )
  return sortCoupons([...current, ...older].map(couponOf), now)
}

/** Whether the caller may use the coupon on an order of `priceFen` now; a read, no transaction. */
export async function checkCoupon(
  couponId: string,
  openid: string | null,
  priceFen: number,
  now: Date,
): Promise<CouponCheck> {
  const stored = openid ? await readDoc<StoredCoupon>(coupons().doc(couponId)) : null
  return couponUsable(stored && couponOf(stored), openid ?? '', priceFen, now)
}

/**
 * Inside the order's transaction, before its writes: reads the coupon, then `use` re-checks it
 * (owner, single use, expiry, threshold) against the price the cloud computed; refuses with
 * COUPON_UNUSABLE, or returns the discount and the write that marks the coupon used by `orderId`.
 */
export async function readCouponForUse(transaction: Transaction, couponId: string) {
  const ref = transaction.collection(COLLECTIONS.coupons).doc(couponId)
  const stored = await readDoc<StoredCoupon>(ref)
  return (use: {
    openid: string
    priceFen: number
    orderId: string
    now: Date
  }): Result<{ coupon: OrderCoupon; write: () => unknown }> => {
    if (!stored) return unusable(COUPON_REFUSALS.not_found)
    const coupon = couponOf(stored)
    const check = couponUsable(coupon, use.openid, use.priceFen, use.now)
    if (!check.usable) return unusable(check.message)
    const used = spendCoupon(coupon, use.orderId, use.now)
    return ok({
      coupon: { couponId: coupon._id, discountFen: check.discountFen },
      write: () => ref.set({ data: withoutId(used) }),
    })
  }
}

const unusable = (why: string) =>
  fail('COUPON_UNUSABLE', `${why}，请重新选择或不使用优惠券`, 'couponId')

/**
 * Inside a cancelling transaction, before its writes: reads the coupon the order used and returns
 * the write that gives it back (nothing when it is no longer this order's).
 */
export async function prepareCouponReturn(
  transaction: Transaction,
  couponId: string,
  orderId: string,
): Promise<() => Promise<void>> {
  const ref = transaction.collection(COLLECTIONS.coupons).doc(couponId)
  const stored = await readDoc<StoredCoupon>(ref)
  const back = stored ? returnCoupon(couponOf(stored), orderId) : null
  return async () => {
    if (back) await ref.set({ data: withoutId(back) })
  }
}

/** Stores a newly granted coupon (its id is per exception, so a repeat lands on the same one). */
export async function storeCoupon(transaction: Transaction, coupon: CouponRecord): Promise<void> {
  await transaction
    .collection(COLLECTIONS.coupons)
    .doc(coupon._id)
    .set({ data: withoutId(coupon) })
}
