// The recommender bench (tools/bench/recommend-*.ts): one seed gives the same shop and figures,
// and a hand-made 3-customer shop scores as worked out by hand (a fourth adds a co-purchase).
import type { ProductRecord } from '@/domain/catalog'
import type { BenchProduct } from '../../tools/bench/recommend-catalog'
import { attachCoPurchase } from '../../tools/bench/recommend-co-purchase'
import { leaveLastOut, recommended, type Case } from '../../tools/bench/recommend-eval'
import { evaluateShop, rate } from '../../tools/bench/recommend-score'
import {
  generateShop,
  LAUNCHED_SHARE,
  type BenchCustomer,
  type Shop,
} from '../../tools/bench/recommend-shop'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'

const DAY = 86_400_000
const START = Date.UTC(2026, 0, 1)

/** Figures without the timings, which differ run to run. */
function figures(shop: Shop) {
  const { msPerRecommendation, msPerRecentList, ...rest } = evaluateShop(shop)
  void msPerRecommendation
  void msPerRecentList
  return rest
}

describe('generated shop', () => {
  it('is the same for the same seed, and another seed gives another shop', () => {
    const a = generateShop({ customers: 150, seed: 7 })
    expect(generateShop({ customers: 150, seed: 7 })).toEqual(a)
    expect(figures(generateShop({ customers: 150, seed: 7 }))).toEqual(figures(a))
    expect(generateShop({ customers: 150, seed: 8 }).customers).not.toEqual(a.customers)
  })

  it('has what the brief asks: ≥ 2,000 customers, consumables, inactive products, tastes', () => {
    const shop = generateShop()
    expect(shop.customers.length).toBeGreaterThanOrEqual(2000)
    expect(shop.products.some((p) => p.record.consumable)).toBe(true)
    expect(shop.products.some((p) => !p.record.active)).toBe(true)
    const ids = new Set(shop.products.map((p) => p.record._id))
    for (const p of DEMO_PRODUCTS) expect(ids.has(p._id)).toBe(true)
    // Inactive products are never ordered after they were withdrawn.
    const until = new Map(shop.products.map((p) => [p.record._id, p.sellableUntil]))
    const late = shop.customers.flatMap((c) =>
      c.events.filter((e) => e.at >= until.get(e.productId)!),
    )
    expect(late).toEqual([])
  })
})

describe('launches (新品)', () => {
  it('share 0 is the shop without launches; launched products are sold only from their launch', () => {
    const plain = generateShop({ customers: 150, seed: 7 })
    expect(generateShop({ customers: 150, seed: 7, launched: 0 })).toEqual(plain)
    const shop = generateShop({ customers: 150, seed: 7, launched: LAUNCHED_SHARE })
    const launched = shop.products.filter((p) => p.sellableFrom !== undefined)
    expect(launched.length).toBeGreaterThan(0)
    for (const { record, sellableFrom } of launched) {
      expect(record.createdAt!.getTime()).toBe(sellableFrom)
      expect(record.consumable).toBeUndefined()
    }
    const from = new Map(shop.products.map((p) => [p.record._id, p.sellableFrom ?? -Infinity]))
    const early = shop.customers.flatMap((c) =>
      c.events.filter((e) => e.at < from.get(e.productId)!),
    )
    expect(early).toEqual([])
  })

  it('the recommender is given the catalog as it stood: nothing launched later', () => {
    const shop = generateShop({ customers: 150, seed: 7, launched: LAUNCHED_SHARE })
    const products = shop.products.map((p) => p.record)
    const catalog = new Map(products.map((p) => [p._id, p]))
    const later = (c: Case) =>
      products.filter((p) => p.createdAt && p.createdAt > c.visible.now).map((p) => p._id)
    const cases = shop.customers.map((c) => leaveLastOut(c, catalog)).filter((c) => c !== null)
    const before = cases.filter((c) => later(c).length > 0)
    expect(before.length).toBeGreaterThan(0)
    for (const c of before)
      expect(recommended(c.visible, products).ids.filter((id) => later(c).includes(id))).toEqual([])
  })
})

