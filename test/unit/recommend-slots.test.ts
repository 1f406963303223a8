// 为你推荐 beside a completed order and on 我的补货 (src/domain/recommend-slots.ts), and the
// slot figures (src/domain/rec-stats.ts): tables for each tier, properties over random shops.
import fc from 'fast-check'
import { emptyCounts } from '@/domain/behaviour'
import type { ProductRecord } from '@/domain/catalog'
import {
  addTap,
  attributableTap,
  MAX_REC_TAPS,
  recStatsId,
  recStatsSince,
  summariseRecStats,
  type RecTap,
} from '@/domain/rec-stats'
import { recommendForSlot, SLOT_BASES, type SlotInput } from '@/domain/recommend-slots'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'

const NOW = new Date('2026-06-01T04:00:00Z')
const DAY = 24 * 60 * 60 * 1000
const at = (days: number) => new Date(NOW.getTime() + days * DAY)

const demo = (id: string) => DEMO_PRODUCTS.find((p) => p._id === id)!
const SHOP: ProductRecord[] = [
  ...DEMO_PRODUCTS,
  {
    ...demo('prod_filter'),
    _id: 'prod_curtain_care',
    name: '窗帘清洁喷雾',
    sort: 25,
    category: { id: 'home_textile', label: '家纺' },
  },
  {
    ...demo('prod_curtain'),
    _id: 'prod_cushion',
    name: '亚麻靠垫',
    sort: 50,
  },
]

const input = (overrides: Partial<SlotInput> = {}): SlotInput => ({
  slot: 'order_done',
  now: NOW,
  products: SHOP,
  personalised: true,
  preference: emptyCounts(),
  refills: [],
  profileKinds: [],
  ...overrides,
})
const picks = (overrides: Partial<SlotInput>) =>
  recommendForSlot(input(overrides)).map((r) => [r.productId, r.basis, r.reason])

describe('recommendForSlot: order_done', () => {
  test('a completed curtain: its care item, then its category, then the shop’s picks', () => {
    expect(picks({ contextProductId: 'prod_curtain' })).toEqual([
      ['prod_curtain_care', 'care', '全遮光定制窗帘的保养好物'],
      ['prod_linen_batch', 'matching', '与全遮光定制窗帘同属家纺'],
      ['prod_cushion', 'matching', '与全遮光定制窗帘同属家纺'],
      ['prod_shirt', 'curated', '店铺精选'],
    ])
  })

  test('a batch product the customer joined: its next batch first', () => {
    expect(picks({ contextProductId: 'prod_linen_batch' }).slice(0, 2)).toEqual([
      ['prod_linen_batch', 'next_batch', '亚麻四件套 · 预售拼单下一批拼单进行中'],
      ['prod_curtain_care', 'care', '亚麻四件套 · 预售拼单的保养好物'],
    ])
  })

  test('the product itself only when it is a consumable running out', () => {
    const ids = (days: number) =>
      recommendForSlot(
        input({
          contextProductId: 'prod_filter',
          refills: [{ productId: 'prod_filter', runOutAt: at(days), status: 'active' }],
        }),
      ).map((r) => [r.productId, r.basis])
    expect(ids(3)[0]).toEqual(['prod_filter', 'refill'])
    expect(ids(40).map(([id]) => id)).not.toContain('prod_filter')
    expect(picks({ contextProductId: 'prod_shirt' }).map(([id]) => id)).not.toContain('prod_shirt')
  })

  test('a stopped refill or an inactive product is never shown', () => {
    const out = picks({
      contextProductId: 'prod_curtain',
      products: SHOP.map((p) => (p._id === 'prod_cushion' ? { ...p, active: false } : p)),
      refills: [{ productId: 'prod_curtain_care', runOutAt: at(1), status: 'stopped' }],
    }).map(([id]) => id)
    expect(out).not.toContain('prod_cushion')
    expect(out).not.toContain('prod_curtain_care')
  })

  test('personalisation off: only the shop’s picks, never the completed product', () => {
    expect(picks({ contextProductId: 'prod_shirt', personalised: false })).toEqual([
      ['prod_linen_batch', 'curated', '店铺精选'],
    ])
  })
})

describe('recommendForSlot: refill', () => {
  test('the refills running out first (soonest first), then related items', () => {
    const out = picks({
      slot: 'refill',
      refills: [
        { productId: 'prod_filter', runOutAt: at(9), status: 'active' },
        { productId: 'prod_curtain_care', runOutAt: at(2), status: 'reminded' },
      ],
    })
    expect(out).toEqual([
      ['prod_curtain_care', 'refill', '窗帘清洁喷雾约 2 天后用完'],
      ['prod_filter', 'refill', '净水器替换滤芯约 9 天后用完'],
      ['prod_curtain', 'matching', '你常用的家纺'],
      ['prod_linen_batch', 'matching', '你常用的家纺'],
    ])
  })

  test('nothing due: related items, then the shop’s picks', () => {
    const out = picks({
      slot: 'refill',
      refills: [{ productId: 'prod_curtain_care', runOutAt: at(40), status: 'active' }],
    })
    expect(out.map(([, basis]) => basis)).toEqual(['matching', 'matching', 'matching', 'curated'])
  })
})

