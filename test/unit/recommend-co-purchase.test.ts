// Co-purchase (issue 19): the pure roll-up shared by the cloud and the bench
// (src/domain/co-purchase.ts) and where the recommender places 买过…的顾客也买了它.
import fc from 'fast-check'
import { emptyCounts, type PreferenceCounts } from '@/domain/behaviour'
import {
  addPairs,
  coPurchasePairs,
  CO_PURCHASE_MAX_PAIRED,
  mostOrdered,
  type CoPurchaseRecord,
} from '@/domain/co-purchase'
import { recommend, type RecommendInput } from '@/domain/recommend'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'

const NOW = new Date('2026-06-01T04:00:00Z')
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
  recommend(input(overrides)).map((r) => [r.productId, r.basis, r.reason])

describe('co-purchase roll-up', () => {
  test('a first order of a product pairs it with the most-ordered others; a repeat pairs nothing', () => {
    expect(coPurchasePairs({ prod_shirt: 2, prod_filter: 5 }, 'prod_curtain')).toEqual({
      productId: 'prod_curtain',
      others: ['prod_filter', 'prod_shirt'],
    })
    expect(coPurchasePairs({ prod_shirt: 1, prod_curtain: 1 }, 'prod_curtain')).toBeNull()
    expect(coPurchasePairs({}, 'prod_curtain')).toBeNull()
  })

  test('bounded: only the customer’s most-ordered products, ties in id order', () => {
    const ordered = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, i % 3]))
    expect(mostOrdered(ordered, 3)).toEqual(['p2', 'p5', 'p8'])
    expect(coPurchasePairs(ordered, 'x')!.others).toHaveLength(CO_PURCHASE_MAX_PAIRED)
  })

  test('each customer adds at most one to a pair, in both directions, whatever the order', () => {
    const orderArb = fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 8 }), {
      maxLength: 6,
    })
    fc.assert(
      fc.property(orderArb, (customers) => {
        const records = new Map<string, Record<string, number>>()
        for (const orders of customers) {
          const ordered: Record<string, number> = {}
          for (const id of orders) {
            const pairs = coPurchasePairs(ordered, id)
            if (pairs) addPairs(records, pairs)
            ordered[id] = (ordered[id] ?? 0) + 1
          }
        }
        for (const x of 'abcd')
          for (const y of 'abcd') {
            const both = customers.filter((o) => x !== y && o.includes(x) && o.includes(y))
            expect(records.get(x)?.[y] ?? 0).toBe(both.length)
          }
      }),
    )
  })
})

