// Subscribe messages end to end: the H5 build in a real Chromium against the local cloud and the
// real built functions, with the simulated WeChat sheet (WeChat's own sheet cannot run off WeChat).
// Consumer A submits an order and allows 2 of the 3 messages asked; the merchant confirms (sent:
// one credit spent, the message lands in the local inbox) and starts production (no credit: held,
// shown in the order page as not pushed). The 订阅设置 page shows the ledger and the "always" rule.
import type { Page } from 'playwright-core'
import { templateIdOf } from '@/domain/message-templates'
import type { MessagePurpose, MessageSettings } from '@/domain/messages'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderEvent, OrderRecord } from '@/domain/order-types'
import { DEMO_USERS } from '../../tools/seed/demo'
import { chinaDaytimeToday } from '../helpers/local-cloud'
import { setupH5App, shoot } from './app'
import { openPhonePage } from './browser'
import { answerPaySheet } from './h5-driver'
import { paidOrder } from '../journeys/shop'

const app = setupH5App()
const WAIT = { timeout: 20_000 }
const consumerA = DEMO_USERS.find((user) => user.openid === 'o_demo_consumer_a')!
const merchant = DEMO_USERS.find((user) => user.role === 'merchant')!

type Envelope = { ok: boolean; data?: any } // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(() => {
  // Outside quiet hours (22:00–08:00 China time), whenever the test runs.
  app.cloud.clock.set(chinaDaytimeToday())
})

async function call(fn: string, action: string, payload: object | undefined, openid: string) {
  const event = payload ? { action, payload } : { action }
  const result = (await app.cloud.invoke(fn, event, openid)) as Envelope
  if (!result.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(result)}`)
  return result.data
}

const merchantActs = (orderId: string, event: OrderEvent) =>
  call(FUNCTIONS.order, ACTIONS.order.act, { orderId, event }, merchant.openid)

async function creditsOf(openid: string): Promise<Record<string, number>> {
  const settings = (await call(
    FUNCTIONS.message,
    ACTIONS.message.settings,
    undefined,
    openid,
  )) as MessageSettings
  return Object.fromEntries(settings.items.map((item) => [item.purpose, item.credits]))
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string) {
  for (let i = 0; i < 100; i += 1) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`等待超时：${what}`)
}

async function outboxRow(orderId: string, purpose: MessagePurpose) {
  const rows = await app.cloud.store.find(COLLECTIONS.notificationQueue, { orderId, purpose })
  return rows[0] as { status: string } | undefined
}

/** Whatever the inline drain has not done yet, the message function's timer does. */
async function drained(orderId: string, purpose: MessagePurpose, status: string) {
  await app.cloud.fireTimer(FUNCTIONS.message)
  return eventually(
    () => outboxRow(orderId, purpose),
    (row) => row?.status === status,
    `${purpose} ${status}`,
  )
}

async function submitShirtOrder(page: Page) {
  await page.locator('.product-card[data-id="prod_shirt"]').click()
  await page.locator('.option-picker[data-group="fabric"]').waitFor(WAIT)
  const sizes = { neck: '39', chest: '98', shoulder: '45', sleeve: '62', length: '76' }
  for (const [id, value] of Object.entries(sizes)) {
    const input = page.locator(`.measurement[data-measurement="${id}"] input`)
    await input.fill(value)
    await input.blur()
  }
  await page.locator('.customise .quote__total-amount').waitFor(WAIT)
  await page.locator('.bottom-bar__next').getByText('下一步').click()
  const address = {
    name: '林晓',
    phone: '13812345678',
    region: '上海市 徐汇区',
    detail: '漕溪北路 100 号',
  }
  for (const [field, value] of Object.entries(address)) {
    await page.locator(`.address-field[data-field="${field}"] input`).fill(value)
  }
  await page.locator('.confirm .quote__total-amount').waitFor(WAIT)
  await page.locator('.submit-order').click()
}

const sheetItem = (page: Page, purpose: MessagePurpose) =>
  page.locator(`.subscribe-item[data-template="${templateIdOf(purpose)}"]`)
const row = (page: Page, purpose: MessagePurpose) =>
  page.locator(`.subscription-row[data-purpose="${purpose}"]`)

test('subscribe at submit (2 of 3), the merchant advances: one message sent, one held in-app', async () => {
  const { page, errors } = await openPhonePage(app.browser, app.cloud.url)
  await submitShirtOrder(page)

  // The simulated sheet asks for the submit tap's three messages.
  await page.locator('.subscribe-sheet').waitFor(WAIT)
  await expect(page.locator('.subscribe-item__title').allInnerTexts()).resolves.toEqual([
    '订单确认通知',
    '开始制作通知',
    '发货通知',
  ])
  await sheetItem(page, 'production_started').click()
  await expect(sheetItem(page, 'production_started').innerText()).resolves.toContain('拒绝')
  await shoot(page, 'subscribe-sheet')
  await page.locator('.subscribe-sheet__confirm').click()
  await answerPaySheet(page, 'paid')
  await page.waitForURL(/pages\/order\/index\?id=/, WAIT)

  const [order] = (await app.cloud.store.find(COLLECTIONS.orders, {
    ownerOpenid: consumerA.openid,
  })) as OrderRecord[]
  expect(page.url()).toContain(`id=${order._id}`)
  // Each accept is one credit on the server.
  await eventually(
    () => creditsOf(consumerA.openid),
    (credits) => credits.order_confirmed === 1,
    '授权已记录',
  )
  await expect(creditsOf(consumerA.openid)).resolves.toMatchObject({
    order_confirmed: 1,
    production_started: 0,
    shipped: 1,
  })

  // Confirmed once paid: sent through subscribeMessage.send, with the credit spent.
  await paidOrder(app.cloud, order._id)
  await merchantActs(order._id, 'confirm')
  await drained(order._id, 'order_confirmed', 'sent')
  const inbox = await app.cloud.inbox.list()
  expect(inbox).toHaveLength(1)
  const [message] = inbox
  const [y, m, d] = order.eta.split('-').map(Number)
  expect(message).toMatchObject({
    touser: consumerA.openid,
    templateId: templateIdOf('order_confirmed'),
    // The page carries the message's id, so its open can be counted (message-opened.ts).
    page: expect.stringMatching(new RegExp(`^pages/order/index\\?id=${order._id}&mid=msg_\\w+$`)),
    errcode: 0,
    data: {
      character_string1: { value: order.orderNo },
      thing2: { value: '量体定制衬衫' },
      phrase3: { value: '已确认' },
      amount4: { value: `¥${(order.quote.priceFen / 100).toFixed(2)}` },
      date5: { value: `${y}年${m}月${d}日` },
    },
  })

  // Production starts: no credit for it, so it is held and only shown in the app.
  await merchantActs(order._id, 'purchase_materials')
  await merchantActs(order._id, 'start_production')
  await drained(order._id, 'production_started', 'held')
  await expect(app.cloud.inbox.list()).resolves.toHaveLength(1)

  await page.reload()
  await page.locator('.message-item').nth(1).waitFor(WAIT)
  await expect(page.locator('.message-item__title').allInnerTexts()).resolves.toEqual([
    '开始制作通知',
    '订单确认通知',
    '支付成功通知',
  ])
  await expect(page.locator('.message-item__status').allInnerTexts()).resolves.toEqual([
    '未推送：订阅次数不足',
    '已推送到微信',
    '未推送：订阅次数不足',
  ])
  await expect(page.locator('.message-item').first().innerText()).resolves.toContain(order.orderNo)
  await page.locator('.order-messages').scrollIntoViewIfNeeded()
  await shoot(page, 'order-messages')

  // 订阅设置 shows the ledger: the confirmation's credit is spent, shipping's is left.
  await page.goto(`${app.cloud.url}/#/shop/pages/subscriptions/index`)
  await row(page, 'shipped').waitFor(WAIT)
  await expect(
    row(page, 'order_confirmed').locator('.subscription-row__credits').innerText(),
  ).resolves.toBe('剩余 0 次')
  await expect(
    row(page, 'shipped').locator('.subscription-row__credits').innerText(),
  ).resolves.toBe('剩余 1 次')
  await shoot(page, 'subscriptions')
  expect(errors).toEqual([])
}, 90_000)

