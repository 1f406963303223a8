// Price and lead time: worked examples on the demo catalog, then properties over any product.
import fc from 'fast-check'
import type { ProductRecord } from '@/domain/catalog'
import { chinaDateOf } from '@/domain/china-date'
import type { OrderSelection } from '@/domain/order-selection'
import { quoteOrder, type QuoteContext } from '@/domain/pricing'
import { NOW, product, shirtSelection } from './order-factories'

const shirt = product('prod_shirt')
const ctx = (over: Partial<QuoteContext> = {}): QuoteContext => ({
  now: NOW,
  urgentOrdersToday: 0,
  queueLoad: 0,
  ...over,
})

describe('the demo catalog', () => {
  test('base plus option deltas; the slowest option sets the extra days', () => {
    const quote = quoteOrder(shirt, shirtSelection(), ctx())
    expect(quote).toMatchObject({
      unitPriceFen: 54900,
      priceFen: 54900,
      leadDays: 15,
      etaDate: '2026-12-07',
      etaBasis: 'order',
      quotedOn: '2026-11-22',
    })
    expect(quote.lines).toEqual([
      { label: '基础价', amountFen: 39900 },
      { label: '面料：埃及长绒棉', amountFen: 12000 },
      { label: '袖口：法式叠袖', amountFen: 3000 },
    ])
    expect(quote.urgent).toEqual({ requested: false, available: true, applied: false })
  })

  test('urgent replaces the lead time and adds the surcharge once', () => {
    const quote = quoteOrder(
      shirt,
      shirtSelection({ urgent: true, quantity: 2 }),
      ctx({ queueLoad: 50 }),
    )
    expect(quote).toMatchObject({
      unitPriceFen: 54900,
      priceFen: 54900 * 2 + 10000,
      leadDays: 5,
      etaDate: '2026-11-27',
    })
    expect(quote.lines.at(-1)).toEqual({ label: '加急费', amountFen: 10000 })
  })

  test('urgent is refused once today holds 3 urgent orders', () => {
    const quote = quoteOrder(shirt, shirtSelection({ urgent: true }), ctx({ urgentOrdersToday: 3 }))
    expect(quote.urgent).toEqual({
      requested: true,
      available: false,
      applied: false,
      reason: '今日加急名额已满',
    })
    expect(quote).toMatchObject({ priceFen: 54900, leadDays: 15 })
    expect(
      quoteOrder(shirt, shirtSelection({ urgent: true }), ctx({ urgentOrdersToday: 2 })).urgent
        .applied,
    ).toBe(true)
  })

  test('the production queue adds a day per 5 orders, or per the product setting', () => {
    expect(quoteOrder(shirt, shirtSelection(), ctx({ queueLoad: 4 })).leadDays).toBe(15)
    expect(quoteOrder(shirt, shirtSelection(), ctx({ queueLoad: 10 })).leadDays).toBe(17)
    const curtain = product('prod_curtain')
    const selection: OrderSelection = {
      options: { fabric: ['polyester'], heading: ['hooks'], installation: ['self'] },
      measurements: { width: 200, height: 250 },
      texts: {},
      quantity: 1,
      urgent: false,
    }
    expect(quoteOrder(curtain, selection, ctx({ queueLoad: 6 })).leadDays).toBe(17)
  })

  test('the ETA is a China date: 00:30 in Shanghai is already the next day', () => {
    const quote = quoteOrder(
      shirt,
      shirtSelection(),
      ctx({ now: new Date('2026-11-21T16:30:00Z') }),
    )
    expect(quote.quotedOn).toBe('2026-11-22')
    expect(quote.etaDate).toBe('2026-12-07')
  })

  test('a batch order counts from the batch reaching its minimum until this order completes it', () => {
    const linen = product('prod_linen_batch')
    const selection: OrderSelection = {
      options: { bed_size: ['bed_150'], color: ['oat'] },
      measurements: {},
      texts: {},
      quantity: 2,
      urgent: false,
    }
    expect(quoteOrder(linen, selection, ctx({ batchQuantity: 17 }))).toMatchObject({
      etaBasis: 'batch_reached',
      leadDays: 25,
      etaDate: '2026-12-17',
    })
    expect(quoteOrder(linen, selection, ctx({ batchQuantity: 18 })).etaBasis).toBe('order')
    expect(quoteOrder(linen, selection, ctx()).urgent).toMatchObject({
      available: false,
      reason: '该商品不支持加急',
    })
  })
})

