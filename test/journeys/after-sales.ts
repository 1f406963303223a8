// After-sales (issue 17): a delivered shirt whose sleeves are too long. On the order page the
// customer taps 申请售后, picks 改尺寸, adds two photos and takes one back (the one kept survives
// the refused taps), shortens 袖长 by 2 cm with − (four 0.5 cm steps), picks a reason and submits, allowing 售后进度通知 on the sheet the submit opens; back on the order the
// request reads 待商家处理 with the photo, stored in the customer's own folder. The merchant's 售后
// page lists it with the photo; 受理 with a plan and days,
// confirmed in the modal, queues the customer's message once; the customer then reads 已受理
// with the plan, and the message, and 申请售后 is gone while the request is open. The order is
// back in the workshop (返工中); the merchant checks, ships and delivers it from the order page,
// which closes the request; the customer completes the order and rates it.
import type { AfterSalesRecord } from '@/domain/after-sales'
import type { OutboxRecord } from '@/domain/message-drafts'
import { photoDirOf } from '@/cloud/photo-dir'
import type { OrderRecord } from '@/domain/order-types'
import { COLLECTIONS } from '@/domain/names'
import { waitForValue } from '../helpers/wait'
import type { JourneyContext } from './driver'
import { act } from './merchant'
import { consumerA, deliveredShirt, merchant } from './shop'