describe('hand-made shop of three customers', () => {
  const tea: ProductRecord = {
    ...DEMO_PRODUCTS.find((p) => p._id === 'prod_filter')!,
    _id: 'gen_tea',
    name: '茶',
    sort: 50,
    category: { id: 'tea', label: '茶饮' },
    consumable: { defaultCycleDays: 30 },
  }
  const bag: ProductRecord = {
    ...DEMO_PRODUCTS.find((p) => p._id === 'prod_curtain')!,
    _id: 'gen_bag',
    name: '包',
    sort: 60,
    category: { id: 'leather', label: '皮具' },
  }
  const products: BenchProduct[] = [...DEMO_PRODUCTS, tea, bag].map((record) => ({
    record,
    appeal: 1,
    sellableUntil: Infinity,
  }))
  const order = (visit: number, day: number, productId: string) => ({
    at: START + day * DAY,
    visit,
    type: 'order' as const,
    productId,
    orderId: `${productId}_${visit}`,
    choices: [],
  })
  const view = (visit: number, day: number, productId: string) => ({
    at: START + day * DAY,
    visit,
    type: 'view' as const,
    productId,
  })
  const customer = (openid: string, events: BenchCustomer['events']): BenchCustomer => ({
    openid,
    taste: { categories: {}, choices: {}, consumable: null },
    savesProfiles: false,
    events,
  })
  const shop: Shop = {
    products,
    start: START,
    end: START + 100 * DAY,
    customers: [
      // A filter (90 days, 2 days' delivery) bought on day 0 runs out on day 92: due on day 85.
      customer('o_refill', [order(0, 0, 'prod_filter'), order(1, 85, 'prod_filter')]),
      // Viewed a bag, came back for it: the only thing they looked at.
      customer('o_viewed', [view(0, 10, 'gen_bag'), order(1, 20, 'gen_bag')]),
      // Bought a shirt, then tea out of nowhere: no list holds it.
      customer('o_unseen', [
        order(0, 5, 'prod_shirt'),
        view(1, 29.5, 'gen_tea'),
        order(1, 30, 'gen_tea'),
      ]),
    ],
  }

  it('hits as worked out by hand', () => {
    const result = evaluateShop(shop)
    expect(result.evaluated).toBe(3)
    // Popular from the visible orders: the shirt and the filter once each, then shop order.
    // recommender: refill due + bag viewed = 2/3; popular: the filter = 1/3;
    // recently viewed: the bag, and the filter through the popular top-up = 2/3.
    expect(result.all.hits).toEqual({ recommender: 2, popular: 1, recent: 2 })
    expect(rate(result.all, 'popular')).toBeCloseTo(100 / 3)
    expect(result.byKind.refill.hits).toEqual({ recommender: 1, popular: 1, recent: 1 })
    expect(result.byKind.new_viewed.hits).toEqual({ recommender: 1, popular: 0, recent: 1 })
    expect(result.byKind.new_unseen.hits).toEqual({ recommender: 0, popular: 0, recent: 0 })
    expect(result.byKind.repeat.count).toBe(0)
  })

  it('cut just before the order: the visit’s view of the tea is visible', () => {
    const result = evaluateShop(shop, 'order')
    expect(result.byKind.new_viewed.count).toBe(2)
    expect(result.all.hits.recent).toBe(3)
  })

  it('co-purchase as the cloud would hold it: another customer’s shirt and tea reach the tea', () => {
    // o_pair bought a shirt, then tea (days 1 and 2): by day 29.5, when o_unseen's last visit
    // opens, the shirt's row counts the tea once, and o_unseen bought a shirt on day 5.
    const paired = customer('o_pair', [order(0, 1, 'prod_shirt'), order(1, 2, 'gen_tea')])
    const withPair = { ...shop, customers: [...shop.customers, paired] }
    const catalog = new Map(withPair.products.map((p) => [p.record._id, p.record]))
    const cases = withPair.customers.map((c) => leaveLastOut(c, catalog)!)
    attachCoPurchase(withPair, cases)
    const unseen = cases.find((c) => c.customer.openid === 'o_unseen')!
    expect(unseen.visible.coPurchase).toEqual([{ _id: 'prod_shirt', counts: { gen_tea: 1 } }])
    // o_pair's own last order (the tea) is hidden, so their shirt has no pair yet.
    expect(cases.find((c) => c.customer.openid === 'o_pair')!.visible.coPurchase).toEqual([])
    const result = evaluateShop(withPair)
    expect(result.byKind.new_unseen.hits.recommender).toBe(1)
  })
})