describe('recommendForSlot: properties', () => {
  const arb = fc.record({
    slot: fc.constantFrom('order_done' as const, 'refill' as const),
    context: fc.nat({ max: SHOP.length - 1 }),
    inactive: fc.subarray(SHOP.map((p) => p._id)),
    refills: fc.array(
      fc.record({
        index: fc.nat({ max: SHOP.length - 1 }),
        days: fc.integer({ min: -10, max: 60 }),
        status: fc.constantFrom('active' as const, 'reminded' as const, 'stopped' as const),
      }),
      { maxLength: 4 },
    ),
    personalised: fc.boolean(),
    limit: fc.integer({ min: 1, max: 6 }),
  })
  type Drawn = typeof arb extends fc.Arbitrary<infer T> ? T : never
  const build = (v: Drawn): SlotInput =>
    input({
      slot: v.slot,
      contextProductId: SHOP[v.context]._id,
      products: SHOP.map((p) => ({ ...p, active: !v.inactive.includes(p._id) })),
      refills: v.refills.map((r) => ({
        productId: SHOP[r.index]._id,
        runOutAt: at(r.days),
        status: r.status,
      })),
      personalised: v.personalised,
      limit: v.limit,
    })

  test('never inactive, stopped or repeated; within the limit; explained; deterministic', () => {
    fc.assert(
      fc.property(arb, (v) => {
        const given = build(v)
        const out = recommendForSlot(given)
        const stopped = given.refills.filter((r) => r.status === 'stopped').map((r) => r.productId)
        expect(out.length).toBeLessThanOrEqual(v.limit)
        expect(new Set(out.map((r) => r.productId)).size).toBe(out.length)
        for (const item of out) {
          expect(v.inactive).not.toContain(item.productId)
          expect(stopped).not.toContain(item.productId)
          expect(SLOT_BASES).toContain(item.basis)
          expect(item.reason.length).toBeGreaterThan(0)
          if (!v.personalised) expect(item.basis).toBe('curated')
          // The completed product only as its next batch or a consumable running out.
          if (v.slot === 'order_done' && item.productId === given.contextProductId)
            expect(['next_batch', 'refill']).toContain(item.basis)
        }
        expect(recommendForSlot(given)).toEqual(out)
      }),
      { numRuns: 300 },
    )
  })
})

describe('slot figures', () => {
  const tap = (productId: string, days: number, slot: RecTap['slot'] = 'home'): RecTap => ({
    slot,
    basis: 'curated',
    productId,
    at: at(days),
  })

  test('taps: newest first, one per slot and product, bounded', () => {
    let taps: RecTap[] = []
    for (let i = 0; i < MAX_REC_TAPS + 5; i += 1) taps = addTap(taps, tap(`p${i}`, 0))
    expect(taps).toHaveLength(MAX_REC_TAPS)
    expect(taps[0].productId).toBe(`p${MAX_REC_TAPS + 4}`)
    const again = addTap(taps, tap('p24', 1))
    expect(again.filter((t) => t.productId === 'p24')).toHaveLength(1)
    expect(
      addTap(again, tap('p24', 1, 'refill')).filter((t) => t.productId === 'p24'),
    ).toHaveLength(2)
  })

  test('an order attributes to the newest tap of its product within 7 days', () => {
    const taps = [tap('a', -2, 'refill'), tap('a', -5, 'home'), tap('b', -1)]
    expect(attributableTap(taps, 'a', NOW)?.slot).toBe('refill')
    expect(attributableTap([tap('a', -7)], 'a', NOW)).not.toBeNull()
    expect(attributableTap([tap('a', -8)], 'a', NOW)).toBeNull()
    expect(attributableTap(taps, 'c', NOW)).toBeNull()
  })

  test('per China day and slot; the 30 days the dashboard sums', () => {
    expect(recStatsId(new Date('2026-06-01T17:00:00Z'), 'order_done')).toBe('2026-06-02_order_done')
    expect(recStatsSince(NOW)).toBe('2026-05-03')
  })

  test('summary: totals, rates and the bases that convert', () => {
    const view = summariseRecStats([
      {
        _id: 'd1_home',
        day: 'd1',
        slot: 'home',
        shown: { curated: 30, option: 10 },
        tapped: { curated: 3, option: 5 },
        ordered: { option: 2 },
      },
      {
        _id: 'd2_home',
        day: 'd2',
        slot: 'home',
        shown: { curated: 10 },
        tapped: { curated: 2 },
        ordered: { curated: 1 },
      },
      { _id: 'd1_refill', day: 'd1', slot: 'refill', shown: { refill: 4 } },
    ])
    expect(view.slots).toEqual([
      { slot: 'home', shown: 50, tapped: 10, ordered: 3, tapRate: 20, orderRate: 30 },
      { slot: 'order_done', shown: 0, tapped: 0, ordered: 0, tapRate: null, orderRate: null },
      { slot: 'refill', shown: 4, tapped: 0, ordered: 0, tapRate: 0, orderRate: null },
    ])
    expect(view.topBases).toEqual([
      { basis: 'option', tapped: 5, ordered: 2, orderRate: 40 },
      { basis: 'curated', tapped: 5, ordered: 1, orderRate: 20 },
    ])
  })
})
