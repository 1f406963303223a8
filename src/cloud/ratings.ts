// Ratings (domain/rating.ts holds the rules). One transaction reads the order (owner, node, open
// after-sales) and the rating, whose `_id` is the order id, and writes the whole rating: of two
// first ratings racing, the database commits one; the other, retried, finds it and changes it
// as an edit. So an order has one rating, every field of it from one request.
// Known limit: the order is read, not written, so a rating racing an after-sales request on the
// same order may both commit.
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { fitProblem, ratingFrom, ratingRefusal, type RatingRecord } from '../domain/rating'
import { fail, ok, type Result } from '../domain/result'
import type { PayloadOf } from '../domain/api/contract'
import type { rateOrderApi } from '../domain/api/rating-order'
import { db, inTransaction, readDoc, withoutId } from './database'
import { areCallersPhotos, FOREIGN_PHOTO_MESSAGE } from './photo-dir'

export const ratings = () => db.collection(COLLECTIONS.ratings)

type RateInput = PayloadOf<typeof rateOrderApi.rateOrder>

export function rateOrder(
  input: RateInput,
  openid: string,
  now: Date,
): Promise<Result<{ rating: RatingRecord; created: boolean }>> {
  return inTransaction(async (transaction) => {
    const order = await readDoc<OrderRecord>(
      transaction.collection(COLLECTIONS.orders).doc(input.orderId),
    )
    if (!order || order.ownerOpenid !== openid) return fail('NOT_FOUND', '订单不存在')
    const ref = transaction.collection(COLLECTIONS.ratings).doc(order._id)
    const earlier = await readDoc<RatingRecord>(ref)
    const refusal = ratingRefusal(order, earlier, now)
    if (refusal) return fail(refusal.code, refusal.message)
    const problem = fitProblem(order, input.fit)
    if (problem) return fail('INVALID_INPUT', problem, 'fit')
    if (!areCallersPhotos(input.photos, openid))
      return fail('INVALID_INPUT', FOREIGN_PHOTO_MESSAGE, 'photos')
    const rating = ratingFrom(order, earlier, input, now)
    await ref.set({ data: withoutId(rating) })
    return ok({ rating, created: !earlier })
  })
}
