// Ratings in the cloud (issue 17): the owner of a completed order rates it once (合身 only for
// made-to-measure orders), changes it within 7 days, then it is fixed; an open after-sales
// request makes rating wait; strangers, unfinished orders and bad stars write nothing; the
// rating read tells the owner what they may do and shows the merchant the rating.
import type { RatingRecord } from '@/domain/rating'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { customerPhotos, merchantPhoto } from '../helpers/photos'
import {
  consumerA,
  consumerB,
  filterSelection,
  makeClient,
  merchant,
  rid,
  startOrderCloud,
} from './order-helpers'

const env = startOrderCloud({ OPEN_ORDERS_PER_CUSTOMER: '50', OPEN_UNITS_PER_CUSTOMER: '500' })
const client = makeClient(env)
const { call, create, walk, find } = client
const DAY = 24 * 3600 * 1000

afterEach(() => env.cloud.clock.set(null))

const SHIPPING = (): [string, 'ship', object] => [
  merchant,
  'ship',
  { carrier: '顺丰速运', trackingNo: `SF${Date.now()}` },
]

const deliveredShirt = () => client.deliveredShirt(consumerA)

async function completedShirt(): Promise<string> {
  const orderId = await deliveredShirt()
  await walk(orderId, [[consumerA, 'complete']])
  return orderId
}

async function completedFilter(): Promise<string> {
  const order = await create(consumerA, { productId: 'prod_filter', selection: filterSelection() })
  await walk(order._id, [[merchant, 'confirm'], SHIPPING(), [consumerA, 'complete']])
  return order._id
}

const stars = (orderId: string, overrides: Record<string, unknown> = {}) => ({
  orderId,
  quality: 5,
  fit: 4,
  onTime: 5,
  text: '领口正好，比预计早两天到',
  ...overrides,
})

const ratings = (orderId?: string) =>
  find(COLLECTIONS.ratings, orderId ? { orderId } : {}) as Promise<RatingRecord[]>
const everything = async () => ({
  ratings: await ratings(),
  orders: await find(COLLECTIONS.orders),
})