test('增加次数 with "always" ticked: the next request shows no sheet but still earns a credit', async () => {
  const { page, errors } = await openPhonePage(
    app.browser,
    `${app.cloud.url}/#/shop/pages/subscriptions/index`,
  )
  const shipped = row(page, 'shipped')
  const credits = shipped.locator('.subscription-row__credits')
  await credits.getByText('剩余 1 次').waitFor(WAIT)

  await shipped.locator('.subscription-row__add').click()
  await page.locator('.subscribe-sheet').waitFor(WAIT)
  await expect(page.locator('.subscribe-item__title').allInnerTexts()).resolves.toEqual([
    '发货通知',
  ])
  await page.locator('.subscribe-sheet__keep').click()
  await page.locator('.subscribe-sheet__confirm').click()
  await credits.getByText('剩余 2 次').waitFor(WAIT)
  await shipped.locator('.subscription-row__always').getByText('总是允许').waitFor(WAIT)

  // Asked again: answered from the standing choice, no sheet, one more credit.
  await shipped.locator('.subscription-row__add').click()
  await credits.getByText('剩余 3 次').waitFor(WAIT)
  await expect(page.locator('.subscribe-sheet').count()).resolves.toBe(0)

  // Turned off: stored on the server, and the row no longer offers more.
  await shipped.locator('.subscription-switch').click()
  await shipped.locator('.subscription-row__add').getByText('已关闭').waitFor(WAIT)
  const settings = (await call(
    FUNCTIONS.message,
    ACTIONS.message.settings,
    undefined,
    consumerA.openid,
  )) as MessageSettings
  expect(settings.items.find((item) => item.purpose === 'shipped')).toMatchObject({
    enabled: false,
    credits: 3,
    always: 'accept',
  })
  expect(errors).toEqual([])
}, 60_000)
