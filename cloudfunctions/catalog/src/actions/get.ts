// catalog.get — anyone, including anonymous callers. One active product with its full schema
// (options, measurements, texts, urgent channel, batch), or NOT_FOUND. A signed-in caller's view
// is recorded as behaviour (cloud/behaviour.ts), unless they turned personalisation off. Opened
// from a recommendation slot (`from` + `basis`): a tap, counted by cloud/rec-stats.ts.
import { toProductDetail } from '@/domain/catalog'
import { ok } from '@/domain/result'
import { loadActiveProduct } from '@/cloud/orders'
import { catalogApi } from '@/domain/api/catalog'
import { defineAction } from '@/cloud/router'
import { recordBehaviour } from '@/cloud/behaviour'
import { viewSignal } from '@/domain/behaviour'
import { recordTap } from '@/cloud/rec-stats'

export const get = defineAction(catalogApi.get, async ({ productId, from, basis }, caller) => {
  const product = await loadActiveProduct(productId)
  if (!product.ok) return product
  await recordBehaviour(caller.openid, [viewSignal(product.data)])
  if (from && basis) await recordTap(caller.openid, { slot: from, basis, productId })
  return ok({ product: toProductDetail(product.data) })
})
