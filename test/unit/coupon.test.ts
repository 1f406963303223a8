// Coupon rules (coupon.ts), their screen texts (coupon-view.ts), and what cancelling an order that
// used a coupon does (order-transition.ts: given back before production only).
import {
  couponOf,
  couponUsable,
  discountOf,
  issueRemedyCoupon,
  returnCoupon,
  sortCoupons,
  spendCoupon,
  type CouponRecord,
} from '@/domain/coupon'
import { couponCard, couponRowText, orderPriceRows, usableCoupons } from '@/domain/coupon-view'
import { applyTransition } from '@/domain/order-transition'
import type { Actor, OrderNode } from '@/domain/order-types'
import { makeOrder, makeUnpaidOrder, MERCHANT, NOW, OWNER, STRANGER } from './order-factories'

const DAY = 24 * 3600 * 1000
const coupon = (overrides: Partial<CouponRecord> = {}): CouponRecord => ({
  ...issueRemedyCoupon({
    ownerOpenid: OWNER,
    amountFen: 2000,
    orderId: 'ord_a',
    orderNo: '20261122-7K3F9XQ2',
    exceptionId: 'exc_3',
    now: NOW,
  }),
  ...overrides,
})

describe('issuing', () => {
  test('a remedy coupon: no threshold, 90 days, one id per exception', () => {
    const issued = coupon()
    expect(issued).toMatchObject({
      _id: 'cpn_ord_a_exc_3',
      thresholdFen: 0,
      status: 'issued',
      origin: { kind: 'exception_remedy', orderId: 'ord_a', orderNo: '20261122-7K3F9XQ2' },
    })
    expect(issued.expiresAt.getTime() - NOW.getTime()).toBe(90 * DAY)
  })

  test('records from the old grant code get an owner, a threshold, an expiry and an origin', () => {
    const old = {
      _id: 'legacy',
      kind: 'coupon',
      toOpenid: OWNER,
      amountFen: 800,
      orderId: 'ord_old',
      status: 'issued' as const,
      issuedAt: NOW.toISOString(),
    }
    expect(couponOf(old)).toEqual({
      _id: 'legacy',
      ownerOpenid: OWNER,
      amountFen: 800,
      thresholdFen: 0,
      issuedAt: NOW,
      expiresAt: new Date(NOW.getTime() + 90 * DAY),
      origin: { kind: 'exception_remedy', orderId: 'ord_old', orderNo: '' },
      status: 'issued',
      usedBy: null,
      usedAt: null,
    })
    expect(couponOf(coupon())).toEqual(coupon())
  })
})

