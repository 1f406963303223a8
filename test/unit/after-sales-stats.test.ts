// The dashboard's after-sales figures from a hand-built shop: 10 shirts and 4 curtains delivered,
// 3 shirt requests (two alterations, one return) and 1 curtain repair.
import { afterSalesStats } from '@/domain/after-sales-stats'

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
      { productName: shirt, kind: 'alteration', reason: '尺寸不合适', alterations: [sleeve(-2)] },
      {
        productName: shirt,
        kind: 'alteration',
        reason: '尺寸不合适',
        alterations: [
          sleeve(-1),
          { measurementId: 'length', label: '衣长', unit: 'cm', from: 76, delta: 2 },
        ],
      },
      { productName: shirt, kind: 'return', reason: '与描述不符', alterations: [] },
      { productName: curtain, kind: 'repair', reason: '使用中损坏', alterations: [] },
    ],
    [...Array(10).fill(shirt), ...Array(4).fill(curtain)],
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
    reasons: [
      { reason: '尺寸不合适', count: 2 },
      { reason: '与描述不符', count: 1 },
      { reason: '使用中损坏', count: 1 },
    ],
    altered: [
      { label: '袖长', unit: 'cm', count: 2, averageDelta: -1.5 },
      { label: '衣长', unit: 'cm', count: 1, averageDelta: 2 },
    ],
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
