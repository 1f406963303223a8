// What only the weapp build does, on the compiled bundle: cloud init before the first call, the
// custom tab bar, WeChat's privacy authorisation, the subscribe sheet's rules (inside the tap,
// getSetting's "always", fail codes), and 联系客服 as WeChat's contact button. Each scenario
// starts a fresh phone (switchUser).
import { templateIdOf } from '@/domain/message-templates'
import { prefsId, subscriptionId } from '@/domain/message-policy'
import { COLLECTIONS } from '@/domain/names'
import { consumerA, consumerB, merchant, merchantActs, placeShirt } from '../journeys/shop'
import { setupWeappApp } from './harness/app'
import { WeappDriver } from './harness/driver'
import { attributeOf } from './harness/mini-program'
import { findAll, waitFor, waitForText, waitUntil } from './harness/screen'

const app = setupWeappApp(consumerA, { launch: false })
const phone = () => app.phone
const find = (collection: string, id: string) => app.cloud.store.find(collection, { _id: id })

async function shippedOrder(label: string): Promise<string> {
  const { id } = await placeShirt(app.cloud, consumerA, label)
  for (const event of ['confirm', 'purchase_materials', 'start_production', 'start_quality_check'])
    await merchantActs(app.cloud, id, event as never)
  await merchantActs(app.cloud, id, 'ship', { carrier: '顺丰速运', trackingNo: 'SF1234567890' })
  return id
}

test('a cold start initialises the cloud first, registers the caller once and shows the consumer tabs', async () => {
  await phone().switchUser(consumerB)
  await waitFor(phone(), '.product-card')
  await waitFor(phone(), '.home-pick__reason', '店铺精选')
  await phone().wx.idle()
  const calls = phone().wx.calls
  expect(calls.indexOf('cloud.init')).toBeGreaterThanOrEqual(0)
  expect(calls.indexOf('cloud.init')).toBeLessThan(calls.indexOf('cloud.callFunction'))
  // The home page registers the caller; the tab bar's merchant check writes nothing.
  const [user] = await find(COLLECTIONS.users, consumerB)
  expect(user.visits).toBe(1)
  expect(findAll(phone(), '.tab-bar__item').map((item) => item.textContent)).toEqual([
    '首页',
    '订单',
    '我的',
  ])
  expect(phone().consoleErrors).toEqual([])
})

test("the merchant's tab bar adds 商家, which opens the board in the subpackage", async () => {
  await phone().switchUser(merchant)
  phone().tap(await waitFor(phone(), '.tab-bar__item--merchant', '商家'))
  await waitUntil(() => phone().current.route === 'merchant/pages/board/index', '商家看板')
  await waitFor(phone(), '.board-node')
  phone().tap(await waitFor(phone(), '.board-node'))
  expect(phone().consoleErrors).toEqual([])
})

test('tabs switch in place: tab pages stay alive, other pages close', async () => {
  await phone().switchUser(consumerA)
  phone().tap(await waitFor(phone(), '.tab-bar__item', '我的'))
  await waitUntil(() => phone().current.route === 'pages/mine/index', '我的')
  phone().tap(await waitFor(phone(), '.tab-bar__item', '首页'))
  await waitUntil(() => phone().current.route === 'pages/index/index', '首页')
  expect(phone().pages.map((page) => page.route)).toEqual(['pages/index/index'])
})

test('opening tracking asks for messages inside the tap; getSetting\'s "always" reaches the ledger', async () => {
  await placeShirt(app.cloud, consumerA, 'tracking-tap')
  await phone().switchUser(consumerA)
  const always = templateIdOf('delivery_window')
  phone().wx.subscriptionsSetting = { mainSwitch: true, itemSettings: { [always]: 'accept' } }
  const driver = new WeappDriver(phone())
  await driver.tap('.tab-bar__item', '订单')
  const offered = await driver.tapAndAnswerSheet('.order-card', 'accept')
  expect(offered).toBe(3)
  expect(phone().wx.subscribeOutsideTap).toEqual([])
  expect(phone().wx.calls).toContain('getSetting')
  const window = await waitUntil(async () => {
    const [row] = await find(
      COLLECTIONS.subscriptions,
      subscriptionId(consumerA, 'delivery_window'),
    )
    return row as { credits: number; always: string | null } | undefined
  }, '台账')
  expect(window).toMatchObject({ always: 'accept' })
  expect(window.credits).toBeGreaterThanOrEqual(1)
})

test('a sheet that fails with 20004 (subscriptions switched off) records the main switch off', async () => {
  await phone().switchUser(consumerB)
  await placeShirt(app.cloud, consumerB, 'switched-off')
  phone().wx.subscribeAnswer = () => ({
    errCode: 20004,
    errMsg: 'requestSubscribeMessage:fail:The main switch is switched off',
  })
  const driver = new WeappDriver(phone())
  await driver.tap('.tab-bar__item', '订单')
  await driver.tap('.order-card')
  await waitUntil(async () => {
    const [prefs] = await find(COLLECTIONS.subscriptions, prefsId(consumerB))
    return prefs?.mainSwitch === false
  }, '总开关关闭已记录')
})