describe('couponUsable', () => {
  const at = (ms: number) => new Date(NOW.getTime() + ms)
  test.each<[string, CouponRecord | null, string, number, Date, string | number]>([
    ['usable: the whole amount off', coupon(), OWNER, 10_000, at(DAY), 2000],
    ['someone else’s reads as not found', coupon(), STRANGER, 10_000, at(DAY), 'not_found'],
    ['no caller', coupon(), '', 10_000, at(DAY), 'not_found'],
    ['a missing coupon', null, OWNER, 10_000, at(DAY), 'not_found'],
    ['used', spendCoupon(coupon(), 'ord_b', NOW), OWNER, 10_000, at(DAY), 'used'],
    ['expired at its instant', coupon(), OWNER, 10_000, at(90 * DAY), 'expired'],
    ['one ms before expiry', coupon(), OWNER, 10_000, at(90 * DAY - 1), 2000],
    [
      'below the threshold',
      coupon({ thresholdFen: 10_001 }),
      OWNER,
      10_000,
      NOW,
      'below_threshold',
    ],
    ['at the threshold', coupon({ thresholdFen: 10_000 }), OWNER, 10_000, NOW, 2000],
    ['worth more than the price: 1 fen left to pay', coupon(), OWNER, 1500, NOW, 1499],
    ['a 1-fen order cannot take a coupon', coupon(), OWNER, 1, NOW, 'price_too_low'],
  ])('%s', (_label, c, openid, price, now, expected) => {
    const check = couponUsable(c, openid, price, now)
    if (typeof expected === 'number') {
      expect(check).toEqual({ usable: true, discountFen: expected, payFen: price - expected })
    } else {
      expect(check).toMatchObject({ usable: false, reason: expected })
      expect(check.usable === false && check.message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  test('the discount never exceeds the price minus 1 fen, nor the coupon', () => {
    for (const [amount, price] of [
      [500, 100_000],
      [100_000, 500],
      [1, 2],
      [2000, 2000],
    ])
      expect(discountOf(amount, price)).toBe(Math.min(amount, price - 1))
  })
})

describe('use and return', () => {
  test('a coupon comes back only from the order that used it', () => {
    const used = spendCoupon(coupon(), 'ord_b', NOW)
    expect(used).toMatchObject({ status: 'used', usedBy: 'ord_b', usedAt: NOW })
    expect(returnCoupon(used, 'ord_c')).toBeNull()
    expect(returnCoupon(coupon(), 'ord_b')).toBeNull()
    expect(returnCoupon(used, 'ord_b')).toEqual(coupon())
  })

  test('sorting: usable ones first (soonest to expire first), then used and expired, latest first', () => {
    const later = coupon({ _id: 'later', expiresAt: new Date(NOW.getTime() + 60 * DAY) })
    const sooner = coupon({ _id: 'sooner', expiresAt: new Date(NOW.getTime() + 5 * DAY) })
    const expired = coupon({ _id: 'expired', expiresAt: new Date(NOW.getTime() - DAY) })
    const used = spendCoupon(coupon({ _id: 'used' }), 'ord_b', new Date(NOW.getTime() - 3600))
    expect(sortCoupons([expired, later, used, sooner], NOW).map((c) => c._id)).toEqual([
      'sooner',
      'later',
      'used',
      'expired',
    ])
  })
})

describe('screen texts', () => {
  test('a card: amount, threshold, expiry in China time, origin, state', () => {
    expect(couponCard(coupon(), NOW)).toEqual({
      id: 'cpn_ord_a_exc_3',
      amount: '¥20',
      threshold: '无门槛',
      expiry: '有效期至 2027-02-20 10:00',
      origin: '订单延期补偿 · 订单 20261122-7K3F9XQ2',
      state: '可用',
      available: true,
    })
    expect(couponCard(coupon({ thresholdFen: 19_900 }), NOW).threshold).toBe('满¥199可用')
    expect(couponCard(spendCoupon(coupon(), 'o', NOW), NOW).state).toBe('已使用')
    expect(couponCard(coupon(), new Date(NOW.getTime() + 91 * DAY)).state).toBe('已过期')
  })

  test('the confirm row: the discount taken, else how many are usable', () => {
    const usable = usableCoupons([coupon(), coupon({ thresholdFen: 1_000_000 })], 10_000, NOW)
    expect(usable).toHaveLength(1)
    expect(couponRowText(null, usable.length)).toBe('1 张可用')
    expect(couponRowText(null, 0)).toBe('暂无可用')
    expect(couponRowText(1500, 1)).toBe('−¥15')
  })
})

describe('the price rows of an order page', () => {
  const withCoupon = { couponId: 'cpn_x', discountFen: 1700 }
  const paidWith = (amountFen: number) => ({ state: 'paid' as const, amountFen })

  test('an order that used a coupon: 优惠券抵扣 −¥X, then 实付 what was paid', () => {
    const order = makeOrder({
      coupon: withCoupon,
      quote: { ...makeOrder().quote, priceFen: 39_900 },
      payment: { ...makeOrder().payment, amountFen: 38_200 },
    })
    expect(orderPriceRows(order)).toEqual([
      { kind: 'coupon', label: '优惠券抵扣', value: '−¥17' },
      { kind: 'total', label: '实付', value: '¥382' },
    ])
  })

  test.each([
    [
      'without a coupon, paid',
      { quote: { priceFen: 39_900 }, payment: paidWith(39_900) },
      [['实付', '¥399']],
    ],
    [
      'without a coupon, unpaid',
      { quote: { priceFen: 39_900 }, payment: { state: 'unpaid' as const, amountFen: 39_900 } },
      [['应付', '¥399']],
    ],
    [
      'with a coupon, unpaid',
      {
        quote: { priceFen: 39_900 },
        coupon: withCoupon,
        payment: { state: 'unpaid' as const, amountFen: 38_200 },
      },
      [
        ['优惠券抵扣', '−¥17'],
        ['应付', '¥382'],
      ],
    ],
    [
      'with a coupon, refunded later',
      {
        quote: { priceFen: 39_900 },
        coupon: withCoupon,
        payment: { state: 'refunded' as const, amountFen: 38_200 },
      },
      [
        ['优惠券抵扣', '−¥17'],
        ['实付', '¥382'],
      ],
    ],
    [
      'from before payments, with a coupon',
      { quote: { priceFen: 10_050 }, coupon: withCoupon, payment: null },
      [
        ['优惠券抵扣', '−¥17'],
        ['实付', '¥83.50'],
      ],
    ],
    ['from before payments, no coupon', { quote: { priceFen: 10_050 } }, [['实付', '¥100.50']]],
  ])('%s', (_case, order, rows) => {
    expect(orderPriceRows(order).map((row) => [row.label, row.value])).toEqual(rows)
  })
})

describe('cancelling an order that used a coupon', () => {
  const merchant: Actor = { role: 'merchant', openid: MERCHANT }
  const withCoupon = { coupon: { couponId: 'cpn_x', discountFen: 2000 } }
  test.each<[OrderNode, boolean]>([
    ['submitted', true],
    ['confirmed', true],
    ['materials', true],
    ['production', false],
    ['quality_check', false],
  ])('from %s: given back %s', (node, back) => {
    const out = applyTransition(makeOrder({ node, ...withCoupon }), 'cancel', merchant, {}, NOW, {
      env: 'e',
    })
    if (!out.ok) throw new Error(out.message)
    expect(out.data.couponReturn).toEqual(back ? { couponId: 'cpn_x' } : null)
  })

  test('an unpaid order expiring gives it back; an order without one gives nothing', () => {
    const late = new Date(NOW.getTime() + DAY)
    const system: Actor = { role: 'system', openid: null }
    const expired = applyTransition(makeUnpaidOrder(withCoupon), 'expire', system, {}, late, {
      env: 'e',
    })
    expect(expired.ok && expired.data.couponReturn).toEqual({ couponId: 'cpn_x' })
    const plain = applyTransition(makeOrder(), 'cancel', merchant, {}, NOW, { env: 'e' })
    expect(plain.ok && plain.data.couponReturn).toBeNull()
  })
})
