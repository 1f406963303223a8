// Rating a completed order (issue 17): its owner gives 质量, 合身 (only when the product was made
// to their measurements) and 准时 one to five stars each, with an optional text and photos; they
// may change it (all of it: a change replaces text and photos) for RATING_EDIT_DAYS after rating,
// then it is fixed. While an after-sales request of the
// order is open, rating waits for it to close. One rating per order: its `_id` is the order id.
import type { OrderRecord } from './order-types'
import type { RatingAspect } from './rating-view'

/** Days after rating in which the owner may still change it. */
export const RATING_EDIT_DAYS = 7
export const RATING_TEXT_MAX = 200

/** What each number of stars means, shown beside the stars on the form. */
export const RATING_SCORE_WORDS = ['很差', '较差', '一般', '满意', '非常满意'] as const

export interface RatingRecord {
  /** The order's id: one rating per order, however many requests race. */
  _id: string
  orderId: string
  orderNo: string
  ownerOpenid: string
  productId: string
  productName: string
  quality: number
  /** null when the product took no measurements (合身 was not asked). */
  fit: number | null
  onTime: number
  text: string
  /** The customer's photos (customer-photos.ts); absent on ratings from before they existed. */
  photos?: string[]
  /** When first rated: the edit window runs from here. */
  createdAt: Date
  updatedAt: Date
  /** How many times the owner changed it. */
  edits: number
}

/** What the order page and the rating form read. */
export interface RatingView {
  rating: RatingRecord | null
  /** What the owner may do now (never the merchant): rate, change the rating, or nothing. */
  may: 'rate' | 'edit' | null
  /** Why the owner may not, in Chinese (e.g. an after-sales request still open), or null. */
  reason: string | null
  /** Whether 合身 is asked (the order has measurements). */
  fitAsked: boolean
  /** The end of the edit window once rated. */
  editableUntil: Date | null
}

type RatedOrder = Pick<OrderRecord, 'node' | 'selection'> & { afterSalesOpen?: string | null }

const DAY_MS = 24 * 60 * 60 * 1000

/** 合身 only means something for a product made to the customer's measurements. */
export const fitAsked = (order: Pick<OrderRecord, 'selection'>): boolean =>
  Object.keys(order.selection.measurements).length > 0

export const editableUntil = (rating: Pick<RatingRecord, 'createdAt'>): Date =>
  new Date(new Date(rating.createdAt).getTime() + RATING_EDIT_DAYS * DAY_MS)

/** Why the owner cannot rate (or change the rating of) this order now, or null. */
export function ratingRefusal(
  order: RatedOrder,
  rating: Pick<RatingRecord, 'createdAt'> | null,
  now: Date,
): { code: 'INVALID_TRANSITION' | 'AFTER_SALES_OPEN' | 'RATING_LOCKED'; message: string } | null {
  if (order.node !== 'completed')
    return { code: 'INVALID_TRANSITION', message: '订单完成后才能评价' }
  if (order.afterSalesOpen)
    return { code: 'AFTER_SALES_OPEN', message: '这个订单的售后还在处理中，处理完成后再来评价吧' }
  if (rating && now.getTime() > editableUntil(rating).getTime())
    return {
      code: 'RATING_LOCKED',
      message: `评价超过 ${RATING_EDIT_DAYS} 天后不能再修改`,
    }
  return null
}

/** 合身 is given exactly when it is asked; the message names the field's problem. */
export function fitProblem(order: Pick<OrderRecord, 'selection'>, fit: number | undefined) {
  if (fitAsked(order) && fit === undefined) return '请为合身打分'
  if (!fitAsked(order) && fit !== undefined) return '这个商品不是量体定制，不需要评价合身'
  return null
}

export type RatingScores = Record<Exclude<RatingAspect, 'fit'>, number> & {
  fit?: number
  text?: string
  photos?: string[]
}

/** The rating after this request: a new one, or the earlier one changed (kept: createdAt). */
export function ratingFrom(
  order: Pick<OrderRecord, '_id' | 'orderNo' | 'ownerOpenid' | 'productId' | 'productSnapshot'>,
  earlier: RatingRecord | null,
  scores: RatingScores,
  now: Date,
): RatingRecord {
  return {
    _id: order._id,
    orderId: order._id,
    orderNo: order.orderNo,
    ownerOpenid: order.ownerOpenid,
    productId: order.productId,
    productName: order.productSnapshot.name,
    quality: scores.quality,
    fit: scores.fit ?? null,
    onTime: scores.onTime,
    text: scores.text ?? '',
    photos: scores.photos ?? [],
    createdAt: earlier ? earlier.createdAt : now,
    updatedAt: now,
    edits: earlier ? earlier.edits + 1 : 0,
  }
}

/** What `rating` answers: the owner learns what they may do now, a merchant only reads. */
export function ratingView(
  order: RatedOrder,
  rating: RatingRecord | null,
  owner: boolean,
  now: Date,
): RatingView {
  const refusal = owner ? ratingRefusal(order, rating, now) : null
  return {
    rating,
    may: !owner || refusal ? null : rating ? 'edit' : 'rate',
    reason: refusal?.message ?? null,
    fitAsked: fitAsked(order),
    editableUntil: rating ? editableUntil(rating) : null,
  }
}
