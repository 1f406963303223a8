// Coupons end to end in the cloud: a remedy coupon is listed (order.coupons), priced on a quote,
// spent by order.create inside the order's transaction (payment = price - discount), refused with
// COUPON_UNUSABLE writing nothing, spent once under retries and races, and given back when its
// order is cancelled before production (by any path), not after.
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { CouponRecord } from '@/domain/coupon'
import {
  consumerA,
  consumerB,
  createPayload,
  makeClient,
  merchant,
  rid,
  shirtSelection,
  startOrderCloud,
} from './order-helpers'

// Room for the many open orders this file places for one customer.
const env = startOrderCloud({ OPEN_ORDERS_PER_CUSTOMER: '50', OPEN_UNITS_PER_CUSTOMER: '500' })
const { call, create, remedyCoupon, act, walk, pay, find, stored, snapshot, settlePayments } =
  makeClient(env)
const DAY = 24 * 3600 * 1000

const couponOf = async (id: string) =>
  (await find(COLLECTIONS.coupons, { _id: id }))[0] as CouponRecord & { toOpenid?: string }

/** The shirt's price for the default selection, as the server quotes it. */
async function shirtPrice(): Promise<number> {
  const quoted = await call('quote', { productId: 'prod_shirt', selection: shirtSelection() }, null)
  return quoted.data.quote.priceFen as number
}

/** Stores a coupon of `openid`'s directly, for the states a remedy does not make (expired…). */
async function storedCoupon(id: string, fields: Partial<CouponRecord> & Record<string, unknown>) {
  const now = new Date()
  await env.cloud.store.insertMany(COLLECTIONS.coupons, [
    {
      _id: id,
      ownerOpenid: consumerA,
      amountFen: 1000,
      thresholdFen: 0,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + 30 * DAY),
      origin: { kind: 'exception_remedy', orderId: 'ord_x', orderNo: '20261201-TEST0000' },
      status: 'issued',
      usedBy: null,
      usedAt: null,
      ...fields,
    },
  ])
  return id
}

