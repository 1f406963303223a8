// The recommender (src/domain/recommend.ts) and the behaviour roll-up (src/domain/behaviour.ts):
// tables for each reason, and properties over random preferences: never an inactive product, never
// a stopped refill, never a personal reason with personalisation off, never an empty block while
// anything is available, deterministic.
import fc from 'fast-check'
import {
  addCounts,
  emptyCounts,
  isPersonalised,
  orderSignals,
  preferencePatch,
  refillAnswerSignal,
  retentionDays,
  viewSignal,
  type PreferenceCounts,
} from '@/domain/behaviour'
import { recommendationsNote, refillsDueSoon, toHomeOrder } from '@/domain/home-view'
import type { ProductRecord } from '@/domain/catalog'
import { recommend, RECOMMEND_BASES, type RecommendInput } from '@/domain/recommend'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'

const NOW = new Date('2026-06-01T04:00:00Z')
const DAY = 24 * 60 * 60 * 1000
const at = (days: number) => new Date(NOW.getTime() + days * DAY)

const counts = (overrides: Partial<PreferenceCounts> = {}): PreferenceCounts => ({
  ...emptyCounts(),
  ...overrides,
})

const input = (overrides: Partial<RecommendInput> = {}): RecommendInput => ({
  now: NOW,
  products: DEMO_PRODUCTS,
  personalised: true,
  preference: null,
  refills: [],
  profileKinds: [],
  ...overrides,
})

const reasons = (overrides: Partial<RecommendInput>) =>
  recommend(input(overrides)).map((r) => [r.productId, r.reason])

describe('recommend: each reason', () => {
  test('a new customer gets the shop’s featured picks, in shop order', () => {
    expect(reasons({})).toEqual([
      ['prod_shirt', '店铺精选'],
      ['prod_linen_batch', '店铺精选'],
    ])
  })

  test('no product featured: the catalog in shop order, up to the limit', () => {
    const plain = DEMO_PRODUCTS.map((p) => ({ ...p, featured: false }))
    expect(recommend(input({ products: plain, limit: 3 })).map((r) => r.productId)).toEqual([
      'prod_shirt',
      'prod_curtain',
      'prod_filter',
    ])
  })

  test('options chosen once and more than once', () => {
    const once = counts({
      options: { prod_shirt: { fabric: { linen: 1 } } },
      ordered: { prod_shirt: 1 },
    })
    expect(reasons({ preference: once })[0]).toEqual(['prod_shirt', '你选过法国亚麻'])
    const twice = counts({
      options: { prod_shirt: { fabric: { linen: 2 }, collar: { spread: 2 }, cuff: { french: 3 } } },
    })
    expect(reasons({ preference: twice })[0]).toEqual(['prod_shirt', '你常选法式叠袖'])
  })

  test('a choice the customer picked beats the default every order has', () => {
    // oxford and spread are the first choices of their groups: what a shirt gets unless changed.
    const defaults = counts({
      options: { prod_shirt: { fabric: { oxford: 4, linen: 1 }, collar: { spread: 5 } } },
    })
    expect(reasons({ preference: defaults })[0]).toEqual(['prod_shirt', '你选过法国亚麻'])
    const onlyDefaults = counts({ options: { prod_shirt: { collar: { spread: 2 } } } })
    expect(reasons({ preference: onlyDefaults })[0]).toEqual(['prod_shirt', '你常选八字领'])
  })

  test('an option the product no longer offers gives no reason', () => {
    const gone = counts({ options: { prod_shirt: { fabric: { silk: 5 } } } })
    expect(recommend(input({ preference: gone })).every((r) => r.basis === 'curated')).toBe(true)
  })

  test('views and categories', () => {
    const preference = counts({
      views: { prod_curtain: 3 },
      categories: { home_textile: 3 },
    })
    expect(reasons({ preference }).slice(0, 2)).toEqual([
      ['prod_curtain', '你看过 3 次'],
      ['prod_linen_batch', '你常看家纺'],
    ])
    const once = counts({ views: { prod_curtain: 1 }, categories: { home_textile: 1 } })
    expect(reasons({ preference: once }).slice(0, 2)).toEqual([
      ['prod_curtain', '你看过这件'],
      ['prod_linen_batch', '你看过家纺'],
    ])
  })

  test('a saved measurement profile that fits', () => {
    expect(reasons({ profileKinds: ['window'] })[0]).toEqual([
      'prod_curtain',
      '你的量体档案可直接下单',
    ])
  })

  test('a refill running out comes first, with the days left; one not due is not shown', () => {
    const refills = [{ productId: 'prod_filter', runOutAt: at(6), status: 'active' as const }]
    expect(recommend(input({ refills }))[0]).toMatchObject({
      productId: 'prod_filter',
      basis: 'refill',
      reason: '净水器替换滤芯约 6 天后用完',
    })
    const due = [{ productId: 'prod_filter', runOutAt: at(-2), status: 'reminded' as const }]
    expect(reasons({ refills: due })[0]).toEqual(['prod_filter', '净水器替换滤芯该补货了'])
    const later = [{ productId: 'prod_filter', runOutAt: at(40), status: 'active' as const }]
    const preference = counts({ options: { prod_filter: { model: { ro: 4 } } } })
    expect(reasons({ refills: later, preference }).map(([id]) => id)).not.toContain('prod_filter')
  })

  test('the strongest reason wins and scores add up across reasons', () => {
    const preference = counts({
      options: { prod_shirt: { fabric: { linen: 1 } } },
      ordered: { prod_shirt: 1 },
      views: { prod_curtain: 1 },
    })
    // The curtain: viewed (14) + profile (15) = 29 < the shirt's option (40) + profile (15).
    expect(reasons({ preference, profileKinds: ['body', 'window'] }).slice(0, 2)).toEqual([
      ['prod_shirt', '你选过法国亚麻'],
      ['prod_curtain', '你的量体档案可直接下单'],
    ])
  })

  test('personal picks first, the shop’s picks fill the rest without repeats', () => {
    const preference = counts({ options: { prod_shirt: { fabric: { linen: 1 } } } })
    expect(reasons({ preference })).toEqual([
      ['prod_shirt', '你选过法国亚麻'],
      ['prod_linen_batch', '店铺精选'],
    ])
  })
})

