// The dashboard's after-sales figures from a hand-built shop: 10 shirts (6 in 府绸, 4 in 牛津纺,
// one of them reworked in 3 days, one in 5) and 4 curtains delivered, 3 shirt requests (two
// alterations, one return) and 1 curtain repair.
import {
  afterSalesStats,
  optionLabels,
  reworkDays,
  type DeliveredRow,
} from '@/domain/after-sales-stats'

const at = (day: number) => new Date(Date.UTC(2026, 10, 1) + day * 24 * 3600 * 1000)
const delivered = (productName: string, options: string[], reworkedIn?: number): DeliveredRow => ({
  productName,
  options,
  timeline: [
    { node: 'shipped', at: at(0) },
    { node: 'delivered', at: at(1) },
    ...(reworkedIn === undefined
      ? []
      : [
          { node: 'rework' as const, at: at(4) },
          { node: 'quality_check' as const, at: at(4 + reworkedIn - 1) },
          { node: 'delivered' as const, at: at(4 + reworkedIn) },
        ]),
  ],
})
const POPLIN = '面料：府绸'
const OXFORD = '面料：牛津纺'

const sleeve = (delta: number) => ({
  measurementId: 'sleeve',
  label: '袖长',
  unit: 'cm',
  from: 62,
  delta,
})
const shirt = '量体定制衬衫'
const curtain = '全遮光定制窗帘'

test('rates per product, reasons and the most altered measurements', () => {
  const stats = afterSalesStats(
    [
      {
        productName: shirt,
        kind: 'alteration',
        reason: '尺寸不合适',
        alterations: [sleeve(-2)],
        options: [OXFORD],
      },
      {
        productName: shirt,
        kind: 'alteration',
        reason: '尺寸不合适',
        options: [OXFORD],
        alterations: [
          sleeve(-1),
          { measurementId: 'length', label: '衣长', unit: 'cm', from: 76, delta: 2 },
        ],
      },
      {
        productName: shirt,
        kind: 'return',
        reason: '与描述不符',
        alterations: [],
        options: [POPLIN],
      },
      // From before requests kept their options: counted everywhere but per option.
      { productName: curtain, kind: 'repair', reason: '使用中损坏', alterations: [] },
    ],
    [
      ...Array.from({ length: 6 }, () => delivered(shirt, [POPLIN])),
      delivered(shirt, [OXFORD], 3),
      delivered(shirt, [OXFORD], 5),
      delivered(shirt, [OXFORD]),
      delivered(shirt, [OXFORD]),
      ...Array.from({ length: 4 }, () => delivered(curtain, [])),
    ],
    { open: 2, overdue: 1 },
  )
  expect(stats).toEqual({
    requests: 4,
    rate: 4 / 14,
    byKind: { alteration: 2, remake: 0, return: 1, repair: 1 },
    byProduct: [
      { product: shirt, requests: 3, delivered: 10, rate: 0.3 },
      { product: curtain, requests: 1, delivered: 4, rate: 0.25 },
    ],
    byOption: [
      { option: OXFORD, requests: 2, delivered: 4, rate: 0.5 },
      { option: POPLIN, requests: 1, delivered: 6, rate: 1 / 6 },
    ],
    reasons: [
      { reason: '尺寸不合适', count: 2 },
      { reason: '与描述不符', count: 1 },
      { reason: '使用中损坏', count: 1 },
    ],
    altered: [
      { label: '袖长', unit: 'cm', count: 2, averageDelta: -1.5 },
      { label: '衣长', unit: 'cm', count: 1, averageDelta: 2 },
    ],
    rework: { count: 2, averageDays: 4, p90Days: 5 },
    open: 2,
    overdue: 1,
  })
})

test('a product with requests but nothing delivered in the window has no rate', () => {
  const stats = afterSalesStats(
    [{ productName: shirt, kind: 'repair', reason: '其他', alterations: [] }],
    [],
    { open: 0, overdue: 0 },
  )
  expect(stats.rate).toBeNull()
  expect(stats.byProduct).toEqual([{ product: shirt, requests: 1, delivered: 0, rate: null }])
})

test('a rework lasts from its start to the reworked item’s arrival; one still in the workshop has none', () => {
  const timeline = [
    { node: 'delivered' as const, at: at(1) },
    { node: 'rework' as const, at: at(2) },
    { node: 'shipped' as const, at: at(3.5) },
    { node: 'completed' as const, at: at(4) },
    { node: 'rework' as const, at: at(10) },
    { node: 'quality_check' as const, at: at(11) },
  ]
  expect(reworkDays(timeline)).toEqual([2])
  expect(reworkDays([{ node: 'delivered', at: at(1) }])).toEqual([])
})

test('options read as the request keeps them', () => {
  expect(
    optionLabels({
      choices: [
        {
          groupId: 'fabric',
          groupLabel: '面料',
          choiceId: 'oxford',
          choiceLabel: '牛津纺',
          priceDeltaFen: 0,
          leadDaysDelta: 0,
        },
      ],
    }),
  ).toEqual([OXFORD])
})
