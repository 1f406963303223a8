// 我的补货's data: refill.mine (loading, data, error through useCloud), the three answers, and
// 立即补货, which puts the last order of the product on the confirm page (choices as before,
// priced anew, urgent off) so one tap there places it.
import type { ResultOf } from '@/domain/api/contract'
import { refillApi } from '@/domain/api/refill'
import { orderApi } from '@/domain/api/order'
import { catalogApi } from '@/domain/api/catalog'
import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import type { RefillView } from '@/domain/refill-view'
import { fail, ok, type Result } from '@/domain/result'
import { useCloud } from '@/hooks/useCloud'
import { callCloud } from '@/services/cloud'
import { setDraftOrder } from '@/services/draft-order'

export type RefillItem = RefillView<string>
type Answer = ResultOf<typeof refillApi.snooze>

export function useRefills() {
  const list = useCloud(refillApi.mine)
  const [busy, setBusy] = useState(false)
  const { reload } = list

  const answer = useCallback(
    async (call: () => Promise<Result<Answer>>): Promise<Result<Answer>> => {
      if (busy) return fail('CONFLICT', '请稍候，上一个操作还在进行')
      setBusy(true)
      const result = await call()
      if (result.ok) await reload()
      setBusy(false)
      return result
    },
    [busy, reload],
  )

  const reorder = useCallback(
    async (item: RefillItem): Promise<Result<null>> => {
      if (busy) return fail('CONFLICT', '请稍候，上一个操作还在进行')
      setBusy(true)
      const result = await prefillConfirm(item)
      setBusy(false)
      return result
    },
    [busy],
  )

  return {
    ...list,
    busy,
    snooze: (productId: string, days: number) =>
      answer(() => callCloud(refillApi.snooze, { productId, days })),
    adjustCycle: (productId: string, days: number) =>
      answer(() => callCloud(refillApi.adjustCycle, { productId, days })),
    stop: (productId: string) => answer(() => callCloud(refillApi.stop, { productId })),
    reorder,
  }
}

/** 立即补货: the last order of the product, priced anew, on the confirm page (also from the home page). */
export async function prefillConfirm(
  item: Pick<RefillItem, 'productId' | 'lastOrderId'>,
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
  await Taro.navigateTo({ url: '/pages/confirm/index' })
  return ok(null)
}