test.each([
  [10002, 'requestSubscribeMessage:fail network error'],
  [10005, 'requestSubscribeMessage:fail can not show UI'],
  [20001, 'requestSubscribeMessage:fail No template data return'],
])(
  'a sheet failing with %i records nothing and the tap still opens the order',
  async (errCode, errMsg) => {
    await phone().switchUser(consumerB)
    const { id } = await placeShirt(app.cloud, consumerB, `fail-${errCode}`)
    const ledger = () => app.cloud.store.find(COLLECTIONS.subscriptions, { ownerOpenid: consumerB })
    const before = await ledger()
    phone().wx.subscribeAnswer = () => ({ errCode, errMsg })
    const driver = new WeappDriver(phone())
    await driver.tap('.tab-bar__item', '订单')
    await driver.tap('.order-card')
    await expect(driver.onPage('shop/pages/order/index')).resolves.toMatchObject({ id })
    await phone().wx.idle()
    await expect(ledger()).resolves.toEqual(before)
  },
)

test('outside a tap WeChat refuses the sheet: the stand-in answers as the base library does', async () => {
  await phone().switchUser(consumerA)
  const request = (phone().wx.wx as Record<string, (o: object) => Promise<unknown>>)
    .requestSubscribeMessage
  await expect(request({ tmplIds: [templateIdOf('shipped')] })).rejects.toMatchObject({
    errMsg: expect.stringContaining('TAP gesture'),
  })
})

test('copying the tracking number waits for privacy consent; the agree button lets it through', async () => {
  const id = await shippedOrder('privacy')
  await phone().switchUser(consumerA)
  phone().wx.privacyNeeded = true
  await phone().reLaunch(`/pages/order/index?id=${id}`)
  phone().tap(await waitFor(phone(), '.order-row--tap', 'SF1234567890'))
  await waitFor(phone(), '.privacy-consent__title', '隐私保护提示')
  expect(phone().wx.clipboard).toBe('')
  phone().tap(await waitFor(phone(), '.privacy-consent__agree'))
  await waitUntil(() => phone().wx.clipboard === 'SF1234567890', '复制运单号')
  await waitUntil(() => findAll(phone(), '.privacy-consent__title').length === 0, '弹窗关闭')
  // The value WeChat's resolve() returned must never be called (e.g. as an effect's cleanup).
  expect(phone().wx.privacyResolveResultCalls).toBe(0)
  expect(phone().consoleErrors).toEqual([])
})

test("the merchant's copy of the address waits for privacy consent too", async () => {
  const { id } = await placeShirt(app.cloud, consumerA, 'merchant-privacy')
  await phone().switchUser(merchant)
  phone().wx.privacyNeeded = true
  await phone().reLaunch(`/merchant/pages/order/index?id=${id}`)
  phone().tap(await waitFor(phone(), '.m-order-address', '漕溪北路 100 号'))
  phone().tap(await waitFor(phone(), '.privacy-consent__agree'))
  await waitUntil(() => phone().wx.clipboard.includes('漕溪北路 100 号'), '复制收货信息')
  expect(phone().consoleErrors).toEqual([])
})

test('a stale screen answers CONFLICT with a readable message and shows the new node', async () => {
  const { id } = await placeShirt(app.cloud, consumerA, 'stale')
  await phone().switchUser(consumerA)
  const driver = new WeappDriver(phone())
  await driver.open(`pages/order/index?id=${id}`)
  await driver.see('.order-action--cancel')
  await merchantActs(app.cloud, id, 'confirm')
  await driver.tap('.order-action--cancel')
  await driver.tapAndAnswerModal('.order-cancel__button--confirm', true)
  await waitForText(phone(), '订单刚刚有了新进展')
  await driver.see('.order-hero__node', '已确认')
  const [order] = await find(COLLECTIONS.orders, id)
  expect(order.node).toBe('confirmed')
})

test("联系客服 is WeChat's contact button, told the order number and offered the order's card", async () => {
  const { id, orderNo } = await placeShirt(app.cloud, consumerA, 'contact')
  await phone().switchUser(consumerA)
  const driver = new WeappDriver(phone())
  const contactButton = async () => {
    const [button] = findAll(phone(), '.contact-service')
    expect(button?.tagName.toLowerCase()).toBe('wx-button')
    return (name: string) => attributeOf(button!, name)
  }

  await driver.open(`pages/order/index?id=${id}`)
  await driver.see('.contact-service', '联系客服')
  const onOrder = await contactButton()
  expect(onOrder('openType')).toBe('contact')
  expect(onOrder('sessionFrom')).toBe(`order:${orderNo}`)
  expect(onOrder('showMessageCard')).toBe(true)
  expect(onOrder('sendMessagePath')).toBe(`/pages/order/index?id=${id}`)
  expect(onOrder('sendMessageTitle')).toContain(orderNo)

  await driver.open('pages/product/index?id=prod_shirt')
  await driver.see('.contact-service', '联系客服')
  const onProduct = await contactButton()
  expect(onProduct('openType')).toBe('contact')
  expect(onProduct('sessionFrom')).toBe('product:prod_shirt')
  expect(onProduct('showMessageCard')).toBe(false)

  await driver.open('pages/mine/index')
  await driver.see('.contact-service', '联系客服')
  const onMine = await contactButton()
  expect(onMine('openType')).toBe('contact')
  expect(onMine('sessionFrom')).toBe('mine')
  expect(phone().consoleErrors).toEqual([])
})
