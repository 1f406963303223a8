// H5 only (a phone has no reload): reloading 确认下单 or the customise page keeps what the
// customer chose and typed, for the identity that typed it, and the order is still placed once.
import { setupH5App } from './app'
import { h5JourneyContext, type H5Driver } from './h5-driver'
import { ADDRESS_TYPED, SHIRT_SIZES, consumerA, customiseShirt, ordersOf } from '../journeys/shop'

const app = setupH5App()
const ctx = h5JourneyContext(app)

test('a reload on 确认下单 or the product page keeps the draft', async () => {
  const before = await ordersOf(app.cloud, consumerA)
  const phone = (await ctx.driverFor(consumerA)) as H5Driver
  await customiseShirt(phone, '¥479', '法国亚麻')
  await phone.tap('.bottom-bar__next', '下一步')
  await phone.onPage('shop/pages/confirm/index')

  await phone.page.reload()
  await phone.onPage('shop/pages/confirm/index')
  await phone.see('.summary', '法国亚麻')
  await phone.see('.summary', '39.5 cm')
  await expect(phone.count('.state-empty', '没有待提交的订单')).resolves.toBe(0)

  // Back on the customise page, and a reload there: what was typed is still in the form.
  await phone.back()
  await phone.onPage('shop/pages/product/index')
  await phone.page.reload()
  await phone.onPage('shop/pages/product/index')
  await expect(phone.valueOf('.measurement', '领围')).resolves.toBe(SHIRT_SIZES['领围'])
  await phone.see('.quote__total-amount', '¥479')

  await phone.tap('.bottom-bar__next', '下一步')
  await phone.onPage('shop/pages/confirm/index')
  for (const [label, value] of Object.entries(ADDRESS_TYPED)) {
    await phone.fill('.address-field', value, label)
  }
  phone.answerNextPayment('paid')
  await phone.tapAndAnswerSheet('.submit-order', 'reject')
  await expect(phone.paymentAnswered()).resolves.toBe(true)
  await phone.onPage('shop/pages/order/index')
  await expect(ordersOf(app.cloud, consumerA)).resolves.toHaveLength(before.length + 1)
  expect(phone.errors()).toEqual([])
}, 90_000)