describe('order.rateOrder', () => {
  test('the owner rates a completed shirt once: one document named after the order', async () => {
    const orderId = await completedShirt()
    const rated = await call('rateOrder', stars(orderId), consumerA)
    expect(rated).toMatchObject({
      ok: true,
      data: {
        created: true,
        rating: { _id: orderId, quality: 5, fit: 4, onTime: 5, text: '领口正好，比预计早两天到' },
      },
    })
    expect(await find(COLLECTIONS.ratings, { orderId })).toEqual([
      expect.objectContaining({
        _id: orderId,
        ownerOpenid: consumerA,
        productId: 'prod_shirt',
        quality: 5,
        fit: 4,
        onTime: 5,
        edits: 0,
      }),
    ])

    const read = await call('rating', { orderId }, consumerA)
    expect(read.data).toMatchObject({ may: 'edit', reason: null, fitAsked: true })
    expect(read.data.rating).toMatchObject({ quality: 5, fit: 4, onTime: 5 })
    expect(Date.parse(read.data.editableUntil) - Date.parse(read.data.rating.createdAt)).toBe(
      7 * DAY,
    )
  })

  test('changed within 7 days (the first rating’s time kept), fixed after', async () => {
    const orderId = await completedShirt()
    const first = (await call('rateOrder', stars(orderId), consumerA)).data.rating
    env.cloud.clock.set(new Date(Date.now() + 6 * DAY))
    const changed = await call(
      'rateOrder',
      stars(orderId, { onTime: 2, text: undefined }),
      consumerA,
    )
    expect(changed).toMatchObject({
      ok: true,
      data: { created: false, rating: { onTime: 2, text: '', edits: 1 } },
    })
    expect(changed.data.rating.createdAt).toBe(first.createdAt)
    expect(await ratings(orderId)).toHaveLength(1)

    env.cloud.clock.set(new Date(Date.now() + 7 * DAY + 60_000))
    const before = await everything()
    expect(await call('rateOrder', stars(orderId, { onTime: 5 }), consumerA)).toMatchObject({
      ok: false,
      code: 'RATING_LOCKED',
      message: '评价超过 7 天后不能再修改',
    })
    expect(await everything()).toEqual(before)
    expect((await call('rating', { orderId }, consumerA)).data).toMatchObject({
      may: null,
      rating: { onTime: 2 },
    })
  })

  test('photos: the owner’s own are kept, a change replaces them, anyone else’s write nothing', async () => {
    const orderId = await completedShirt()
    const before = await everything()
    const [own] = customerPhotos(consumerA)
    const refused: [string, unknown, string][] = [
      ['another customer’s photo', customerPhotos(consumerB), '照片不是你上传的'],
      ['the merchant’s photo', [own, merchantPhoto()], '照片不是你上传的'],
      ['a URL', ['https://evil.example/a.jpg'], '照片地址不正确'],
      ['seven photos', customerPhotos(consumerA, 7), '照片最多 6 张'],
      ['the same photo twice', [own, own], '同一张照片只能添加一次'],
    ]
    for (const [what, photos, message] of refused)
      expect({
        what,
        result: await call('rateOrder', stars(orderId, { photos }), consumerA),
      }).toMatchObject({
        result: {
          ok: false,
          code: 'INVALID_INPUT',
          field: 'photos',
          message: expect.stringContaining(message),
        },
      })
    expect(await everything()).toEqual(before)

    const first = customerPhotos(consumerA, 2)
    const rated = await call('rateOrder', stars(orderId, { photos: first }), consumerA)
    expect(rated).toMatchObject({ ok: true, data: { rating: { photos: first } } })
    const second = customerPhotos(consumerA, 1)
    await call('rateOrder', stars(orderId, { photos: second }), consumerA)
    expect(await ratings(orderId)).toEqual([expect.objectContaining({ photos: second, edits: 1 })])
    // Left out, the photos go, like the text.
    await call('rateOrder', stars(orderId), consumerA)
    expect((await call('rating', { orderId }, merchant)).data.rating).toMatchObject({ photos: [] })
  })

  test('strangers, unfinished orders and bad stars are refused, writing nothing', async () => {
    const orderId = await completedShirt()
    const delivered = await deliveredShirt()
    const filter = await completedFilter()
    const before = await everything()
    const cases: [string | null, object, string, string?][] = [
      [null, stars(orderId), 'UNAUTHENTICATED'],
      [consumerB, stars(orderId), 'NOT_FOUND'],
      [merchant, stars(orderId), 'NOT_FOUND'],
      [consumerA, stars('ord_missing'), 'NOT_FOUND'],
      [consumerA, stars(delivered), 'INVALID_TRANSITION', '订单完成后才能评价'],
      [consumerA, stars(orderId, { fit: undefined }), 'INVALID_INPUT', '请为合身打分'],
      [consumerA, stars(filter), 'INVALID_INPUT', '这个商品不是量体定制，不需要评价合身'],
      [consumerA, stars(orderId, { quality: 6 }), 'INVALID_INPUT'],
      [consumerA, stars(orderId, { onTime: 0 }), 'INVALID_INPUT'],
      [consumerA, stars(orderId, { text: '好'.repeat(201) }), 'INVALID_INPUT'],
    ]
    for (const [openid, payload, code, message] of cases)
      expect(await call('rateOrder', payload, openid)).toMatchObject({
        ok: false,
        code,
        ...(message ? { message } : {}),
      })
    expect(await everything()).toEqual(before)

    // A consumable has no measurements: rated without 合身.
    const plain = await call('rateOrder', stars(filter, { fit: undefined }), consumerA)
    expect(plain).toMatchObject({ ok: true, data: { rating: { fit: null } } })
    expect((await call('rating', { orderId: filter }, consumerA)).data.fitAsked).toBe(false)
  })

  test('an open after-sales request makes rating wait until it closes', async () => {
    const orderId = await completedShirt()
    const asked = await call(
      'requestAfterSales',
      { orderId, requestId: rid('as'), kind: 'repair', reason: '使用中损坏' },
      consumerA,
    )
    expect(asked.ok).toBe(true)
    const before = await everything()
    const waiting = await call('rateOrder', stars(orderId), consumerA)
    expect(waiting).toMatchObject({ ok: false, code: 'AFTER_SALES_OPEN' })
    expect(waiting.message).toMatch(/售后还在处理中，处理完成后再来评价/)
    expect(await everything()).toEqual(before)
    expect((await call('rating', { orderId }, consumerA)).data).toMatchObject({
      rating: null,
      may: null,
      reason: waiting.message,
    })

    const withdrawn = await call(
      'withdrawAfterSales',
      { afterSalesId: asked.data.request._id },
      consumerA,
    )
    expect(withdrawn.ok).toBe(true)
    expect((await call('rating', { orderId }, consumerA)).data.may).toBe('rate')
    expect((await call('rateOrder', stars(orderId), consumerA)).ok).toBe(true)
  })

  test('ten first ratings at once: one document, all its fields from one request', async () => {
    const orderId = await completedShirt()
    const payloads = Array.from({ length: 10 }, (_, index) =>
      stars(orderId, {
        quality: (index % 5) + 1,
        fit: ((index + 2) % 5) + 1,
        onTime: ((index + 4) % 5) + 1,
        text: `第 ${index} 次`,
      }),
    )
    const results = await Promise.all(payloads.map((p) => call('rateOrder', p, consumerA)))
    for (const result of results.filter((r) => !r.ok)) expect(result.code).toBe('CONFLICT')
    expect(results.filter((r) => r.ok && r.data.created)).toHaveLength(1)
    const stored = await ratings(orderId)
    expect(stored).toHaveLength(1)
    const { quality, fit, onTime, text } = stored[0]
    expect(payloads).toContainEqual({ orderId, quality, fit, onTime, text })
  })
})

