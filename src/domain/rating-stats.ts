// The dashboard's rating figures (issue 17): how many ratings came in over the window, the
// average of each aspect (合身 only over the ratings that have it), per product too, and the
// lowest-rated orders for the merchant to look at first. Folded from a bounded window of ratings.
import type { RatingRecord } from './rating'
import { RATING_ASPECTS, RATING_ASPECT_LABELS, type RatingAspect } from './rating-view'

export type RatingRow = Pick<
  RatingRecord,
  '_id' | 'orderNo' | 'productName' | 'quality' | 'fit' | 'onTime' | 'text' | 'createdAt'
>

/** Averages to one decimal; null when no rating gave that aspect. */
export interface RatingAverages {
  quality: number | null
  fit: number | null
  onTime: number | null
}

export interface LowRatedOrder {
  orderId: string
  orderNo: string
  product: string
  quality: number
  fit: number | null
  onTime: number
  /** The mean of the aspects given, to one decimal. */
  mean: number
  text: string
}

export interface RatingStats {
  ratings: number
  average: RatingAverages
  /** Products with a rating, most ratings first (ties by name). */
  byProduct: { product: string; ratings: number; average: RatingAverages }[]
  /** The LOWEST_RATED lowest by mean; ties: the newer rating first, then by order id. */
  lowest: LowRatedOrder[]
}

/** How many lowest-rated orders the dashboard lists. */
export const LOWEST_RATED = 5

const round1 = (value: number) => Math.round(value * 10) / 10
const averageOf = (values: number[]) =>
  values.length > 0 ? round1(values.reduce((sum, v) => sum + v, 0) / values.length) : null

function averages(rows: RatingRow[]): RatingAverages {
  return {
    quality: averageOf(rows.map((r) => r.quality)),
    fit: averageOf(rows.flatMap((r) => (r.fit === null ? [] : [r.fit]))),
    onTime: averageOf(rows.map((r) => r.onTime)),
  }
}

/** Unrounded, so ordering is exact: 合身 counts only where it was asked. */
function meanOf(row: RatingRow): number {
  const scores = row.fit === null ? [row.quality, row.onTime] : [row.quality, row.fit, row.onTime]
  return scores.reduce((sum, v) => sum + v, 0) / scores.length
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Lowest mean first; then the newer rating; then the order id, so read order never matters. */
function lowestFirst(a: RatingRow, b: RatingRow): number {
  return (
    meanOf(a) - meanOf(b) ||
    new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime() ||
    compareText(a._id, b._id)
  )
}

export function ratingStats(rows: RatingRow[]): RatingStats {
  const perProduct = new Map<string, RatingRow[]>()
  for (const row of rows)
    perProduct.set(row.productName, [...(perProduct.get(row.productName) ?? []), row])
  return {
    ratings: rows.length,
    average: averages(rows),
    byProduct: [...perProduct]
      .map(([product, rated]) => ({ product, ratings: rated.length, average: averages(rated) }))
      .sort((a, b) => b.ratings - a.ratings || compareText(a.product, b.product)),
    lowest: [...rows]
      .sort(lowestFirst)
      .slice(0, LOWEST_RATED)
      .map((row) => ({
        orderId: row._id,
        orderNo: row.orderNo,
        product: row.productName,
        quality: row.quality,
        fit: row.fit,
        onTime: row.onTime,
        mean: round1(meanOf(row)),
        text: row.text,
      })),
  }
}

/** "质量 4.0 · 合身 2.5 · 准时 3.8" (averages) or "质量 2 · 准时 3" (one rating's stars); an
 * aspect without a score is left out, and a line with none reads 暂无. */
export function scoresLine(
  scores: Partial<Record<RatingAspect, number | null>>,
  decimals: 0 | 1 = 0,
): string {
  const parts = RATING_ASPECTS.flatMap((aspect) => {
    const score = scores[aspect]
    return typeof score === 'number'
      ? [`${RATING_ASPECT_LABELS[aspect]} ${score.toFixed(decimals)}`]
      : []
  })
  return parts.length > 0 ? parts.join(' · ') : '暂无'
}
