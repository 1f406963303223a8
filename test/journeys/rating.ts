// Rating (issue 17): a shirt completed through the cloud. On the order page the customer taps
// 评价订单 and gives 质量 5 and 合身 4 and a photo; submitting before 准时 says what is missing and
// keeps the stars, the text and the photo; 准时 5, then submit. The order page shows the stars, the
// text and the photo; 修改评价 opens the form with the rating given, and 准时 changed to 4 with
// the photo taken away reads on the order page. The merchant reads the rating (已修改) on their
// order page, and finds the order among the lowest-rated on 数据看板, whose row opens that page.
import { photoDirOf } from '@/cloud/photo-dir'
import { ACTIONS, COLLECTIONS } from '@/domain/names'
import type { RatingRecord } from '@/domain/rating'
import type { JourneyContext } from './driver'
import { consumerA, deliveredShirt, merchant, orderCall } from './shop'

const TEXT = '领口正好，袖长合适，比预计早两天到'

export async function rateACompletedOrder(ctx: JourneyContext): Promise<void> {
  const { id, orderNo } = await deliveredShirt(ctx.cloud, consumerA, 'rating', 'SF2026120102')
  await orderCall(ctx.cloud, ACTIONS.order.act, { orderId: id, event: 'complete' }, consumerA)
  const stored = async () =>
    (await ctx.cloud.store.find(COLLECTIONS.ratings, { _id: id })) as RatingRecord[]

  const phone = await ctx.driverFor(consumerA)
  await phone.open(`pages/order/index?id=${id}`)
  await phone.tap('.rating-row__rate', '评价订单')
  await phone.onPage('service/pages/rating/index')
  await phone.tap('.rating-star--quality-5')
  await phone.tap('.rating-star--fit-4')
  await phone.see('.star-row--fit .star-row__word', '满意')
  await phone.fill('.rating-form__text', TEXT)
  await phone.tapAndPickPhoto('.photo-picker__add', '添加照片')
  await phone.see('.photo-picker__photo')
  await phone.tap('.rating-form__submit', '提交评价')
  await phone.see('.rating-form__error', '请为准时打分')
  expect(await phone.count('.star-row--quality .rating-star--on')).toBe(5)
  expect(await phone.count('.star-row--fit .rating-star--on')).toBe(4)
  await expect(phone.valueOf('.rating-form__text')).resolves.toBe(TEXT)
  expect(await phone.count('.photo-picker__photo')).toBe(1)
  await phone.tap('.rating-star--onTime-5')
  await phone.tap('.rating-form__submit', '提交评价')
  await phone.onPage('shop/pages/order/index')
  for (const line of ['质量 ★★★★★', '合身 ★★★★☆', '准时 ★★★★★'])
    await phone.see('.rating-row__stars', line)
  await phone.see('.rating-row__text', TEXT)
  await phone.see('.photo-strip__photo')
  expect(await stored()).toEqual([
    expect.objectContaining({
      quality: 5,
      fit: 4,
      onTime: 5,
      text: TEXT,
      photos: [expect.stringContaining(`${photoDirOf(consumerA)}/`)],
      edits: 0,
    }),
  ])

  await phone.tap('.rating-row__edit', '修改评价')
  await phone.onPage('service/pages/rating/index')
  await phone.see('.star-row--onTime .star-row__word', '非常满意')
  expect(await phone.count('.star-row--fit .rating-star--on')).toBe(4)
  await expect(phone.valueOf('.rating-form__text')).resolves.toBe(TEXT)
  expect(await phone.count('.photo-picker__photo')).toBe(1)
  await phone.tap('.rating-star--onTime-4')
  await phone.tap('.photo-picker__remove')
  await phone.tap('.rating-form__submit', '保存修改')
  await phone.onPage('shop/pages/order/index')
  await phone.see('.rating-row__stars', '准时 ★★★★☆')
  await phone.notSee('.photo-strip__photo')
  expect(await stored()).toEqual([
    expect.objectContaining({ quality: 5, fit: 4, onTime: 4, text: TEXT, photos: [], edits: 1 }),
  ])
  expect(phone.errors()).toEqual([])

  const shop = await ctx.driverFor(merchant)
  await shop.open(`merchant/pages/order/index?id=${id}`)
  for (const line of ['质量 ★★★★★', '合身 ★★★★☆', '准时 ★★★★☆'])
    await shop.see('.m-order-rating__line', line)
  await shop.see('.m-order-rating__text', TEXT)
  await shop.see('.m-order-rating__at', '已修改')
  await shop.open('merchant/pages/dashboard/index')
  await shop.see('.dash-ratings__overall', '条 · 平均')
  await shop.tap('.dash-ratings__low', orderNo)
  expect(await shop.onPage('merchant/pages/order/index')).toMatchObject({ id })
  await shop.see('.m-order-rating__text', TEXT)
  expect(shop.errors()).toEqual([])
}
