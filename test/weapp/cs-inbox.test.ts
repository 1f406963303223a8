// 客服消息 on the weapp build: a customer's pushed messages show in the merchant's page with the
// chat's order (beside an image too), the automatic answers and 待人工回复; a reply goes out through the 客服 inbox and
// the chat stops waiting; tapping the order opens it; 客服 in the nav.
import { FUNCTIONS } from '@/domain/names'
import { consumerA, merchant, merchantActs, placeShirt, storedOrder } from '../journeys/shop'
import { setupWeappApp } from './harness/app'
import { WeappDriver } from './harness/driver'
import { waitForText } from './harness/screen'

const app = setupWeappApp(merchant, { launch: false })

test('a pushed chat shows with its order, the automatic answer and 待人工回复; the merchant replies', async () => {
  const { id } = await placeShirt(app.cloud, consumerA, 'cs-inbox')
  await merchantActs(app.cloud, id, 'confirm')
  const { orderNo } = await storedOrder(app.cloud, id)
  let at = Math.floor(Date.now() / 1000)
  const push = (event: object) =>
    app.cloud.pushMessage(FUNCTIONS.service, {
      FromUserName: consumerA,
      CreateTime: ++at,
      ...event,
    })
  await push({ MsgType: 'event', Event: 'user_enter_tempsession', SessionFrom: `order:${orderNo}` })
  await push({ MsgType: 'text', Content: '衬衫到哪了', MsgId: 'weapp_1' })
  await push({ MsgType: 'text', Content: '领口能改大一点吗', MsgId: 'weapp_2' })
  await push({ MsgType: 'image', PicUrl: 'http://p/collar', MediaId: 'm_collar', MsgId: 'weapp_3' })

  await app.phone.switchUser(merchant)
  const driver = new WeappDriver(app.phone)
  await driver.open('merchant/pages/cs-inbox/index')
  await driver.see('.merchant-nav__item--active', '客服')
  await driver.see('.cs-chat__badge', '待人工回复')
  await driver.see('.cs-line', '衬衫到哪了')
  await driver.see('.cs-line__reply', `自动回复：订单 ${orderNo}`)
  await driver.see('.cs-line__meta', '待人工回复')
  // The first message for a person tells the customer so; the image shows the chat's order.
  await driver.see('.cs-line__reply', '自动回复：已转人工客服')
  await driver.see('.cs-line', '[图片]')
  await driver.see('.cs-line__order', `订单 ${orderNo}`)
  await driver.fill('.cs-reply__text', '可以，请发来新的领围')
  await driver.tap('.cs-reply__send', '发送')
  await driver.see('.cs-line', '商家回复：可以，请发来新的领围')
  await driver.notSee('.cs-chat__badge', '待人工回复')
  const sent = (await app.cloud.csInbox.list()).map((send) => send.body.content)
  expect(sent).toContain('可以，请发来新的领围')
  await driver.tap('.cs-chat__order', `订单 ${orderNo}`)
  await waitForText(app.phone, '定制详情') // the merchant's order page
  expect(app.phone.consoleErrors).toEqual([])
}, 60_000)