// Any product: 0-3 groups of 1-4 choices with deltas that may be negative, an optional urgent
// channel, and a selection that picks some choices in each group.
const choiceArb = fc.record({
  priceDeltaFen: fc.integer({ min: -20000, max: 50000 }),
  leadDaysDelta: fc.integer({ min: 0, max: 15 }),
})
const productArb = fc
  .record({
    basePriceFen: fc.integer({ min: 0, max: 200000 }),
    baseLeadDays: fc.integer({ min: 1, max: 60 }),
    groups: fc.array(fc.array(choiceArb, { minLength: 1, maxLength: 4 }), { maxLength: 3 }),
    urgent: fc.option(
      fc.record({
        surchargeFen: fc.integer({ min: 0, max: 50000 }),
        urgentLeadDays: fc.integer({ min: 0, max: 59 }),
        dailyCapacity: fc.integer({ min: 1, max: 5 }),
      }),
    ),
  })
  .map(({ groups, urgent, ...rest }): ProductRecord => ({
    ...rest,
    _id: 'p',
    name: '任意商品',
    kind: 'made_to_order',
    image: '',
    sort: 0,
    active: true,
    optionGroups: groups.map((choices, g) => ({
      id: `g${g}`,
      label: `组${g}`,
      type: 'multi',
      required: false,
      choices: choices.map((c, i) => ({ ...c, id: `c${i}`, label: `选项${i}` })),
    })),
    measurements: [],
    textFields: [],
    urgent: urgent && {
      ...urgent,
      urgentLeadDays: Math.min(urgent.urgentLeadDays, rest.baseLeadDays - 1),
    },
  }))
const caseArb = productArb.chain((p) =>
  fc.record({
    product: fc.constant(p),
    picks: fc.tuple(...p.optionGroups.map((g) => fc.subarray(g.choices.map((c) => c.id)))),
    quantity: fc.integer({ min: 1, max: 10 }),
    urgent: fc.boolean(),
    ctx: fc.record({
      now: fc.date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2035-12-31T23:59:59Z'),
      }),
      urgentOrdersToday: fc.integer({ min: 0, max: 6 }),
      queueLoad: fc.integer({ min: 0, max: 200 }),
    }),
  }),
)
const selectionOf = (c: {
  product: ProductRecord
  picks: string[][]
  quantity: number
  urgent: boolean
}): OrderSelection => ({
  options: Object.fromEntries(c.product.optionGroups.map((g, i) => [g.id, c.picks[i]])),
  measurements: {},
  texts: {},
  quantity: c.quantity,
  urgent: c.urgent,
})

describe('properties for any product', () => {
  test('the price is never negative and the lines sum to it', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const quote = quoteOrder(c.product, selectionOf(c), c.ctx)
        expect(quote.priceFen).toBeGreaterThanOrEqual(0)
        expect(quote.unitPriceFen).toBeGreaterThanOrEqual(0)
        expect(quote.lines.reduce((sum, line) => sum + line.amountFen, 0)).toBe(quote.priceFen)
      }),
    )
  })

  test('urgent is never slower than normal', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const normal = quoteOrder(c.product, { ...selectionOf(c), urgent: false }, c.ctx)
        const urgent = quoteOrder(c.product, { ...selectionOf(c), urgent: true }, c.ctx)
        expect(urgent.leadDays).toBeLessThanOrEqual(normal.leadDays)
        expect(urgent.etaDate <= normal.etaDate).toBe(true)
      }),
    )
  })

  test('raising a chosen option delta never lowers the price', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 30000 }), (c, raise) => {
        const selection = selectionOf(c)
        const group = c.product.optionGroups.findIndex((_g, i) => c.picks[i].length > 0)
        fc.pre(group >= 0)
        const raised: ProductRecord = {
          ...c.product,
          optionGroups: c.product.optionGroups.map((g, i) =>
            i !== group
              ? g
              : {
                  ...g,
                  choices: g.choices.map((ch) =>
                    ch.id === c.picks[i][0]
                      ? { ...ch, priceDeltaFen: ch.priceDeltaFen + raise }
                      : ch,
                  ),
                },
          ),
        }
        expect(quoteOrder(raised, selection, c.ctx).priceFen).toBeGreaterThanOrEqual(
          quoteOrder(c.product, selection, c.ctx).priceFen,
        )
      }),
    )
  })

  test('the ETA is never before the China date of now', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const quote = quoteOrder(c.product, selectionOf(c), c.ctx)
        expect(quote.etaDate >= chinaDateOf(c.ctx.now)).toBe(true)
        expect(quote.quotedOn).toBe(chinaDateOf(c.ctx.now))
      }),
    )
  })

  test('quantity scales the price linearly (the urgent surcharge is per order)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const one = quoteOrder(c.product, { ...selectionOf(c), quantity: 1 }, c.ctx)
        const many = quoteOrder(c.product, selectionOf(c), c.ctx)
        const surcharge = one.urgent.applied ? c.product.urgent!.surchargeFen : 0
        expect(many.priceFen - surcharge).toBe((one.priceFen - surcharge) * c.quantity)
        expect(many.unitPriceFen).toBe(one.unitPriceFen)
        expect(many.leadDays).toBe(one.leadDays)
      }),
    )
  })

  test('the same input always gives the same quote', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(quoteOrder(c.product, selectionOf(c), c.ctx)).toEqual(
          quoteOrder(structuredClone(c.product), selectionOf(c), { ...c.ctx }),
        )
      }),
    )
  })
})
