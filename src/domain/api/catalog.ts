// Contracts of the catalog function (anyone may call them).
import type { ProductDetail, ProductSummary } from '../catalog'
import { FUNCTIONS } from '../names'
import { recSourceFields } from '../rec-source'
import { id, noPayload, object } from '../validate'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.catalog)

export const catalogApi = {
  list: action('list', noPayload, returns<{ items: ProductSummary[] }>()),
  get: action(
    'get',
    /** `from` / `basis`: the recommendation slot the page was opened from (counted as a tap). */
    object({ productId: id('商品'), ...recSourceFields }),
    returns<{ product: ProductDetail }>(),
  ),
}
