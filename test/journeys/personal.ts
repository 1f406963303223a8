// Personal service (issue 19): the home page about the customer. After looking at a product and
// ordering a linen shirt, the home page shows the order in progress (one tap to it) and
// recommends the shirt with its reason; 我的 → 个性化推荐 off stops collection (checked in the
// database) and the home page falls back to the shop's picks. A completed order's page shows
// its own 为你推荐, whose tap opens the product and is counted.
import type { BehaviourEvent, PreferenceRecord } from '@/domain/behaviour'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { RecStatsRecord } from '@/domain/rec-stats'
import type { TestCloud } from '../helpers/local-cloud'
import { waitForValue } from '../helpers/wait'
import type { JourneyContext } from './driver'
import {
  consumerA,
  consumerB,
  customiseShirt,
  deliveredShirt,
  orderCall,
  ordersOf,
  toConfirmWithAddress,
} from './shop'

const eventsOf = async (cloud: TestCloud, openid: string) =>
  (await cloud.store.find(COLLECTIONS.behaviourEvents, { ownerOpenid: openid })) as BehaviourEvent[]
const preferenceOf = async (cloud: TestCloud, openid: string) =>
  ((await cloud.store.find(COLLECTIONS.preferences, { _id: openid })) as PreferenceRecord[])[0]

export async function homeKnowsTheCustomer(ctx: JourneyContext): Promise<void> {
  const phone = await ctx.driverFor(consumerB)
  await phone.see('.home-pick')

  // Looking at the curtain, then ordering a shirt in French linen.
  await phone.tap('.product-card', '全遮光定制窗帘')
  await phone.onPage('shop/pages/product/index')
  await phone.see('.option-chip', '丝绒遮光')
  await phone.back()
  await phone.onPage('pages/index/index')
  const before = await ordersOf(ctx.cloud, consumerB)
  await customiseShirt(phone, '¥479', '法国亚麻')
  await toConfirmWithAddress(phone)
  phone.answerNextPayment('paid')
  await phone.tapAndAnswerSheet('.submit-order', 'reject')
  const { id } = await phone.onPage('shop/pages/order/index')
  expect(await ordersOf(ctx.cloud, consumerB)).toHaveLength(before.length + 1)
  const types = (await eventsOf(ctx.cloud, consumerB)).map((event) => event.type)
  expect(types).toEqual(expect.arrayContaining(['product_view', 'option_chosen', 'order_placed']))

  // Home: the order in progress with its node and date, and the shirt recommended for its linen.
  await phone.open('pages/index/index')
  await phone.see('.home-order', '量体定制衬衫')
  await phone.see('.home-order__status', '预计')
  await phone.see('.home-pick', '法国亚麻')
  const reasons = await phone.texts('.home-pick__reason')
  expect(reasons.some((reason) => /^你(选过|常选)法国亚麻$/.test(reason))).toBe(true)
  await phone.tap('.home-order', '量体定制衬衫')
  await expect(phone.onPage('shop/pages/order/index')).resolves.toMatchObject({ id })

  // 我的 → 个性化推荐 off: nothing more is recorded, and the home page shows the shop's picks.
  await phone.open('pages/mine/index')
  await phone.see('.personalisation__hint', '个性化推荐')
  await phone.tap('.personalisation__toggle', '已开启')
  await phone.see('.personalisation__toggle', '已关闭')
  expect(await preferenceOf(ctx.cloud, consumerB)).toMatchObject({ personalised: false })
  const recorded = (await eventsOf(ctx.cloud, consumerB)).length
  const counts = await preferenceOf(ctx.cloud, consumerB)
  await phone.open('pages/product/index?id=prod_linen_batch')
  await phone.see('.option-chip', '燕麦')
  await phone.open('pages/index/index')
  await phone.see('.home-picks__note', '个性化推荐已关闭')
  const shown = await waitForValue(
    () => phone.texts('.home-pick__reason'),
    (texts) => texts.length > 0,
    '为你推荐',
  )
  expect(shown.every((reason) => reason === '店铺精选')).toBe(true)
  expect(await eventsOf(ctx.cloud, consumerB)).toHaveLength(recorded)
  expect(await preferenceOf(ctx.cloud, consumerB)).toEqual(counts)
  expect(phone.errors()).toEqual([])

  // Back on, so the journeys after this one find the default.
  await ctx.cloud.invoke(
    FUNCTIONS.user,
    { action: 'setPersonalisation', payload: { personalised: true } },
    consumerB,
  )
}

// 为你推荐 after completion (issue 19): a completed shirt's page shows the slot's picks with
// their reasons; tapping one opens that product, and the cloud counts the tap for order_done.
export async function picksOnACompletedOrder(ctx: JourneyContext): Promise<void> {
  const { id } = await deliveredShirt(ctx.cloud, consumerA, 'picks', 'SF2026120119')
  await orderCall(ctx.cloud, ACTIONS.order.act, { orderId: id, event: 'complete' }, consumerA)
  const tapped = async () =>
    ((await ctx.cloud.store.find(COLLECTIONS.recStats, { slot: 'order_done' })) as RecStatsRecord[])
      .map((r) => r.tapped?.curated ?? 0)
      .reduce((a, b) => a + b, 0)
  const before = await tapped()

  const phone = await ctx.driverFor(consumerA)
  await phone.open(`pages/order/index?id=${id}`)
  await phone.see('.home-picks--order_done .home-block__title', '为你推荐')
  await phone.see('.home-picks--order_done .home-pick__reason', '店铺精选')
  await phone.tap('.home-picks--order_done .home-pick', '亚麻四件套')
  const opened = await phone.onPage('shop/pages/product/index')
  expect(opened).toMatchObject({ id: 'prod_linen_batch', from: 'order_done', basis: 'curated' })
  await phone.see('.option-chip', '燕麦')
  await waitForValue(tapped, (count) => count === before + 1, 'the tap counted')
  expect(phone.errors()).toEqual([])
}
