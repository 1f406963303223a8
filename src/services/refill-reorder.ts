// 立即补货: the last order of a product, its choices as before, priced anew and urgent off, put on
// the confirm page so one tap there places it. The home page (main package) and 我的补货 (shop
// subpackage) both offer it, so it lives here rather than in either page.
import Taro from '@tarojs/taro'
import { catalogApi } from '@/domain/api/catalog'
import { orderApi } from '@/domain/api/order'
import type { RefillView } from '@/domain/refill-view'
import { ok, type Result } from '@/domain/result'
import { SHOP_PAGES } from '@/routes'
import { callCloud } from '@/services/cloud'
import { setDraftOrder } from '@/services/draft-order'

export async function prefillConfirm(
  item: Pick<RefillView<string>, 'productId' | 'lastOrderId'>,
): Promise<Result<null>> {
  const [past, product] = await Promise.all([
    callCloud(orderApi.detail, {
      orderId: item.lastOrderId,
    }),
    callCloud(catalogApi.get, {
      productId: item.productId,
    }),
  ])
  if (!past.ok) return past
  if (!product.ok) return product
  const selection = { ...past.data.order.selection, urgent: false }
  const quote = await callCloud(orderApi.quote, {
    productId: item.productId,
    selection,
  })
  if (!quote.ok) return quote
  setDraftOrder({ product: product.data.product, selection, quote: quote.data.quote })
  await Taro.navigateTo({ url: SHOP_PAGES.confirm })
  return ok(null)
}
