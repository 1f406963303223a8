// catalog.get — anyone, including anonymous callers. Read-only: one active product with its full
// schema (options, measurements, texts, urgent channel, batch), or NOT_FOUND.
import { toProductDetail } from '@/domain/catalog'
import { ok } from '@/domain/result'
import { id, object } from '@/domain/validate'
import { loadActiveProduct } from '@/cloud/orders'
import { defineAction } from '@/cloud/router'

const payload = object({ productId: id('商品') })

export const get = defineAction(payload, async ({ productId }) => {
  const product = await loadActiveProduct(productId)
  return product.ok ? ok({ product: toProductDetail(product.data) }) : product
})