describe('listing and quoting', () => {
  test('order.coupons lists the caller’s own coupons, usable first; old records get derived fields', async () => {
    const fresh = await remedyCoupon(consumerA, 2500)
    await storedCoupon('cpn_used_one', { status: 'used', usedBy: 'ord_y', usedAt: new Date() })
    await storedCoupon('cpn_expired_one', { expiresAt: new Date(Date.now() - DAY) })
    // As the grant code before coupons could be spent wrote them: no owner field, expiry, threshold.
    const issuedAt = new Date(Date.now() - 10 * DAY)
    await env.cloud.store.insertMany(COLLECTIONS.coupons, [
      {
        _id: 'cpn_legacy_one',
        kind: 'coupon',
        toOpenid: consumerA,
        amountFen: 800,
        orderId: 'ord_old',
        status: 'issued',
        issuedAt,
      },
    ])
    const listed = await call('coupons', {}, consumerA)
    expect(listed.ok).toBe(true)
    const items = listed.data.items as CouponRecord[]
    expect(
      items
        .map((c) => c._id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['cpn_legacy_one', fresh].sort())
    expect(
      items
        .map((c) => c._id)
        .slice(2)
        .sort(),
    ).toEqual(['cpn_expired_one', 'cpn_used_one'])
    const issued = items.find((c) => c._id === fresh)!
    expect(issued).toMatchObject({ ownerOpenid: consumerA, amountFen: 2500, thresholdFen: 0 })
    expect(new Date(issued.expiresAt).getTime() - new Date(issued.issuedAt).getTime()).toBe(
      90 * DAY,
    )
    expect(items.find((c) => c._id === 'cpn_legacy_one')).toMatchObject({
      ownerOpenid: consumerA,
      thresholdFen: 0,
      expiresAt: new Date(issuedAt.getTime() + 90 * DAY).toISOString(),
      origin: { kind: 'exception_remedy', orderId: 'ord_old', orderNo: '' },
    })
    await expect(call('coupons', {}, consumerB)).resolves.toEqual({ ok: true, data: { items: [] } })
    await expect(call('coupons', {}, null)).resolves.toMatchObject({ code: 'UNAUTHENTICATED' })
  })

  test('a quote with a coupon shows its discount to its owner only', async () => {
    const price = await shirtPrice()
    const couponId = await remedyCoupon(consumerA, 3000)
    const payload = { productId: 'prod_shirt', selection: shirtSelection(), couponId }
    await expect(call('quote', payload, consumerA)).resolves.toMatchObject({
      ok: true,
      data: {
        quote: { priceFen: price },
        coupon: { couponId, usable: true, discountFen: 3000, payFen: price - 3000 },
      },
    })
    for (const who of [consumerB, null])
      await expect(call('quote', payload, who)).resolves.toMatchObject({
        ok: true,
        data: { coupon: { couponId, usable: false, message: '优惠券不存在' } },
      })
  })
})

describe('spending a coupon', () => {
  test('create uses it: the order keeps it, the payment is the price minus the discount', async () => {
    const price = await shirtPrice()
    const couponId = await remedyCoupon(consumerA, 2000)
    const placed = await call('create', createPayload({ couponId }), consumerA)
    expect(placed).toMatchObject({
      ok: true,
      data: {
        order: {
          quote: { priceFen: price },
          coupon: { couponId, discountFen: 2000 },
          payment: { state: 'unpaid', amountFen: price - 2000 },
        },
      },
    })
    const orderId = placed.data.order._id
    expect(await couponOf(couponId)).toMatchObject({ status: 'used', usedBy: orderId })
    // WeChat is asked for the discounted amount, and its notice for that amount is accepted.
    await pay(orderId, consumerA)
    expect(await stored(orderId)).toMatchObject({
      payment: { state: 'paid', amountFen: price - 2000 },
    })
    // Listed as used, after the usable ones.
    const items = (await call('coupons', {}, consumerA)).data.items as CouponRecord[]
    expect(items.find((c) => c._id === couponId)).toMatchObject({ status: 'used' })
  })

  test('a coupon worth more than the order leaves 1 fen to pay', async () => {
    const price = await shirtPrice()
    const couponId = await storedCoupon('cpn_big', { amountFen: price + 5000 })
    const placed = await call('create', createPayload({ couponId }), consumerA)
    expect(placed.data.order).toMatchObject({
      coupon: { couponId, discountFen: price - 1 },
      payment: { amountFen: 1 },
    })
  })

  test.each([
    ['someone else’s coupon', consumerB, {}, '优惠券不存在'],
    ['an unknown coupon', consumerA, { _id: 'cpn_missing' }, '优惠券不存在'],
    ['an expired coupon', consumerA, { expiresAt: new Date(Date.now() - 1000) }, '已过期'],
    ['a coupon above its threshold', consumerA, { thresholdFen: 10_000_000 }, '未达到'],
    ['a used coupon', consumerA, { status: 'used', usedBy: 'ord_z', usedAt: new Date() }, '已使用'],
  ])(
    '%s is refused with COUPON_UNUSABLE and nothing written',
    async (_label, who, fields, text) => {
      const { _id: missing, ...rest } = fields as { _id?: string }
      const couponId = missing ?? (await storedCoupon(`cpn_${rid('refused')}`, rest))
      await settlePayments()
      const before = await snapshot()
      const result = await call('create', createPayload({ couponId }), who)
      expect(result).toMatchObject({ ok: false, code: 'COUPON_UNUSABLE', field: 'couponId' })
      expect(result.message).toContain(text)
      expect(await snapshot()).toEqual(before)
    },
  )

  test('a retry with the same requestId returns the same order and spends no second coupon', async () => {
    const first = await remedyCoupon(consumerA)
    const second = await remedyCoupon(consumerA)
    const payload = createPayload({ couponId: first })
    const placed = await call('create', payload, consumerA)
    const again = await call('create', payload, consumerA)
    const other = await call('create', { ...payload, couponId: second }, consumerA)
    expect(again.data.order._id).toBe(placed.data.order._id)
    expect(other.data.order).toMatchObject({
      _id: placed.data.order._id,
      coupon: { couponId: first },
    })
    expect(await couponOf(first)).toMatchObject({ status: 'used', usedBy: placed.data.order._id })
    expect(await couponOf(second)).toMatchObject({ status: 'issued', usedBy: null })
  })

  test('two orders racing for one coupon: exactly one uses it', async () => {
    const couponId = await remedyCoupon(consumerA)
    const results = await Promise.all(
      Array.from({ length: 6 }, () => call('create', createPayload({ couponId }), consumerA)),
    )
    const placed = results.filter((r) => r.ok)
    expect(placed).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(
      Array(5).fill('COUPON_UNUSABLE'),
    )
    const withCoupon = await find(COLLECTIONS.orders, { 'coupon.couponId': couponId })
    expect(withCoupon.map((o) => o._id)).toEqual([placed[0].data.order._id])
    expect(await couponOf(couponId)).toMatchObject({ usedBy: placed[0].data.order._id })
  })

  test('reorder carries no coupon', async () => {
    const couponId = await remedyCoupon(consumerA)
    const placed = await call('create', createPayload({ couponId }), consumerA)
    const again = await call(
      'reorder',
      { orderId: placed.data.order._id, requestId: rid('reorder') },
      consumerA,
    )
    expect(again.ok).toBe(true)
    expect(again.data.order.coupon).toBeUndefined()
    expect(again.data.order.payment.amountFen).toBe(again.data.order.quote.priceFen)
  })
})

describe('cancelling an order that used a coupon', () => {
  async function orderWithCoupon(paid: boolean) {
    const couponId = await remedyCoupon(consumerA)
    const order = await create(consumerA, { couponId }, { paid })
    return { couponId, order }
  }
  const issuedAgain = { status: 'issued', usedBy: null, usedAt: null }

  test('the customer cancels before it is confirmed: the coupon comes back', async () => {
    const { couponId, order } = await orderWithCoupon(false)
    await expect(act(consumerA, order._id, 'cancel')).resolves.toMatchObject({ ok: true })
    expect(await couponOf(couponId)).toMatchObject(issuedAgain)
    // And it can be spent again.
    await expect(call('create', createPayload({ couponId }), consumerA)).resolves.toMatchObject({
      ok: true,
    })
  })

  test('the merchant cancels a paid order before production: refund of what was paid, coupon back', async () => {
    const { couponId, order } = await orderWithCoupon(true)
    await walk(order._id, [
      [merchant, 'confirm'],
      [merchant, 'purchase_materials'],
      [merchant, 'cancel'],
    ])
    expect(await couponOf(couponId)).toMatchObject(issuedAgain)
    await settlePayments()
    expect(await stored(order._id)).toMatchObject({
      payment: {
        state: 'refunded',
        refunds: [{ amountFen: order.payment.amountFen, state: 'succeeded' }],
      },
    })
  })

  test('the exception’s cancel remedy gives the coupon back', async () => {
    const { couponId, order } = await orderWithCoupon(true)
    await walk(order._id, [
      [merchant, 'confirm'],
      [
        merchant,
        'flag_exception',
        { kind: 'out_of_stock', note: '缺货', offered: [{ type: 'cancel' }] },
      ],
      [consumerA, 'choose_remedy', { remedy: 'cancel' }],
      [merchant, 'resolve_exception'],
    ])
    expect(await stored(order._id)).toMatchObject({ node: 'cancelled' })
    expect(await couponOf(couponId)).toMatchObject(issuedAgain)
  })

  test('an unpaid order that expires gives the coupon back', async () => {
    const { couponId, order } = await orderWithCoupon(false)
    env.cloud.clock.set(new Date(new Date(order.payment.dueBy).getTime() + 60_000))
    try {
      await env.cloud.fireTimer(FUNCTIONS.order)
    } finally {
      env.cloud.clock.set(null)
    }
    expect(await stored(order._id)).toMatchObject({ node: 'cancelled' })
    expect(await couponOf(couponId)).toMatchObject(issuedAgain)
  })

  test('once production has started, a cancellation keeps the coupon used', async () => {
    const { couponId, order } = await orderWithCoupon(true)
    await walk(order._id, [
      [merchant, 'confirm'],
      [merchant, 'purchase_materials'],
      [merchant, 'start_production'],
      [merchant, 'cancel'],
    ])
    expect(await stored(order._id)).toMatchObject({ node: 'cancelled' })
    expect(await couponOf(couponId)).toMatchObject({ status: 'used', usedBy: order._id })
  })
})
