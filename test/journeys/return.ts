// A return after delivery (issue 17): the customer asks for 退货退款 on a paid, delivered shirt;
// the shop accepts; the customer fills in 寄回信息 (a bad tracking number is refused on the form,
// nothing sent) and reads it on the order, as the shop does on its 售后 card. Goods received, the
// shop's 完成 offers the whole ¥399 to refund, asks once more (退 declined the first time: nothing
// happens) and closes the return, refunding the order; once WeChat's stand-in has paid it out the
// customer reads 退款 ¥399 · 已退款 on the request.
import type { AfterSalesRecord } from '@/domain/after-sales'
import { COLLECTIONS } from '@/domain/names'
import { refundsOf } from '@/domain/payment'
import { waitForValue } from '../helpers/wait'
import type { JourneyContext } from './driver'
import { consumerA, deliveredShirt, merchant, storedOrder } from './shop'

const requestOf = async (ctx: JourneyContext, orderId: string) =>
  ((await ctx.cloud.store.find(COLLECTIONS.afterSales, { orderId })) as AfterSalesRecord[])[0]

export async function returnAPaidOrder(ctx: JourneyContext): Promise<void> {
  const { id, orderNo } = await deliveredShirt(ctx.cloud, consumerA, 'return', 'SF2026120155')

  const phone = await ctx.driverFor(consumerA)
  await phone.open(`pages/order/index?id=${id}`)
  await phone.tap('.after-sales__ask', '申请售后')
  await phone.onPage('service/pages/after-sales/index')
  await phone.tap('.as-chip--kind-return', '退货退款')
  await phone.tap('.as-chip--reason', '与描述不符')
  await phone.tapAndAnswerSheet('.after-sales-form__submit', 'accept', '提交申请')
  await phone.onPage('shop/pages/order/index')
  await phone.see('.after-sales__state', '待商家处理')
  expect(phone.errors()).toEqual([])

  const shop = await ctx.driverFor(merchant)
  await shop.open('merchant/pages/after-sales/index')
  await shop.tap('.m-as-filter', '退货退款')
  await shop.see('.m-as-card', orderNo)
  await shop.tap('.m-as-button', '受理')
  await shop.fill('.m-as-input--plan', '收到退货后全额退款')
  await shop.fill('.m-as-input--days', '5')
  await shop.tapAndAnswerModal('.m-as-submit--accept', true)
  await shop.seeToast('已处理')
  await shop.see('.m-as-card__state', '已受理')
  expect(shop.errors()).toEqual([])

  const customer = await ctx.driverFor(consumerA)
  await customer.open(`pages/order/index?id=${id}`)
  await customer.see('.after-sales__state', '已受理')
  await customer.tap('.after-sales__ship', '填写寄回信息')
  await customer.onPage('service/pages/return-shipment/index')
  await customer.tap('.rs-chip', '中通快递')
  await customer.fill('.return-shipment__tracking', 'ZT 77')
  await customer.tap('.return-shipment__submit')
  await customer.see('.return-shipment__error', '快递单号应为 6 到 40 位字母或数字')
  expect((await requestOf(ctx, id)).customerShipment ?? null).toBeNull()
  await customer.fill('.return-shipment__tracking', 'ZT7788990011')
  await customer.tap('.return-shipment__submit')
  await customer.onPage('shop/pages/order/index')
  await customer.see('.after-sales__shipment', '顾客寄出：中通快递 ZT7788990011')
  await customer.see('.after-sales__ship', '修改寄回信息')
  expect(customer.errors()).toEqual([])

  const receiving = await ctx.driverFor(merchant)
  await receiving.open('merchant/pages/after-sales/index')
  await receiving.tap('.m-as-filter', '退货退款')
  await receiving.see('.m-as-card__shipment', '顾客寄出：中通快递 ZT7788990011')
  await receiving.tap('.m-as-button--close', '完成')
  await receiving.see('.m-as-form', '最多可退 399')
  await expect(receiving.valueOf('.m-as-input--refund')).resolves.toBe('399')
  // Asked once more, with the amount; the first answer is 再想想: nothing is closed or refunded.
  await receiving.tapAndAnswerModal('.m-as-submit--close', false)
  await receiving.see('.m-as-card__state', '已受理')
  expect((await requestOf(ctx, id)).state).toBe('accepted')
  await receiving.tapAndAnswerModal('.m-as-submit--close', true)
  await receiving.seeToast('已处理')
  await receiving.notSee('.m-as-card', orderNo)
  expect(receiving.errors()).toEqual([])

  const closed = await requestOf(ctx, id)
  expect(closed).toMatchObject({ state: 'closed', refund: { amountFen: 39900 } })
  await waitForValue(
    () => storedOrder(ctx.cloud, id),
    (order) => order.payment.state === 'refunded',
    '退货退款完成',
  )
  const [refund, ...more] = refundsOf((await storedOrder(ctx.cloud, id)).payment)
  expect(more).toEqual([])
  expect(refund).toMatchObject({
    outRefundNo: closed.refund?.outRefundNo,
    amountFen: 39900,
    state: 'succeeded',
  })

  const after = await ctx.driverFor(consumerA)
  await after.open(`pages/order/index?id=${id}`)
  await after.see('.after-sales__state', '已完成')
  await after.see('.after-sales__refund', '退款 ¥399 · 已退款')
  await after.notSee('.after-sales__ship')
  expect(after.errors()).toEqual([])
}
