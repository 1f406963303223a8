// 我的补货's data: refill.mine (loading, data, error through useCloud), the three answers, and
// 立即补货, which puts the last order of the product on the confirm page (choices as before,
// priced anew, urgent off) so one tap there places it.
import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import type { ProductRecord } from '@/domain/catalog'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderSelection } from '@/domain/order-selection'
import type { Quote } from '@/domain/pricing'
import type { RefillList, RefillView } from '@/domain/refill-view'
import { fail, ok, type Result } from '@/domain/result'
import { useCloud } from '@/hooks/useCloud'
import { callCloud } from '@/services/cloud'
import { setDraftOrder } from '@/services/draft-order'

export type RefillItem = RefillView<string>
type Answer = { refill: RefillItem }

export function useRefills() {
  const list = useCloud<RefillList<string>>(FUNCTIONS.refill, ACTIONS.refill.mine)
  const [busy, setBusy] = useState(false)
  const { reload } = list

  const answer = useCallback(
    async (action: string, payload: object): Promise<Result<Answer>> => {
      if (busy) return fail('CONFLICT', '请稍候，上一个操作还在进行')
      setBusy(true)
      const result = await callCloud<Answer>(FUNCTIONS.refill, action, payload)
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
    snooze: (productId: string, days: number) => answer(ACTIONS.refill.snooze, { productId, days }),
    adjustCycle: (productId: string, days: number) =>
      answer(ACTIONS.refill.adjustCycle, { productId, days }),
    stop: (productId: string) => answer(ACTIONS.refill.stop, { productId }),
    reorder,
  }
}

async function prefillConfirm(item: RefillItem): Promise<Result<null>> {
  const [past, product] = await Promise.all([
    callCloud<{ order: { selection: OrderSelection } }>(FUNCTIONS.order, ACTIONS.order.detail, {
      orderId: item.lastOrderId,
    }),
    callCloud<{ product: ProductRecord }>(FUNCTIONS.catalog, ACTIONS.catalog.get, {
      productId: item.productId,
    }),
  ])
  if (!past.ok) return past
  if (!product.ok) return product
  const selection = { ...past.data.order.selection, urgent: false }
  const quote = await callCloud<{ quote: Quote }>(FUNCTIONS.order, ACTIONS.order.quote, {
    productId: item.productId,
    selection,
  })
  if (!quote.ok) return quote
  setDraftOrder({ product: product.data.product, selection, quote: quote.data.quote })
  await Taro.navigateTo({ url: '/pages/confirm/index' })
  return ok(null)
}
