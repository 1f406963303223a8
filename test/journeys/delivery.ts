// The delivery window (issue 20), described once and run on both platforms: once the shop has
// started, the customer picks 周末 on the order page; entering quality check then asks nothing
// more, and the merchant's order page and shipping form show the choice.
import { COLLECTIONS } from '@/domain/names'
import type { JourneyContext } from './driver'
import { consumerA, merchant, merchantActs, placeShirt, storedOrder } from './shop'

export async function chooseWhenToDeliver(ctx: JourneyContext): Promise<void> {
  const { id } = await placeShirt(ctx.cloud, consumerA, 'window')
  for (const event of ['confirm', 'purchase_materials', 'start_production'] as const)
    await merchantActs(ctx.cloud, id, event)

  const phone = await ctx.driverFor(consumerA)
  await phone.open(`pages/order/index?id=${id}`)
  await phone.see('.order-delivery-window', '发货前选择方便收货的时间')
  await phone.tap('.delivery-chip--weekend', '周末')
  await phone.tap('.delivery-window__save', '保存送货时间')
  await phone.seeToast('送货时间已保存')
  await phone.see('.delivery-window__saved', '已选：周末')
  await phone.see('.timeline', '送货时间：周末')
  await expect(storedOrder(ctx.cloud, id)).resolves.toMatchObject({
    deliveryWindow: { kind: 'weekend', date: null },
  })
  expect(phone.errors()).toEqual([])

  // Already chosen: quality check does not ask again.
  await merchantActs(ctx.cloud, id, 'start_quality_check')
  const asked = await ctx.cloud.store.find(COLLECTIONS.notificationQueue, {
    orderId: id,
    purpose: 'delivery_window',
  })
  expect(asked).toEqual([])

  const shop = await ctx.driverFor(merchant)
  await shop.open(`merchant/pages/order/index?id=${id}`)
  await shop.see('.m-order-address__window', '顾客希望的送货时间：周末')
  expect(shop.errors()).toEqual([])
}
