// catalog.get — anyone, including anonymous callers. Read-only: one active product with its full
// schema (options, measurements, texts, urgent channel, batch), or NOT_FOUND.
import { toProductDetail } from '@/domain/catalog'
import { ok } from '@/domain/result'
import { loadActiveProduct } from '@/cloud/orders'
import { catalogApi } from '@/domain/api/catalog'
import { defineAction } from '@/cloud/router'

export const get = defineAction(catalogApi.get, async ({ productId }) => {
  const product = await loadActiveProduct(productId)
  return product.ok ? ok({ product: toProductDetail(product.data) }) : product
})