export async function alterADeliveredShirt(ctx: JourneyContext): Promise<void> {
  const { id, orderNo } = await deliveredShirt(ctx.cloud, consumerA, 'after-sales', 'SF2026120101')

  const phone = await ctx.driverFor(consumerA)
  await phone.open(`pages/order/index?id=${id}`)
  await phone.tap('.after-sales__ask', '申请售后')
  await phone.onPage('service/pages/after-sales/index')
  await phone.tap('.as-chip--kind-alteration', '改尺寸')
  await phone.see('.size-change', '袖长')
  const photoCount = (want: number) =>
    waitForValue(
      () => phone.count('.photo-picker__photo'),
      (n) => n === want,
      `${want} 张照片`,
    )
  // A lost upload says so beside the photos and loses nothing; the next pick works.
  await phone.tapAndPickPhoto('.photo-picker__add', '添加照片')
  await photoCount(1)
  await phone.failNextPhotoUpload()
  await phone.tapAndPickPhoto('.photo-picker__add', '添加照片')
  await phone.see('.photo-picker__error', '照片上传失败')
  // The upload's own log line (and H5's failed request) are the only errors on this phone.
  const failedUpload = phone.errors().length
  expect(phone.errors().every((e) => /上传照片失败|Failed to load resource/.test(e))).toBe(true)
  expect(await phone.count('.photo-picker__photo')).toBe(1)
  await phone.tapAndPickPhoto('.photo-picker__add', '添加照片')
  await photoCount(2)
  await phone.notSee('.photo-picker__error')
  await phone.tap('.photo-picker__remove')
  await photoCount(1)
  // Nothing chosen yet: the form says what is missing and keeps the choice made.
  await phone.tap('.after-sales-form__submit')
  await phone.see('.after-sales-form__error', '请选择原因')
  await phone.tap('.as-chip--reason', '尺寸不合适')
  await phone.tap('.after-sales-form__submit')
  await phone.see('.after-sales-form__error', '请用 − / + 填写要修改的尺寸')
  for (let step = 0; step < 4; step += 1) await phone.tap('.size-change__minus--sleeve')
  await phone.see('.size-change__value', '62 → 60cm（袖长 −2cm）')
  expect(await phone.count('.photo-picker__photo')).toBe(1)
  await phone.fill('.after-sales-form__note', '袖子长了一点，盖住了手表')
  // The taps refused above asked for nothing; this one asks for the shop's answers first.
  await expect(
    phone.tapAndAnswerSheet('.after-sales-form__submit', 'accept', '提交申请'),
  ).resolves.toBe(1)
  await phone.onPage('shop/pages/order/index')
  await phone.see('.after-sales__item', '改尺寸 · 袖长 −2cm')
  await phone.see('.after-sales__state', '待商家处理')
  await phone.see('.photo-strip__photo')
  await phone.notSee('.after-sales__ask')

  const [stored] = (await ctx.cloud.store.find(COLLECTIONS.afterSales, {
    orderId: id,
  })) as AfterSalesRecord[]
  expect(stored).toMatchObject({
    kind: 'alteration',
    reason: '尺寸不合适',
    note: '袖子长了一点，盖住了手表',
    alterations: [{ measurementId: 'sleeve', from: 62, delta: -2 }],
    state: 'submitted',
    // H5: the local stand-in's id; weapp: a cloud file id (wx stand-in) under order-photos/.
    photos: [
      expect.stringMatching(
        new RegExp(`^(local-file://|cloud://.+/order-photos/)${photoDirOf(consumerA)}/`),
      ),
    ],
  })
  expect(phone.errors().slice(failedUpload)).toEqual([])

  const shop = await ctx.driverFor(merchant)
  await shop.open('merchant/pages/after-sales/index')
  await shop.tap('.m-as-filter', '改尺寸')
  await shop.see('.m-as-card', orderNo)
  await shop.see('.m-as-card .photo-strip__photo')
  await shop.tap('.m-as-button', '受理')
  await shop.fill('.m-as-input--plan', '改短袖长 2cm')
  await shop.fill('.m-as-input--days', '3')
  await shop.tapAndAnswerModal('.m-as-submit--accept', true)
  await shop.seeToast('已处理')
  await waitForValue(
    async () =>
      (
        (await ctx.cloud.store.find(COLLECTIONS.afterSales, {
          _id: stored._id,
        })) as AfterSalesRecord[]
      )[0],
    (request) => request.state === 'accepted',
    '售后已受理',
  )
  await shop.see('.m-as-card__state', '已受理')
  // The order's own page shows the request too, without the customer's 撤回.
  await shop.open(`merchant/pages/order/index?id=${id}`)
  await shop.see('.after-sales__item', '改尺寸 · 袖长 −2cm')
  await shop.see('.after-sales__detail', '处理方案：改短袖长 2cm')
  expect(await shop.count('.after-sales__withdraw')).toBe(0)
  expect(shop.errors()).toEqual([])
  // 受理 queued the customer's message once, in its transaction, and sent it on the sheet's
  // credit (held only for the day's cap, which earlier journeys may have reached).
  const updates = (await ctx.cloud.store.find(COLLECTIONS.notificationQueue, {
    orderId: id,
    purpose: 'after_sales_update',
  })) as OutboxRecord[]
  expect(updates).toEqual([
    expect.objectContaining({
      key: `after_sales:${stored._id}:accepted`,
      page: `pages/order/index?id=${id}`,
      values: expect.objectContaining({ detail: '预计 3 天：改短袖长 2cm' }),
    }),
  ])
  expect(updates[0].holdReason ?? null).not.toBe('no_credit')

  // The customer's phone again (on weapp the one phone now runs as the merchant).
  const back = await ctx.driverFor(consumerA)
  await back.open(`pages/order/index?id=${id}`)
  await back.see('.after-sales__state', '已受理')
  await back.see('.after-sales__detail', '处理方案：改短袖长 2cm，预计 3 天')
  await back.see('.message-item', '售后进度通知')
  await back.see('.message-item__value', '预计 3 天：改短袖长 2cm')
  expect(back.errors()).toEqual([])

  // Accepted, the shirt is back in the workshop on the same order: 返工中, with the plan.
  await back.see('.order-hero__node', '返工中')
  await back.see('.timeline__note', '改尺寸：改短袖长 2cm')
  expect(back.errors()).toEqual([])

  // The workshop checks and reships it from the order page; 寄回 / 完成 are not the request's.
  const workshop = await ctx.driverFor(merchant)
  await workshop.open('merchant/pages/after-sales/index')
  await workshop.see('.m-as-rework', '返工中')
  expect(await workshop.count('.m-as-button--ship')).toBe(0)
  await workshop.tap('.m-as-button--order', '去订单处理')
  await workshop.onPage('merchant/pages/order/index')
  await workshop.see('.m-order-hero__node', '返工中')
  await act(workshop, 'start_quality_check')
  await workshop.see('.m-order-hero__node', '质检中')
  await act(workshop, 'ship', async () => {
    await workshop.fill('.action-form__carrier', '顺丰速运')
    await workshop.fill('.action-form__tracking', 'SF2026120288')
  })
  await workshop.see('.m-order-hero__node', '已发货')
  await act(workshop, 'deliver')
  await workshop.see('.m-order-hero__node', '已签收')
  expect(workshop.errors()).toEqual([])

  // Its arrival closed the request; the customer completes the order and rates it.
  const customer = await ctx.driverFor(consumerA)
  await customer.open(`pages/order/index?id=${id}`)
  await customer.see('.after-sales__state', '已完成')
  await customer.see('.after-sales__ask', '申请售后')
  customer.answerNextSheet('reject') // 保养提醒, asked at 确认收货 again: not this time
  await customer.tapAndAnswerModal('.order-action--complete', true)
  await expect(customer.sheetOffered()).resolves.toBe(1)
  await customer.see('.order-hero__node', '已完成')
  await customer.tap('.rating-row__rate', '评价订单')
  await customer.onPage('service/pages/rating/index')
  for (const star of ['quality-5', 'fit-5', 'onTime-4']) await customer.tap(`.rating-star--${star}`)
  await customer.tap('.rating-form__submit', '提交评价')
  await customer.onPage('shop/pages/order/index')
  await customer.see('.rating-row__stars', '合身 ★★★★★')
  expect(customer.errors()).toEqual([])
  const order = (await ctx.cloud.store.find(COLLECTIONS.orders, { _id: id }))[0] as OrderRecord
  expect(order.timeline.slice(-6).map((entry) => entry.node)).toEqual([
    ...['delivered', 'rework', 'quality_check'],
    ...['shipped', 'delivered', 'completed'],
  ])
}
