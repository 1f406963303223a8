// Merchant journeys, described once and run on both platforms.
import type { JourneyContext } from './driver'
import { consumerA, merchant, placeShirt, storedOrder } from './shop'

/** Opens one of the merchant's actions on the order page, fills the form, and submits it. */
async function act(
  phone: Awaited<ReturnType<JourneyContext['driverFor']>>,
  event: string,
  fill?: () => Promise<void>,
) {
  await phone.tap(`.m-order-action--${event}`)
  await phone.see(`.action-form--${event}`)
  await fill?.()
  await phone.tap('.action-form__submit')
}

/** The merchant takes a new order through every node to shipped; the customer sees the parcel. */
export async function merchantShipsAnOrder(ctx: JourneyContext): Promise<void> {
  const { id } = await placeShirt(ctx.cloud, consumerA, 'ship')
  const phone = await ctx.driverFor(merchant)
  await phone.open(`merchant/pages/order/index?id=${id}`)
  await phone.see('.m-order-hero__node', '已提交')
  await act(phone, 'confirm', () => phone.fill('.action-form__note', '已核对尺寸'))
  await phone.see('.m-order-hero__node', '已确认')
  await act(phone, 'purchase_materials')
  await phone.see('.m-order-hero__node', '备料中')
  await act(phone, 'start_production')
  await phone.see('.m-order-hero__node', '制作中')
  await act(phone, 'start_quality_check')
  await phone.see('.m-order-hero__node', '质检中')
  await act(phone, 'ship', async () => {
    await phone.fill('.action-form__carrier', '顺丰速运')
    await phone.fill('.action-form__tracking', 'SF1234567890')
  })
  await phone.see('.m-order-hero__node', '已发货')
  expect(phone.errors()).toEqual([])

  const order = await storedOrder(ctx.cloud, id)
  expect(order.node).toBe('shipped')
  expect(order.shipping).toMatchObject({ carrier: '顺丰速运', trackingNo: 'SF1234567890' })
  expect(order.timeline[1].note).toBe('已核对尺寸')

  const customer = await ctx.driverFor(consumerA)
  await customer.open(`pages/order/index?id=${id}`)
  await customer.see('.order-hero__node', '已发货')
  await customer.see('.order-row', 'SF1234567890')
  await customer.tapAndAnswerModal('.order-action--complete', true)
  await customer.see('.order-hero__node', '已完成')
  await expect(storedOrder(ctx.cloud, id)).resolves.toMatchObject({ node: 'completed' })
}