describe('recommend: properties', () => {
  const productArb = fc.record({
    index: fc.nat({ max: DEMO_PRODUCTS.length - 1 }),
    active: fc.boolean(),
    featured: fc.boolean(),
  })
  const countArb = fc.dictionary(fc.constantFrom(...DEMO_PRODUCTS.map((p) => p._id)), fc.nat(9))
  const inputArb = fc.record({
    products: fc.array(productArb, { maxLength: 8 }),
    personalised: fc.boolean(),
    views: countArb,
    ordered: countArb,
    linen: fc.nat(5),
    categories: fc.dictionary(fc.constantFrom('apparel', 'home_textile', 'water'), fc.nat(9)),
    refill: fc.option(
      fc.record({
        days: fc.integer({ min: -30, max: 120 }),
        status: fc.constantFrom('active' as const, 'reminded' as const, 'stopped' as const),
      }),
    ),
    profiles: fc.subarray(['body', 'window'] as const),
    limit: fc.integer({ min: 1, max: 6 }),
  })
  type Drawn = typeof inputArb extends fc.Arbitrary<infer T> ? T : never
  const build = (v: Drawn): RecommendInput => {
    const refill = v.refill
    const products: ProductRecord[] = v.products.map((p, i) => ({
      ...DEMO_PRODUCTS[p.index],
      _id: `${DEMO_PRODUCTS[p.index]._id}_${i}`,
      active: p.active,
      featured: p.featured,
      sort: i,
    }))
    const ids = products.map((p) => p._id)
    const rename = (record: Record<string, number>) =>
      Object.fromEntries(
        ids
          .filter((id) => record[id.replace(/_\d+$/, '')] !== undefined)
          .map((id) => [id, record[id.replace(/_\d+$/, '')]]),
      )
    return input({
      products,
      personalised: v.personalised,
      preference: counts({
        views: rename(v.views),
        ordered: rename(v.ordered),
        categories: v.categories,
        options: Object.fromEntries(ids.map((id) => [id, { fabric: { linen: v.linen } }])),
      }),
      refills: refill
        ? ids
            .filter((id) => id.startsWith('prod_filter'))
            .map((productId) => ({ productId, runOutAt: at(refill.days), status: refill.status }))
        : [],
      profileKinds: [...v.profiles],
      limit: v.limit,
    })
  }

  test('never inactive, never stopped, never repeated, within the limit, deterministic', () => {
    fc.assert(
      fc.property(inputArb, (v) => {
        const given = build(v)
        const out = recommend(given)
        const byId = new Map(given.products.map((p) => [p._id, p]))
        const stopped = given.refills.filter((r) => r.status === 'stopped').map((r) => r.productId)
        expect(out.length).toBeLessThanOrEqual(given.limit!)
        expect(new Set(out.map((r) => r.productId)).size).toBe(out.length)
        for (const item of out) {
          expect(byId.get(item.productId)?.active).toBe(true)
          expect(stopped).not.toContain(item.productId)
          expect(RECOMMEND_BASES).toContain(item.basis)
          expect(item.reason.length).toBeGreaterThan(0)
          expect(Array.from(item.reason).length).toBeLessThanOrEqual(24)
        }
        // Something available is always shown: never an empty block.
        const available = given.products.filter((p) => p.active && !stopped.includes(p._id))
        if (available.length > 0) expect(out.length).toBeGreaterThan(0)
        expect(recommend(given)).toEqual(out)
      }),
      { numRuns: 300 },
    )
  })

  test('personalisation off: only the shop’s picks, whatever is known', () => {
    fc.assert(
      fc.property(inputArb, (v) => {
        const out = recommend(build({ ...v, personalised: false }))
        expect(out.every((r) => r.basis === 'curated' && r.reason === '店铺精选')).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})

describe('behaviour roll-up', () => {
  const shirt = DEMO_PRODUCTS[0]

  test('a view counts the product and its category', () => {
    expect(preferencePatch([viewSignal(shirt), viewSignal(shirt)])).toEqual({
      views: { prod_shirt: 2 },
      categories: { apparel: 2 },
    })
  })

  test('an order counts the order, its category and each option', () => {
    const signals = orderSignals(shirt, {
      _id: 'order_1',
      choices: [
        { groupId: 'fabric', choiceId: 'linen' },
        { groupId: 'collar', choiceId: 'spread' },
      ],
      quantity: 1,
    })
    expect(signals.map((s) => s.type)).toEqual(['order_placed', 'option_chosen'])
    expect(preferencePatch(signals)).toEqual({
      ordered: { prod_shirt: 1 },
      categories: { apparel: 1 },
      options: { prod_shirt: { fabric: { linen: 1 }, collar: { spread: 1 } } },
    })
  })

  test('a refill answer is counted per answer', () => {
    expect(preferencePatch([refillAnswerSignal('prod_filter', 'stop')])).toEqual({
      refillAnswers: { prod_filter: { stop: 1 } },
    })
  })

  test('keys that are not plain ids are never written', () => {
    const signal = viewSignal({ _id: 'a.b', category: { id: '$where', label: 'x' } })
    expect(preferencePatch([signal])).toEqual({})
  })

  test('addCounts adds a patch to stored counts', () => {
    const stored = counts({
      views: { prod_shirt: 2 },
      options: { prod_shirt: { fabric: { oxford: 1 } } },
    })
    const next = addCounts(stored, {
      views: { prod_shirt: 1, prod_curtain: 1 },
      options: { prod_shirt: { fabric: { linen: 1 } } },
    })
    expect(next.views).toEqual({ prod_shirt: 3, prod_curtain: 1 })
    expect(next.options).toEqual({ prod_shirt: { fabric: { oxford: 1, linen: 1 } } })
    expect(stored.views).toEqual({ prod_shirt: 2 })
  })

  test.each([
    [undefined, 180],
    ['30', 30],
    ['0', 180],
    ['-5', 180],
    ['12.5', 180],
    ['abc', 180],
    ['3650', 3650],
    ['3651', 180],
  ])('retention days from %p: %p', (value, days) => {
    expect(retentionDays(value)).toBe(days)
  })

  test('no document yet means on; only an explicit false is off', () => {
    expect(isPersonalised(null)).toBe(true)
    expect(isPersonalised({ personalised: true })).toBe(true)
    expect(isPersonalised({ personalised: false })).toBe(false)
  })
})

describe('home view texts', () => {
  const order = {
    _id: 'o1',
    orderNo: '20260601-AAAA',
    node: 'production' as const,
    eta: '2026-06-12',
    exception: null,
    shipping: null,
    productSnapshot: { name: '量体定制衬衫' },
  }

  test('an order: its node and ETA, the carrier once shipped, what to do on an exception', () => {
    expect(toHomeOrder(order)).toMatchObject({
      nodeText: '制作中',
      statusText: '预计 2026-06-12 完成',
    })
    const shipping = { carrier: '顺丰速运', trackingNo: 'SF1', shippedAt: NOW }
    expect(toHomeOrder({ ...order, node: 'shipped', shipping }).statusText).toBe(
      '已发货 · 顺丰速运',
    )
    const exception = { kind: 'delayed', choice: null } as never
    expect(toHomeOrder({ ...order, exception })).toMatchObject({
      exception: true,
      statusText: '订单有异常，请选择处理方式',
    })
  })

  test('refills due soon, soonest first; stopped and far-off ones left out', () => {
    const refill = (productId: string, days: number, status = 'active' as const) => ({
      productId,
      productName: productId,
      lastOrderId: `order_${productId}`,
      runOutAt: at(days),
      status,
    })
    expect(
      refillsDueSoon(
        [
          refill('a', 10),
          refill('b', 2),
          refill('c', 30),
          { ...refill('d', 1), status: 'stopped' },
        ],
        NOW,
      ).map((r) => [r.productId, r.text]),
    ).toEqual([
      ['b', '约 2 天后用完'],
      ['a', '约 10 天后用完'],
    ])
    expect(refillsDueSoon([refill('e', 0)], NOW)[0].text).toBe('已到补货时间')
  })

  test('the note under 为你推荐', () => {
    expect(recommendationsNote(false, [{ basis: 'curated' }])).toBe(
      '个性化推荐已关闭，以下为店铺精选',
    )
    expect(recommendationsNote(true, [{ basis: 'curated' }])).toBe('店铺精选，逛逛、下单后会更懂你')
    expect(recommendationsNote(true, [{ basis: 'option' }])).toBe('根据你的浏览、下单与补货记录')
  })
})
