// 新品 (issue 19): a product created within RECOMMEND_CONFIG.newForDays gets a small boost inside
// the category part (src/domain/recommend.ts), never past a personal signal; older records
// without createdAt are never new.
import { emptyCounts, type PreferenceCounts } from '@/domain/behaviour'
import type { ProductRecord } from '@/domain/catalog'
import { isNewProduct, recommend, RECOMMEND_CONFIG, type RecommendInput } from '@/domain/recommend'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'

const NOW = new Date('2026-06-01T04:00:00Z')
const DAY = 24 * 60 * 60 * 1000
const ago = (days: number) => new Date(NOW.getTime() - days * DAY)

/** The demo catalog with the linen set (家纺, after the curtain in shop order) created `at`. */
const withLinenCreated = (at: Date | undefined): ProductRecord[] =>
  DEMO_PRODUCTS.map((p) => (p._id === 'prod_linen_batch' ? { ...p, createdAt: at } : p))

const reasons = (products: ProductRecord[], preference: Partial<PreferenceCounts>) => {
  const input: RecommendInput = {
    now: NOW,
    products,
    personalised: true,
    preference: { ...emptyCounts(), ...preference },
    refills: [],
    profileKinds: [],
  }
  return recommend(input).map((r) => [r.productId, r.basis, r.reason])
}

describe('isNewProduct', () => {
  const days = RECOMMEND_CONFIG.newForDays
  test.each([
    ['created just now', NOW, true],
    ['created 10 days ago', ago(10), true],
    [`created exactly ${days} days ago`, ago(days), true],
    [`created a moment more than ${days} days ago`, new Date(ago(days).getTime() - 1), false],
    ['created long ago', ago(400), false],
    ['a date after now (a clock off): not new', new Date(NOW.getTime() + DAY), false],
    ['no createdAt (stored before it existed)', undefined, false],
  ])('%s', (_name, createdAt, expected) => {
    expect(isNewProduct({ createdAt }, NOW)).toBe(expected)
  })

  test('a createdAt stored as an ISO string (the deploy seed writes JSON) reads the same', () => {
    const stored = { createdAt: ago(3).toISOString() as unknown as Date }
    expect(isNewProduct(stored, NOW)).toBe(true)
  })
})

describe('recommend: 新品', () => {
  // Followed 家纺 3 times: the unmet curtain and linen set score 13.5; one view scores 14.
  const follows = { categories: { home_textile: 3 } }
  test.each<[string, Date | undefined, Partial<PreferenceCounts>, string[][]]>([
    [
      'not new: the category candidates in shop order',
      ago(40),
      follows,
      [
        ['prod_curtain', 'category', '你常看家纺'],
        ['prod_linen_batch', 'category', '你常看家纺'],
      ],
    ],
    [
      'new: first among the candidates of its category, with the reason 新品',
      ago(10),
      follows,
      [
        ['prod_linen_batch', 'category', '新品'],
        ['prod_curtain', 'category', '你常看家纺'],
      ],
    ],
    [
      'new, but never past a view of the same weight',
      ago(10),
      { categories: { home_textile: 3 }, views: { prod_filter: 1 } },
      [
        ['prod_filter', 'viewed', '你看过这件'],
        ['prod_linen_batch', 'category', '新品'],
        ['prod_curtain', 'category', '你常看家纺'],
      ],
    ],
    [
      'new, but never past a category the customer follows more',
      ago(10),
      { categories: { home_textile: 3, water: 4 } },
      [
        ['prod_filter', 'category', '你常看净水'],
        ['prod_linen_batch', 'category', '新品'],
        ['prod_curtain', 'category', '你常看家纺'],
      ],
    ],
    [
      'new in a category the customer does not follow: no boost on its own',
      ago(10),
      { categories: { water: 3 } },
      [['prod_filter', 'category', '你常看净水']],
    ],
  ])('%s', (_name, createdAt, preference, expected) => {
    const out = reasons(withLinenCreated(createdAt), preference)
    expect(out.filter(([, basis]) => basis !== 'curated')).toEqual(expected)
  })

  test('a viewed new product keeps its view reason; co-purchase names the reason before 新品', () => {
    const products = withLinenCreated(ago(1))
    expect(reasons(products, { ...follows, views: { prod_linen_batch: 1 } })[0]).toEqual([
      'prod_linen_batch',
      'viewed',
      '你看过这件',
    ])
    const out = recommend({
      now: NOW,
      products,
      personalised: true,
      preference: { ...emptyCounts(), ...follows, ordered: { prod_shirt: 1 } },
      refills: [],
      profileKinds: [],
      coPurchase: [{ _id: 'prod_shirt', counts: { prod_linen_batch: 1 } }],
    })
    expect(out.find((r) => r.productId === 'prod_linen_batch')?.reason).toBe(
      '买过量体定制衬衫的顾客也买了它',
    )
  })

  test('the demo products are not new, so the seed changes no reason', () => {
    for (const product of DEMO_PRODUCTS) {
      expect(product.createdAt).toBeInstanceOf(Date)
      expect(isNewProduct(product, new Date())).toBe(false)
    }
  })
})
