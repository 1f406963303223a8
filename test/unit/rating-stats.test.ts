// The dashboard's rating figures from hand-built ratings: averages per aspect (合身 only where
// asked), per product, and the lowest-rated orders with their stable tie-breaks.
import { LOWEST_RATED, ratingStats, scoresLine, type RatingRow } from '@/domain/rating-stats'

const shirt = '量体定制衬衫'
const curtain = '全遮光定制窗帘'
const filter = '净水滤芯'

let made = 0
/** A rating made on 2026-11-(day); fit null means 合身 was not asked. */
function rated(
  product: string,
  [quality, fit, onTime]: [number, number | null, number],
  day = 10,
  text = '',
): RatingRow {
  made += 1
  const id = `order_${String(made).padStart(2, '0')}`
  return {
    _id: id,
    orderNo: `NO${id}`,
    productName: product,
    quality,
    fit,
    onTime,
    text,
    createdAt: new Date(Date.UTC(2026, 10, day)),
  }
}

test('nothing rated: no averages, no products, no list', () => {
  expect(ratingStats([])).toEqual({
    ratings: 0,
    average: { quality: null, fit: null, onTime: null },
    byProduct: [],
    lowest: [],
  })
})

test('averages per aspect and per product, 合身 only over ratings that have it', () => {
  const stats = ratingStats([
    rated(shirt, [5, 4, 5]),
    rated(shirt, [4, 2, 3]),
    rated(shirt, [3, 3, 4]),
    rated(curtain, [2, null, 5]),
    rated(curtain, [4, null, 4]),
    rated(filter, [5, null, 5]),
  ])
  expect(stats.ratings).toBe(6)
  // quality 23/6 = 3.83, fit 9/3 over the three shirts, on time 26/6 = 4.33.
  expect(stats.average).toEqual({ quality: 3.8, fit: 3, onTime: 4.3 })
  expect(stats.byProduct).toEqual([
    { product: shirt, ratings: 3, average: { quality: 4, fit: 3, onTime: 4 } },
    { product: curtain, ratings: 2, average: { quality: 3, fit: null, onTime: 4.5 } },
    { product: filter, ratings: 1, average: { quality: 5, fit: null, onTime: 5 } },
  ])
})

test.each([
  // [what, rows, expected order numbers lowest first]
  [
    'lowest mean first, 合身 counted only where given',
    () => [
      rated(shirt, [5, 1, 5]), // 3.67
      rated(curtain, [3, null, 4]), // 3.5
      rated(shirt, [2, 2, 2]), // 2
    ],
    [3, 2, 1],
  ],
  [
    'a tie in mean: the newer rating first',
    () => [rated(shirt, [3, 3, 3], 5), rated(curtain, [2, null, 4], 9)],
    [2, 1],
  ],
  [
    'a tie in mean and day: by order id',
    () => [rated(curtain, [4, null, 2]), rated(shirt, [3, 3, 3])],
    [1, 2],
  ],
])('%s', (_what, rows, expected) => {
  made = 0
  const input = rows()
  const numbers = (list: { orderNo: string }[]) => list.map((row) => Number(row.orderNo.slice(-2)))
  expect(numbers(ratingStats(input).lowest)).toEqual(expected)
  // Read order never matters.
  expect(numbers(ratingStats([...input].reverse()).lowest)).toEqual(expected)
})

test(`only the ${LOWEST_RATED} lowest are listed, each with what the merchant needs`, () => {
  made = 0
  const rows = [5, 4, 3, 2, 1, 5, 4].map((q) => rated(shirt, [q, q, 5], 10, `质量 ${q}`))
  const { lowest } = ratingStats(rows)
  expect(lowest).toHaveLength(LOWEST_RATED)
  expect(lowest[0]).toEqual({
    orderId: 'order_05',
    orderNo: 'NOorder_05',
    product: shirt,
    quality: 1,
    fit: 1,
    onTime: 5,
    mean: 2.3,
    text: '质量 1',
  })
  expect(lowest.map((row) => row.mean)).toEqual([2.3, 3, 3.7, 4.3, 4.3])
  expect(lowest.map((row) => row.orderId).slice(-2)).toEqual(['order_02', 'order_07'])
})

test.each([
  [{ quality: 4, fit: 2.5, onTime: 3.75 }, 1, '质量 4.0 · 合身 2.5 · 准时 3.8'],
  [{ quality: 2, fit: null, onTime: 3 }, 0, '质量 2 · 准时 3'],
  [{ quality: null, fit: null, onTime: null }, 1, '暂无'],
] as const)('scoresLine(%j, %d) = %s', (scores, decimals, line) => {
  expect(scoresLine(scores, decimals)).toBe(line)
})
