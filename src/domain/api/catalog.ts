// Contracts of the catalog function (anyone may call them).
import type { ProductRecord, ProductSummary } from '../catalog'
import { FUNCTIONS } from '../names'
import { id, noPayload, object } from '../validate'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.catalog)

export const catalogApi = {
  list: action('list', noPayload, returns<{ items: ProductSummary[] }>()),
  get: action('get', object({ productId: id('商品') }), returns<{ product: ProductRecord }>()),
}
