// 客服 (issue 17): a shipped shirt's owner taps 联系客服 on the order page (WeChat's chat carries
// the order number in session-from; H5 names its stand-in), then, in WeChat's chat, asks 到哪了.
// WeChat pushes both to the `service` function (the local cloud's push stand-in, as WeChat
// would); the function answers at once with the order's node and tracking number through
// customerServiceMessage.send (recorded by the stand-in's 客服 inbox). The merchant's 客服 page
// shows the chat with its order and the automatic answer, waiting for nobody.
import { FUNCTIONS } from '@/domain/names'
import type { JourneyContext } from './driver'
import { consumerA, merchant, merchantActs, placeShirt, storedOrder, toQualityCheck } from './shop'

const TRACKING = 'SF2026120177'

export async function askWhereTheOrderIs(ctx: JourneyContext): Promise<void> {
  const { id } = await placeShirt(ctx.cloud, consumerA, 'customer-service')
  await toQualityCheck(ctx.cloud, id)
  await merchantActs(ctx.cloud, id, 'ship', { carrier: '顺丰速运', trackingNo: TRACKING })
  const { orderNo } = await storedOrder(ctx.cloud, id)

  const phone = await ctx.driverFor(consumerA)
  await phone.open(`pages/order/index?id=${id}`)
  await phone.see('.contact-service', '联系客服')
  expect(phone.errors()).toEqual([])

  // What WeChat pushes once the chat opens from that button, and the question typed in it.
  let at = Math.floor(Date.now() / 1000)
  const push = (event: object) =>
    ctx.cloud.pushMessage(FUNCTIONS.service, {
      FromUserName: consumerA,
      CreateTime: ++at,
      ...event,
    })
  await push({ MsgType: 'event', Event: 'user_enter_tempsession', SessionFrom: `order:${orderNo}` })
  await push({ MsgType: 'text', Content: '请问到哪了', MsgId: `journey_cs_${at}` })

  const answers = (await ctx.cloud.csInbox.list())
    .map((send) => ({ to: send.touser, text: String(send.body.content) }))
    .filter((send) => send.text.includes(orderNo))
  expect(answers).toEqual([{ to: consumerA, text: expect.stringContaining(TRACKING) }])
  expect(answers[0].text).toContain('已发货')

  const shop = await ctx.driverFor(merchant)
  await shop.open('merchant/pages/cs-inbox/index')
  await shop.see('.cs-line', '请问到哪了')
  await shop.see('.cs-line__reply', `自动回复：订单 ${orderNo}`)
  await shop.see('.cs-chat__order', `订单 ${orderNo}`)
  expect(shop.errors()).toEqual([])
}
