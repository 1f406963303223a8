// Rating rules: only a completed order, not while after-sales is open, changes for 7 days after
// rating then fixed; 合身 exactly for made-to-measure orders; the view says what the owner may
// do (a merchant only reads); the payload check; the line of stars the order page shows.
import { ORDER_NODES, type OrderRecord } from '@/domain/order-types'
import {
  fitProblem,
  ratingFrom,
  ratingRefusal,
  ratingView,
  RATING_TEXT_MAX,
  type RatingRecord,
} from '@/domain/rating'
import { rateOrderCheck } from '@/domain/rating-input'
import { ratingLines } from '@/domain/rating-view'
import { parsePayload } from '@/domain/validate'
import { makeOrder, NOW } from './order-factories'

const DAY = 24 * 3600 * 1000
const at = (days: number) => new Date(NOW.getTime() + days * DAY)

const completed = (productId = 'prod_shirt', extra: Partial<OrderRecord> = {}): OrderRecord => ({
  ...makeOrder({}, productId),
  node: 'completed',
  ...extra,
})

const rated = (order: OrderRecord, when = NOW): RatingRecord =>
  ratingFrom(order, null, { quality: 5, fit: 4, onTime: 5, text: '很合身' }, when)

describe('when the owner may rate', () => {
  test.each(ORDER_NODES.filter((node) => node !== 'completed'))('not while %s', (node) => {
    expect(ratingRefusal(completed('prod_shirt', { node }), null, NOW)).toEqual({
      code: 'INVALID_TRANSITION',
      message: '订单完成后才能评价',
    })
  })

  test('a completed order, any time after completion', () => {
    expect(ratingRefusal(completed(), null, at(400))).toBeNull()
  })

  test('waits while an after-sales request is open, and says so', () => {
    const order = completed('prod_shirt', { afterSalesOpen: 'as_1' })
    expect(ratingRefusal(order, null, NOW)).toMatchObject({
      code: 'AFTER_SALES_OPEN',
      message: expect.stringContaining('售后还在处理中'),
    })
    expect(ratingRefusal({ ...order, afterSalesOpen: null }, null, NOW)).toBeNull()
  })

  test('changes for 7 days after rating, then fixed', () => {
    const order = completed()
    const rating = rated(order)
    expect(ratingRefusal(order, rating, at(7))).toBeNull()
    expect(ratingRefusal(order, rating, at(7.01))).toMatchObject({
      code: 'RATING_LOCKED',
      message: '评价超过 7 天后不能再修改',
    })
    // The window runs from the first rating, not the last change.
    const changed = ratingFrom(order, rating, { quality: 3, fit: 3, onTime: 3 }, at(6))
    expect(ratingRefusal(order, changed, at(7.01))?.code).toBe('RATING_LOCKED')
  })
})

describe('合身', () => {
  test('asked, and required, exactly when the order has measurements', () => {
    expect(fitProblem(completed('prod_shirt'), 4)).toBeNull()
    expect(fitProblem(completed('prod_curtain'), 4)).toBeNull()
    expect(fitProblem(completed('prod_shirt'), undefined)).toBe('请为合身打分')
    expect(fitProblem(completed('prod_filter'), undefined)).toBeNull()
    expect(fitProblem(completed('prod_filter'), 4)).toMatch(/不需要评价合身/)
  })
})

describe('the record', () => {
  test('a first rating, then a change keeping when it was first given', () => {
    const order = completed()
    const first = rated(order)
    expect(first).toMatchObject({
      _id: order._id,
      orderId: order._id,
      orderNo: order.orderNo,
      ownerOpenid: order.ownerOpenid,
      productName: order.productSnapshot.name,
      quality: 5,
      fit: 4,
      onTime: 5,
      text: '很合身',
      createdAt: NOW,
      edits: 0,
    })
    const changed = ratingFrom(order, first, { quality: 4, fit: 4, onTime: 3 }, at(2))
    expect(changed).toMatchObject({ quality: 4, onTime: 3, text: '', edits: 1 })
    expect(changed.createdAt).toEqual(NOW)
    expect(changed.updatedAt).toEqual(at(2))
    expect(ratingFrom(completed('prod_filter'), null, { quality: 5, onTime: 5 }, NOW).fit).toBe(
      null,
    )
  })
})

describe('the view', () => {
  const order = completed()
  test('the owner: rate, then edit, then nothing once fixed', () => {
    expect(ratingView(order, null, true, NOW)).toEqual({
      rating: null,
      may: 'rate',
      reason: null,
      fitAsked: true,
      editableUntil: null,
    })
    const rating = rated(order)
    expect(ratingView(order, rating, true, at(1))).toMatchObject({ may: 'edit', rating })
    expect(ratingView(order, rating, true, at(1)).editableUntil).toEqual(at(7))
    expect(ratingView(order, rating, true, at(8))).toMatchObject({
      may: null,
      reason: expect.stringContaining('不能再修改'),
    })
    expect(ratingView({ ...order, afterSalesOpen: 'as_1' }, null, true, NOW)).toMatchObject({
      may: null,
      reason: expect.stringContaining('售后'),
    })
  })

  test('a merchant reads the rating and may do nothing', () => {
    const rating = rated(order)
    expect(ratingView(order, rating, false, NOW)).toMatchObject({
      rating,
      may: null,
      reason: null,
    })
    expect(ratingView(completed('prod_filter'), null, false, NOW).fitAsked).toBe(false)
  })
})

describe('the payload', () => {
  const payload = { orderId: 'ord_1', quality: 5, fit: 4, onTime: 5, text: '  很好  ' }
  test('stars 1 to 5 each, fit, text and photos optional, text trimmed', () => {
    expect(parsePayload(rateOrderCheck, payload)).toEqual({
      ok: true,
      data: { ...payload, text: '很好', photos: [] },
    })
    expect(parsePayload(rateOrderCheck, { orderId: 'ord_1', quality: 1, onTime: 5 }).ok).toBe(true)
    expect(parsePayload(rateOrderCheck, { ...payload, text: '' }).ok).toBe(true)
  })

  test.each([
    ['no stars', { quality: 0 }, 'quality'],
    ['six stars', { onTime: 6 }, 'onTime'],
    ['half a star', { fit: 3.5 }, 'fit'],
    ['a string', { quality: '5' }, 'quality'],
    ['missing', { onTime: undefined }, 'onTime'],
    ['a long text', { text: '好'.repeat(RATING_TEXT_MAX + 1) }, 'text'],
    ['a control character', { text: 'a\u0000b' }, 'text'],
    ['an unknown field', { ownerOpenid: 'o_x' }, 'ownerOpenid'],
  ])('%s is refused', (_case, change, field) => {
    expect(parsePayload(rateOrderCheck, { ...payload, ...change })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field,
    })
  })

  test('200 characters are enough', () => {
    expect(parsePayload(rateOrderCheck, { ...payload, text: '好'.repeat(200) }).ok).toBe(true)
  })
})

describe('stars', () => {
  test('five places, filled to the score; 合身 left out when not asked', () => {
    expect(ratingLines({ quality: 5, fit: 4, onTime: 5 })).toEqual([
      '质量 ★★★★★',
      '合身 ★★★★☆',
      '准时 ★★★★★',
    ])
    expect(ratingLines({ quality: 3, fit: null, onTime: 1 })).toEqual(['质量 ★★★☆☆', '准时 ★☆☆☆☆'])
  })
})
