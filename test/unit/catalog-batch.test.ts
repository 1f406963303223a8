// The demo catalog is sound, new orders snapshot what was bought, batches count units, and
// China dates do calendar arithmetic.
import { addDays, chinaDateOf, chinaDayRange, daysBetween, isChinaDate } from '@/domain/china-date'
import { toProductSummary } from '@/domain/catalog'
import { buildNewOrder, orderIdFor } from '@/domain/new-order'
import { checkProductSchema } from '@/domain/product-schema'
import { ordersToRelease, progressFromOrders } from '@/domain/batch'
import { quoteOrder } from '@/domain/pricing'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import {
  ADDRESS,
  makeOrder,
  NOW,
  OWNER,
  product,
  shirtSelection,
  STRANGER,
} from './order-factories'

describe('the catalog schema', () => {
  test.each(DEMO_PRODUCTS.map((p) => [p._id, p] as const))('%s is sound', (_id, p) => {
    expect(checkProductSchema(p)).toEqual([])
  })

  test('the home page summary stays the same shape', () => {
    expect(toProductSummary(product('prod_shirt'))).toEqual({
      id: 'prod_shirt',
      name: '量体定制衬衫',
      kind: 'made_to_order',
      priceFromFen: 39900,
      leadDays: 12,
      image: '',
    })
  })

  const shirt = product('prod_shirt')
  test.each([
    ['a fractional base price', { basePriceFen: 100.5 }, '基础价必须是非负整数分'],
    [
      'duplicate ids',
      { textFields: [...shirt.textFields, { ...shirt.textFields[0] }] },
      '选项组、尺寸和填写项的编号不能重复',
    ],
    [
      'an id that is not a plain key',
      { textFields: [{ ...shirt.textFields[0], id: '__proto__' }] },
      '编号格式不正确：__proto__',
    ],
    [
      'a discount below zero',
      {
        optionGroups: [
          {
            ...shirt.optionGroups[0],
            choices: [{ id: 'free', label: '赠送', priceDeltaFen: -50000, leadDaysDelta: 0 }],
          },
        ],
      },
      '选项优惠后价格可能为负',
    ],
    [
      'an urgent lead time as slow as normal',
      { urgent: { surchargeFen: 1, urgentLeadDays: 12, dailyCapacity: 3 } },
      '加急工期必须短于基础工期',
    ],
    [
      'a batch minimum on a made-to-order product',
      { batch: { minQuantity: 5 } },
      '只有预售拼单需要成团数量',
    ],
    [
      'a zero step',
      { measurements: [{ ...shirt.measurements[0], step: 0 }] },
      '领围：范围或步长不正确',
    ],
  ])('flags %s', (_case, change, problem) => {
    expect(checkProductSchema({ ...shirt, ...change })).toContain(problem)
  })
})

