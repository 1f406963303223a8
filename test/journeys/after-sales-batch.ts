// Batch answers on the 售后 page (issue 17): two delivered shirts with a request each. The merchant
// turns on 批量处理, selects both cards, opens 批量不受理 and taps it with no reason: the form says
// what is missing, nothing is sent. Meanwhile another merchant declines one of them; with the
// reason typed and the confirmation accepted, the report reads 成功 1 个，失败 1 个 and names the
// order refused, and the request answered by the batch carries the batch's reason.
import type { AfterSalesRecord } from '@/domain/after-sales'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { JourneyContext } from './driver'
import { consumerA, deliveredShirt, merchant, orderCall } from './shop'

const REASON = '已超过可修改的尺寸范围'

export async function declineTwoRequestsAtOnce(ctx: JourneyContext): Promise<void> {
  const ask = async (label: string, trackingNo: string) => {
    const order = await deliveredShirt(ctx.cloud, consumerA, label, trackingNo)
    const { request } = await orderCall(
      ctx.cloud,
      ACTIONS.order.requestAfterSales,
      {
        orderId: order.id,
        requestId: `journey-${label}-${Date.now().toString(36)}`,
        kind: 'remake',
        reason: '做工问题',
      },
      consumerA,
    )
    return { orderNo: order.orderNo, request: request as AfterSalesRecord }
  }
  const first = await ask('batch-as-1', 'SF2026120301')
  const second = await ask('batch-as-2', 'SF2026120302')

  const shop = await ctx.driverFor(merchant)
  await shop.open('merchant/pages/after-sales/index')
  await shop.tap('.m-as-filter', '重做')
  await shop.tap('.m-as-mode', '批量处理')
  await shop.tap('.m-as-card', first.orderNo)
  await shop.tap('.m-as-card', second.orderNo)
  await shop.see('.m-as-batch__count', '已选 2 个申请')
  await shop.tap('.m-as-batch__decline', '批量不受理')
  // Without a reason the server's own check answers on the page; nothing is sent.
  await shop.tap('.m-as-batch__decline', '确认批量不受理')
  await shop.seeToast('请填写不受理的原因')
  await shop.fill('.m-as-batch__reason', REASON)

  // Another merchant answers the second request first.
  const elsewhere = (await ctx.cloud.invoke(
    FUNCTIONS.merchant,
    {
      action: ACTIONS.merchant.decideAfterSales,
      payload: { afterSalesId: second.request._id, decision: 'decline', reason: '重复申请' },
    },
    merchant,
  )) as { ok: boolean }
  expect(elsewhere.ok).toBe(true)

  await shop.tapAndAnswerModal('.m-as-batch__decline', true, '确认批量不受理')
  await shop.see('.result-report__summary', '成功 1 个，失败 1 个')
  await shop.see('.result-report__order', second.orderNo)
  await shop.notSee('.m-as-card', first.orderNo)

  const stored = (await ctx.cloud.store.find(COLLECTIONS.afterSales, {})) as AfterSalesRecord[]
  const byId = (id: string) => stored.find((request) => request._id === id)
  expect(byId(first.request._id)).toMatchObject({ state: 'declined', declineReason: REASON })
  expect(byId(second.request._id)).toMatchObject({ state: 'declined', declineReason: '重复申请' })
  expect(shop.errors()).toEqual([])
}
