// The order function's rating read (the order page's row, main package). Rating itself is in
// rating-order.ts, so its checks load only with the service subpackage's form.
import type { RatingView } from '../rating'
import { FUNCTIONS } from '../names'
import { id, object } from '../validate'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.order)

export const ratingApi = {
  /** The order's rating or null, and (for the owner) whether they may rate or change it now. */
  rating: action('rating', object({ orderId: id('订单') }), returns<RatingView>()),
}
