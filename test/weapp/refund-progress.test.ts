// The order page re-reads the order while it shows 退款中 (useRefundProgress), and only then: the
// compiled page's cloud calls are counted through the wx stand-in with the page on screen, hidden
// under another page, unloaded, and for orders with no refund on its way.
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { REFUND_POLL } from '@/domain/payment-view'
import { consumerA, orderCall, placeShirt, storedOrder } from '../journeys/shop'
import { waitForValue } from '../helpers/wait'
import { setupWeappApp } from './harness/app'
import { WeappDriver } from './harness/driver'

const app = setupWeappApp(consumerA, { launch: false })
const phone = () => app.phone
const TWO_ROUNDS = 2 * REFUND_POLL.intervalMs + 500

/** How many cloud calls the phone makes over `ms` once what it was doing has finished. */
async function cloudCallsOver(ms: number): Promise<number> {
  await phone().wx.idle()
  const count = () => phone().wx.calls.filter((name) => name === 'cloud.callFunction').length
  const before = count()
  await new Promise((resolve) => setTimeout(resolve, ms))
  return count() - before
}

/** A paid order the customer cancelled whose refund WeChat has not settled (SYSTEMERROR first). */
async function refundOnItsWay(label: string): Promise<string> {
  const { id } = await placeShirt(app.cloud, consumerA, label)
  app.cloud.pay.script({ refund: 'fail_then_succeed' })
  await orderCall(app.cloud, ACTIONS.order.act, { orderId: id, event: 'cancel' }, consumerA)
  expect((await storedOrder(app.cloud, id)).payment.state).toBe('refunding')
  return id
}

async function openOrder(id: string): Promise<WeappDriver> {
  await phone().switchUser(consumerA)
  const driver = new WeappDriver(phone())
  await driver.open(`pages/order/index?id=${id}`)
  return driver
}

test('退款中: re-read every few seconds until 已退款 shows, then no more', async () => {
  const id = await refundOnItsWay('poll-settles')
  const driver = await openOrder(id)
  await driver.see('.payment-panel__title', '退款中')
  expect(await cloudCallsOver(TWO_ROUNDS)).toBeGreaterThanOrEqual(2)

  await app.cloud.fireTimer(FUNCTIONS.order)
  await app.cloud.pay.drain()
  await waitForValue(
    () => storedOrder(app.cloud, id),
    (order) => order.payment.state === 'refunded',
    '退款完成',
  )
  await driver.see('.payment-panel__title', '已退款')
  expect(await cloudCallsOver(TWO_ROUNDS)).toBe(0)
  expect(phone().consoleErrors).toEqual([])
}, 60_000)

test('hidden under another page it stops, back on screen it goes on; unloaded it stops', async () => {
  const id = await refundOnItsWay('poll-hidden')
  const driver = await openOrder(id)
  await driver.see('.payment-panel__title', '退款中')

  await phone().navigateTo('/account/pages/coupons/index')
  await driver.see('.coupons-head')
  expect(await cloudCallsOver(TWO_ROUNDS)).toBe(0)

  await driver.back()
  await driver.see('.payment-panel__title', '退款中')
  expect(await cloudCallsOver(TWO_ROUNDS)).toBeGreaterThanOrEqual(1)

  await phone().redirectTo('/account/pages/coupons/index')
  await driver.see('.coupons-head')
  expect(await cloudCallsOver(TWO_ROUNDS)).toBe(0)
  expect(phone().consoleErrors).toEqual([])
}, 60_000)

test('no refund on its way (paid, unpaid): the page reads the order once', async () => {
  const { id: paid } = await placeShirt(app.cloud, consumerA, 'poll-paid')
  const { id: unpaid } = await placeShirt(app.cloud, consumerA, 'poll-unpaid', { paid: false })
  for (const id of [paid, unpaid]) {
    const driver = await openOrder(id)
    await driver.see('.order-hero__node', '已提交')
    expect(await cloudCallsOver(TWO_ROUNDS)).toBe(0)
  }
}, 60_000)