describe('order.rating', () => {
  test('the merchant reads the rating and may do nothing; another customer finds nothing', async () => {
    const orderId = await completedShirt()
    await call('rateOrder', stars(orderId), consumerA)
    expect((await call('rating', { orderId }, merchant)).data).toMatchObject({
      rating: { quality: 5, fit: 4, onTime: 5 },
      may: null,
      reason: null,
    })
    expect(await call('rating', { orderId }, consumerB)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    expect(await call('rating', { orderId }, null)).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
  })

  test('order.detail gives a merchant the rating (null before one); the owner reads it apart', async () => {
    const orderId = await completedShirt()
    expect((await call('detail', { orderId }, merchant)).data).toMatchObject({ rating: null })
    await call('rateOrder', stars(orderId), consumerA)
    await call('rateOrder', stars(orderId, { quality: 3 }), consumerA)
    expect((await call('detail', { orderId }, merchant)).data).toMatchObject({
      role: 'merchant',
      rating: { quality: 3, fit: 4, onTime: 5, text: '领口正好，比预计早两天到', edits: 1 },
    })
    expect((await call('detail', { orderId }, consumerA)).data).not.toHaveProperty('rating')
    expect(await call('detail', { orderId }, consumerB)).toMatchObject({ code: 'NOT_FOUND' })
  })

  test('an unfinished order: no rating, nothing to do yet, and why', async () => {
    const orderId = await deliveredShirt()
    expect((await call('rating', { orderId }, consumerA)).data).toEqual({
      rating: null,
      may: null,
      reason: '订单完成后才能评价',
      fitAsked: true,
      editableUntil: null,
    })
  })
})

test('round trips as docs/actions.md states', async () => {
  const orderId = await completedShirt()
  const trips = async (action: string, payload: object, openid: string) => {
    const counted = await env.cloud.invokeCounted(FUNCTIONS.order, { action, payload }, openid)
    expect(counted.result).toMatchObject({ ok: true })
    return counted.roundTrips
  }
  expect({
    rateOrder: await trips('rateOrder', stars(orderId), consumerA),
    'rateOrder (change)': await trips('rateOrder', stars(orderId, { quality: 4 }), consumerA),
    'rating (owner)': await trips('rating', { orderId }, consumerA),
    'rating (merchant)': await trips('rating', { orderId }, merchant),
    'detail (merchant, with the rating)': await trips('detail', { orderId }, merchant),
  }).toEqual({
    rateOrder: 5,
    'rateOrder (change)': 5,
    'rating (owner)': 2,
    'rating (merchant)': 3,
    'detail (merchant, with the rating)': 3,
  })
})