describe('a new order', () => {
  const shirt = product('prod_shirt')
  const args = (over = {}) => ({
    product: shirt,
    selection: shirtSelection(),
    quote: quoteOrder(shirt, shirtSelection(), { now: NOW, urgentOrdersToday: 0, queueLoad: 0 }),
    ownerOpenid: OWNER,
    requestId: 'req-abcdef01',
    address: ADDRESS,
    now: NOW,
    batchId: null,
    ...over,
  })

  test('snapshots the product, chosen options and fields, at version 1', () => {
    const result = buildNewOrder(args())
    if (!result.ok) throw new Error(result.message)
    const order = result.data
    expect(order).toMatchObject({
      node: 'submitted',
      version: 1,
      ownerOpenid: OWNER,
      productId: 'prod_shirt',
      eta: '2026-12-07',
      exception: null,
      shipping: null,
    })
    expect(order.orderNo).toMatch(/^20261122-[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(order.productSnapshot.choices).toContainEqual({
      groupId: 'fabric',
      groupLabel: '面料',
      choiceId: 'egyptian',
      choiceLabel: '埃及长绒棉',
      priceDeltaFen: 12000,
      leadDaysDelta: 3,
    })
    expect(order.productSnapshot.details).toEqual([
      { label: '面料', value: '埃及长绒棉' },
      { label: '领型', value: '八字领' },
      { label: '袖口', value: '法式叠袖' },
      { label: '领围', value: '39 cm' },
      { label: '胸围', value: '98 cm' },
      { label: '肩宽', value: '45.5 cm' },
      { label: '袖长', value: '62 cm' },
      { label: '衣长', value: '76 cm' },
      { label: '刺绣文字', value: 'LX' },
    ])
    expect(order.timeline).toEqual([
      { node: 'submitted', event: 'submit', at: NOW, actorRole: 'consumer', note: '', photos: [] },
    ])
  })

  test('the id is stable per (owner, requestId) so retries land on one document', () => {
    expect(orderIdFor(OWNER, 'req-1')).toBe(orderIdFor(OWNER, 'req-1'))
    expect(orderIdFor(OWNER, 'req-1')).not.toBe(orderIdFor(STRANGER, 'req-1'))
    expect(orderIdFor(OWNER, 'req-1')).not.toBe(orderIdFor(OWNER, 'req-2'))
    expect(orderIdFor(OWNER, 'req-1')).toMatch(/^ord_[0-9a-z]{22}$/)
  })

  test('refuses a sold-out urgent request and a malformed request id', () => {
    const urgent = shirtSelection({ urgent: true })
    const quote = quoteOrder(shirt, urgent, { now: NOW, urgentOrdersToday: 3, queueLoad: 0 })
    expect(buildNewOrder(args({ selection: urgent, quote }))).toMatchObject({
      ok: false,
      code: 'URGENT_SOLD_OUT',
    })
    expect(buildNewOrder(args({ requestId: '{"$ne":1}' }))).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'requestId',
    })
  })
})

describe('batches', () => {
  test('progress counts live orders only; release skips moved and exceptional orders', () => {
    const order = (
      node: 'submitted' | 'confirmed' | 'cancelled' | 'production',
      quantity: number,
    ) => ({
      ...makeOrder({ node }, 'prod_linen_batch'),
      selection: { ...shirtSelection(), quantity },
    })
    const orders = [order('submitted', 12), order('confirmed', 8), order('cancelled', 5)]
    expect(progressFromOrders(20, orders)).toEqual({
      quantity: 20,
      minQuantity: 20,
      remaining: 0,
      reached: true,
    })
    expect(progressFromOrders(21, orders)).toMatchObject({ reached: false, remaining: 1 })
    const held = {
      ...order('confirmed', 1),
      exception: {
        id: 'e',
        kind: 'delayed' as const,
        note: '',
        photos: [],
        offered: [],
        flaggedAt: NOW,
        choice: null,
      },
    }
    expect(ordersToRelease([...orders, order('production', 1), held]).map((o) => o.node)).toEqual([
      'submitted',
      'confirmed',
    ])
  })
})

describe('China dates', () => {
  test.each([
    ['2026-11-21T15:59:59Z', '2026-11-21'],
    ['2026-11-21T16:00:00Z', '2026-11-22'],
  ])('%s is %s in China', (instant, date) => expect(chinaDateOf(instant)).toBe(date))

  test('calendar arithmetic across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(daysBetween('2026-11-22', '2026-12-07')).toBe(15)
    expect(isChinaDate('2026-02-29')).toBe(false)
    expect(isChinaDate('2026-2-1')).toBe(false)
    expect(() => addDays('tomorrow', 1)).toThrow(RangeError)
  })

  test('a China day spans 16:00 UTC to 16:00 UTC', () => {
    expect(chinaDayRange('2026-11-22')).toEqual({
      start: new Date('2026-11-21T16:00:00Z'),
      end: new Date('2026-11-22T16:00:00Z'),
    })
  })
})
