// The shop's funnel and demand signals (src/domain/insights.ts), the list-view counters
// (list-views.ts) and reading a typed region (address.ts), against hand-computed tables.
import { regionOf } from '@/domain/address-region'
import {
  SURGE_MIN_UNITS,
  demandSignals,
  funnelRows,
  isSurge,
  ordersPerProduct,
  type DemandOrder,
} from '@/domain/insights'
import { isCounterKey, listViewDocId, sumListViews } from '@/domain/list-views'

/** Monday 2026-11-09 00:00 China; last week began 11-02, this week ends 11-16. */
const china = (day: number, hour = 10) => new Date(Date.UTC(2026, 10, day, hour - 8))
const WEEKS = { lastWeekStart: china(2, 0), thisWeekStart: china(9, 0), thisWeekEnd: china(16, 0) }

function placed(
  day: number,
  productId: string,
  quantity: number,
  region: string,
  choices: [string, string][] = [],
): DemandOrder {
  return {
    productId,
    productSnapshot: {
      name: productId === 'shirt' ? '衬衫' : '窗帘',
      choices: choices.map(([groupId, choiceId]) => ({
        groupId,
        groupLabel: groupId === 'fabric' ? '面料' : '领型',
        choiceId,
        choiceLabel: choiceId,
        priceDeltaFen: 0,
        leadDaysDelta: 0,
      })),
    },
    selection: { quantity },
    address: { region },
    createdAt: china(day),
  } as unknown as DemandOrder
}

describe('regionOf', () => {
  test.each([
    ['浙江省 杭州市 西湖区', '浙江省', '杭州市'],
    ['上海市 徐汇区', '上海市', '上海市'],
    ['北京市朝阳区', '北京市', '北京市'],
    ['浙江省杭州市西湖区', '浙江省', '杭州市'],
    ['广西壮族自治区 南宁市', '广西壮族自治区', '南宁市'],
    ['广东 深圳', '广东', '深圳'],
    ['  杭州  ', '杭州', ''],
  ])('%s → %s %s', (text, province, city) => {
    expect(regionOf(text)).toEqual({ province, city })
  })
})

describe('isSurge', () => {
  test.each([
    [SURGE_MIN_UNITS, 0, true],
    [SURGE_MIN_UNITS - 1, 0, false], // doubled, but too few to mean anything
    [6, 3, true], // exactly doubled
    [5, 3, false],
    [0, 0, false],
  ])('this week %i, last week %i → %s', (thisWeek, lastWeek, surge) => {
    expect(isSurge(thisWeek, lastWeek)).toBe(surge)
  })
})

describe('demandSignals', () => {
  const orders = [
    placed(3, 'shirt', 1, '浙江省 杭州市 西湖区', [['fabric', '亚麻']]),
    placed(10, 'shirt', 2, '浙江省 杭州市 上城区', [['fabric', '亚麻']]),
    placed(11, 'shirt', 1, '上海市 徐汇区', [['fabric', '棉']]),
    placed(12, 'curtain', 1, '上海市 徐汇区'),
    placed(4, 'curtain', 3, '上海市 静安区'),
    placed(1, 'shirt', 9, '上海市 徐汇区', [['fabric', '棉']]), // before last week
    placed(16, 'shirt', 9, '上海市 徐汇区', [['fabric', '棉']]), // next week
  ]
  const view = demandSignals(orders, WEEKS)

  test('products: units per week, the biggest risers first, the surge flagged', () => {
    expect(view.products).toEqual([
      { key: 'shirt', label: '衬衫', thisWeek: 3, lastWeek: 1, surge: true },
      { key: 'curtain', label: '窗帘', thisWeek: 1, lastWeek: 3, surge: false },
    ])
  })

  test('options: per product and choice', () => {
    expect(view.options.map((r) => [r.label, r.thisWeek, r.lastWeek, r.surge])).toEqual([
      ['衬衫 · 面料：亚麻', 2, 1, false],
      ['衬衫 · 面料：棉', 1, 0, false],
    ])
  })

  test('regions: province and city of the address', () => {
    expect(view.regions.map((r) => [r.label, r.thisWeek, r.lastWeek, r.surge])).toEqual([
      ['浙江省 杭州市', 2, 1, false],
      ['上海市', 2, 3, false],
    ])
  })

  test('rows are cut at the limit, after sorting', () => {
    expect(demandSignals(orders, WEEKS, 1).products.map((r) => r.key)).toEqual(['shirt'])
  })
})

describe('funnelRows', () => {
  test('counts and step rates per product, the most ordered first', () => {
    const rows = funnelRows(
      [
        { id: 'curtain', name: '窗帘' },
        { id: 'shirt', name: '衬衫' },
        { id: 'filter', name: '滤芯' },
      ],
      new Map([
        ['shirt', 40],
        ['curtain', 10],
      ]),
      new Map([
        ['shirt', 8],
        ['curtain', 4],
      ]),
      ordersPerProduct([{ productId: 'shirt' }, { productId: 'shirt' }, { productId: 'curtain' }]),
    )
    expect(rows).toEqual([
      {
        productId: 'shirt',
        name: '衬衫',
        listViews: 40,
        detailOpens: 8,
        orders: 2,
        openRate: 0.2,
        orderRate: 0.25,
      },
      {
        productId: 'curtain',
        name: '窗帘',
        listViews: 10,
        detailOpens: 4,
        orders: 1,
        openRate: 0.4,
        orderRate: 0.25,
      },
      {
        productId: 'filter',
        name: '滤芯',
        listViews: 0,
        detailOpens: 0,
        orders: 0,
        openRate: null,
        orderRate: null,
      },
    ])
  })
})

describe('list-view counters', () => {
  test('a day is the sum of its shards', () => {
    const totals = sumListViews([
      { views: { shirt: 2, curtain: 1 } },
      { views: { shirt: 3 } },
      { views: {} },
    ])
    expect(Object.fromEntries(totals)).toEqual({ shirt: 5, curtain: 1 })
  })

  test('ids and keys', () => {
    expect(listViewDocId('2026-11-09', 3)).toBe('2026-11-09_3')
    expect(['prod_shirt', 'a.b', '$x', ''].map(isCounterKey)).toEqual([true, false, false, false])
  })
})
