// The rating contract, apart from rating.ts so only the service subpackage (and the order
// function) load its checks.
import type { RatingRecord } from '../rating'
import { rateOrderCheck } from '../rating-input'
import { FUNCTIONS } from '../names'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.order)

export const rateOrderApi = {
  /** Rates the caller's completed order, or changes the rating within the edit window. */
  rateOrder: action(
    'rateOrder',
    rateOrderCheck,
    returns<{ rating: RatingRecord; created: boolean }>(),
  ),
}