describe('recommend: bought together', () => {
  const rows: CoPurchaseRecord[] = [
    { _id: 'prod_shirt', counts: { prod_curtain: 3, prod_filter: 1 } },
  ]
  const shirtBuyer = counts({ ordered: { prod_shirt: 1 } })

  test('outside the customer’s categories: what others who bought their products bought, named', () => {
    expect(reasons({ preference: shirtBuyer, coPurchase: rows }).slice(0, 2)).toEqual([
      ['prod_curtain', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
      ['prod_filter', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
    ])
  })

  // Followed 家纺 3 times: both unmet 家纺 products score 13.5 (category part); one view 14.
  const placement: [string, Partial<PreferenceCounts>, CoPurchaseRecord[], string[][]][] = [
    [
      'a followed category without rows: its candidates in shop order',
      { categories: { home_textile: 3 } },
      [],
      [
        ['prod_curtain', 'category', '你常看家纺'],
        ['prod_linen_batch', 'category', '你常看家纺'],
      ],
    ],
    [
      'co-purchase orders the candidates of a followed category, and names the reason',
      { categories: { home_textile: 3 } },
      [{ _id: 'prod_shirt', counts: { prod_linen_batch: 1 } }],
      [
        ['prod_linen_batch', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
        ['prod_curtain', 'category', '你常看家纺'],
      ],
    ],
    [
      'the larger share of its row goes first',
      { categories: { home_textile: 3 } },
      [{ _id: 'prod_shirt', counts: { prod_curtain: 1, prod_linen_batch: 3 } }],
      [
        ['prod_linen_batch', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
        ['prod_curtain', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
      ],
    ],
    [
      'never past a view of the same weight (one view 14 > 13.5 + the boost)',
      { categories: { home_textile: 3 }, views: { prod_filter: 1 } },
      [{ _id: 'prod_shirt', counts: { prod_linen_batch: 9 } }],
      [
        ['prod_filter', 'viewed', '你看过这件'],
        ['prod_linen_batch', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
        ['prod_curtain', 'category', '你常看家纺'],
      ],
    ],
    [
      'outside the followed categories: below every viewed product, and a stronger category',
      { categories: { home_textile: 3 }, views: { prod_curtain: 1 } },
      [{ _id: 'prod_shirt', counts: { prod_filter: 9 } }],
      [
        ['prod_curtain', 'viewed', '你看过这件'],
        ['prod_linen_batch', 'category', '你常看家纺'],
        ['prod_filter', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
      ],
    ],
    [
      'a weaker share outside the categories stays below the category part',
      { categories: { home_textile: 3 } },
      [{ _id: 'prod_shirt', counts: { prod_filter: 1, prod_curtain: 3 } }],
      [
        ['prod_curtain', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
        ['prod_linen_batch', 'category', '你常看家纺'],
        ['prod_filter', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
      ],
    ],
  ]
  test.each(placement)('%s', (_name, preference, coPurchase, expected) => {
    const given = counts({ ordered: { prod_shirt: 1 }, ...preference })
    // The ordered shirt has no option part here: only the unmet products are compared.
    const out = reasons({ preference: given, coPurchase }).filter(([id]) => id !== 'prod_shirt')
    expect(out.slice(0, expected.length)).toEqual(expected)
  })

  test('below a chosen option and a refill running out', () => {
    const preference = counts({
      ordered: { prod_shirt: 1 },
      categories: { home_textile: 10 },
      options: { prod_shirt: { fabric: { linen: 1 } } },
    })
    const curtainRow = [{ _id: 'prod_shirt', counts: { prod_curtain: 9 } }]
    // Option 40 > the category part at its most (27.5) with the boost (under 0.5).
    expect(reasons({ preference, coPurchase: curtainRow }).slice(0, 3)).toEqual([
      ['prod_shirt', 'option', '你选过法国亚麻'],
      ['prod_curtain', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
      ['prod_linen_batch', 'category', '你常看家纺'],
    ])
    const refills = [{ productId: 'prod_filter', runOutAt: NOW, status: 'active' as const }]
    expect(reasons({ preference, coPurchase: curtainRow, refills })[0]).toEqual([
      'prod_filter',
      'refill',
      '净水器替换滤芯该补货了',
    ])
  })

  test('never added to a view: a viewed product keeps its own reason', () => {
    const preference = counts({
      ordered: { prod_shirt: 1 },
      views: { prod_curtain: 2 },
      categories: { home_textile: 10 },
    })
    const both = [{ _id: 'prod_shirt', counts: { prod_curtain: 9, prod_linen_batch: 9 } }]
    expect(reasons({ preference, coPurchase: both }).slice(0, 2)).toEqual([
      ['prod_linen_batch', 'bought_together', '买过量体定制衬衫的顾客也买了它'],
      ['prod_curtain', 'viewed', '你看过 2 次'],
    ])
  })

  test('never a product the customer already ordered; nothing without rows or with the switch off', () => {
    const both = counts({ ordered: { prod_shirt: 1, prod_curtain: 1 } })
    const out = recommend(input({ preference: both, coPurchase: rows }))
    expect(out.find((r) => r.productId === 'prod_curtain')?.basis).not.toBe('bought_together')
    expect(reasons({ preference: shirtBuyer }).map(([, basis]) => basis)).not.toContain(
      'bought_together',
    )
    const off = recommend(input({ personalised: false, preference: shirtBuyer, coPurchase: rows }))
    expect(off.every((r) => r.basis === 'curated')).toBe(true)
  })

  test('a long product name is cut so the reason stays short', () => {
    const products = DEMO_PRODUCTS.map((p) =>
      p._id === 'prod_shirt' ? { ...p, name: '意大利进口羊毛混纺量体定制商务衬衫' } : p,
    )
    const [first] = recommend(input({ products, preference: shirtBuyer, coPurchase: rows }))
    expect(first.reason).toBe('买过意大利进口羊毛混纺量体定制…的顾客也买了它')
    expect(Array.from(first.reason).length).toBeLessThanOrEqual(24)
  })

  test('properties: deterministic, never an ordered product, never the row’s own product', () => {
    const ids = DEMO_PRODUCTS.map((p) => p._id)
    const countsArb = fc.dictionary(fc.constantFrom(...ids), fc.nat(6))
    fc.assert(
      fc.property(countsArb, fc.array(fc.tuple(fc.constantFrom(...ids), countsArb)), (o, r) => {
        const coPurchase = r.map(([_id, c]) => ({ _id, counts: c }))
        const given = input({ preference: counts({ ordered: o }), coPurchase })
        const out = recommend(given)
        for (const item of out.filter((i) => i.basis === 'bought_together')) {
          expect(o[item.productId] ?? 0).toBe(0)
          expect(coPurchase.some((row) => (row.counts[item.productId] ?? 0) > 0)).toBe(true)
        }
        expect(recommend(given)).toEqual(out)
      }),
      { numRuns: 200 },
    )
  })
})
