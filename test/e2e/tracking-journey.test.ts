// Order tracking as a consumer sees it: the H5 build in a real Chromium against the local cloud
// and the real built functions. The order is created and moved through the cloud (as consumer A
// and the merchant); the consumer follows it node by node and chooses a remedy in the browser.
// Screenshots of each consumer page go to docs/screenshots/ (390x844).
import type { Page } from 'playwright-core'
import { addDays, chinaDateOf } from '@/domain/china-date'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderEvent } from '@/domain/order-types'
import { DEMO_USERS } from '../../tools/seed/demo'
import { setupH5App, shoot } from './app'
import { openPhonePage } from './browser'
import { payThroughTheCloud } from '../journeys/shop'

const app = setupH5App()
const [consumerA] = DEMO_USERS.filter((user) => user.role === 'consumer')
const merchant = DEMO_USERS.find((user) => user.role === 'merchant')!

type Envelope = { ok: boolean; code?: string; message?: string; data?: any } // eslint-disable-line @typescript-eslint/no-explicit-any

async function orderCall(action: string, payload: object, openid: string) {
  const result = (await app.cloud.invoke(FUNCTIONS.order, { action, payload }, openid)) as Envelope
  if (!result.ok) throw new Error(`order.${action} failed: ${JSON.stringify(result)}`)
  return result.data
}

const merchantActs = (orderId: string, event: OrderEvent, input?: object) =>
  orderCall('act', { orderId, event, ...(input ? { input } : {}) }, merchant.openid)

async function createShirtOrder(label: string): Promise<string> {
  const { order } = await orderCall(
    'create',
    {
      requestId: `e2e-${label}-${Date.now().toString(36)}`,
      productId: 'prod_shirt',
      selection: {
        options: { fabric: ['egyptian'], collar: ['spread'], cuff: ['french'] },
        measurements: { neck: 39, chest: 98, shoulder: 45.5, sleeve: 62, length: 76 },
        texts: { monogram: 'LX' },
        quantity: 1,
        urgent: false,
      },
      address: {
        name: '林晓',
        phone: '13812345678',
        region: '上海市 徐汇区',
        detail: '漕溪北路 100 号',
      },
    },
    consumerA.openid,
  )
  await payThroughTheCloud(app.cloud, order._id, consumerA.openid) // the merchant confirms paid orders
  return order._id as string
}

const route = (path: string) => `${app.cloud.url}/#/${path}`
const currentTitle = (page: Page) =>
  page.locator('.timeline__item--current .timeline__title').innerText()

test('consumer A follows an order node by node and chooses a remedy; the choice reaches the database', async () => {
  const orderId = await createShirtOrder('track')
  const { page, errors } = await openPhonePage(
    app.browser,
    route(`pages/order/index?id=${orderId}`),
  )
  await page.locator('.order-hero__node').getByText('已提交').waitFor({ timeout: 20_000 })
  await expect(currentTitle(page)).resolves.toBe('已提交')
  await expect(page.locator('.order-action--cancel').count()).resolves.toBe(1)

  // The merchant moves it through the cloud; a reload shows the new node on the timeline.
  await merchantActs(orderId, 'confirm', { note: '已核对尺寸，安排排产' })
  await merchantActs(orderId, 'purchase_materials')
  await page.reload()
  await page.locator('.order-hero__node').getByText('备料中').waitFor({ timeout: 20_000 })
  await expect(currentTitle(page)).resolves.toBe('备料中')
  // 已提交, 已付款 (WeChat's callback), 已确认, 备料中.
  await expect(page.locator('.timeline__item').count()).resolves.toBe(4)
  await expect(page.getByText('已核对尺寸，安排排产').count()).resolves.toBe(1)
  // Past confirmation a consumer can no longer cancel: the server no longer offers it.
  await expect(page.locator('.order-action--cancel').count()).resolves.toBe(0)
  await shoot(page, 'order-detail')

  // The merchant flags a delay and offers two remedies.
  const newEta = addDays(chinaDateOf(new Date()), 20)
  await merchantActs(orderId, 'flag_exception', {
    kind: 'delayed',
    note: '面料延迟到货，预计晚一周',
    offered: [
      { type: 'wait_new_eta', newEta },
      { type: 'coupon', amountFen: 2000 },
    ],
  })
  await page.reload()
  await page.locator('.remedy-option').first().waitFor({ timeout: 20_000 })
  await expect(page.locator('.remedy-option').allInnerTexts()).resolves.toEqual([
    expect.stringContaining(newEta),
    expect.stringContaining('¥20'),
  ])
  await shoot(page, 'order-exception')

  // The consumer picks the coupon and confirms in the modal.
  await page.locator('.remedy-option[data-remedy="coupon"]').click()
  await page.locator('.remedy-submit').click()
  await page.locator('.taro-model__confirm').click()
  await page.locator('.order-exception__chosen').waitFor({ timeout: 20_000 })
  await expect(page.locator('.order-exception__chosen').innerText()).resolves.toContain(
    '领取补偿券',
  )

  const [stored] = await app.cloud.store.find(COLLECTIONS.orders, { _id: orderId })
  expect(stored.exception.choice.remedy).toBe('coupon')
  expect(stored.version).toBe(6) // created, paid, confirmed, materials, flagged, chosen
  expect(errors).toEqual([])
})

test('a stale screen is told the order moved on, and reloads instead of acting', async () => {
  const orderId = await createShirtOrder('stale')
  const { page, errors } = await openPhonePage(
    app.browser,
    route(`pages/order/index?id=${orderId}`),
  )
  await page.locator('.order-action--cancel').waitFor({ timeout: 20_000 })
  await merchantActs(orderId, 'confirm') // the screen still shows version 1

  await page.locator('.order-action--cancel').click()
  await page.locator('.order-cancel__button--confirm').click()
  await page.locator('.taro-model__confirm').click()
  await page.getByText('订单刚刚有了新进展').first().waitFor({ timeout: 20_000 })
  await page.locator('.order-hero__node').getByText('已确认').waitFor({ timeout: 20_000 })

  const [stored] = await app.cloud.store.find(COLLECTIONS.orders, { _id: orderId })
  expect(stored.node).toBe('confirmed')
  expect(errors).toEqual([])
})

test('my orders groups orders by tab and opens the detail', async () => {
  const { page, errors } = await openPhonePage(app.browser, route('pages/orders/index'))
  await page.locator('.order-card').first().waitFor({ timeout: 20_000 })
  // In progress: the confirmed order from the previous test, and the exception one (an open
  // exception keeps an order in 进行中; it is also on 异常).
  await page
    .locator('.order-card__exception')
    .getByText('已选择处理方式')
    .waitFor({ timeout: 20_000 })
  await expect(page.locator('.order-card').count()).resolves.toBe(2)
  await shoot(page, 'orders')

  await page.locator('.orders-tab[data-tab="exceptions"]').click()
  await page
    .locator('.order-card__exception')
    .getByText('已选择处理方式')
    .waitFor({ timeout: 20_000 })
  await expect(page.locator('.order-card').count()).resolves.toBe(1)

  await page.locator('.orders-tab[data-tab="done"]').click()
  await page.getByText('暂无已完成的订单').waitFor({ timeout: 20_000 })

  await page.locator('.orders-tab[data-tab="exceptions"]').click()
  await page.locator('.order-card').first().click()
  await page.locator('.subscribe-sheet__cancel').click()
  await page.locator('.order-exception__chosen').waitFor({ timeout: 20_000 })
  expect(errors).toEqual([])
})

test('mine leads to measurement profiles: consent first, then save, edit list, withdraw', async () => {
  const { page, errors } = await openPhonePage(app.browser, route('pages/mine/index'))
  await page.locator('.mine-entry--profiles').waitFor({ timeout: 20_000 })
  await page.locator('.identity-option').first().waitFor({ timeout: 20_000 })
  await shoot(page, 'mine')

  // A slow list reply (as on a weak phone network) must not leave a form that ignores 保存.
  await page.route('**/cloud/invoke/profile', async (request) => {
    if (request.request().postDataJSON()?.action === ACTIONS.profile.list)
      await new Promise((resolve) => setTimeout(resolve, 1500))
    await request.continue()
  })
  await page.locator('.mine-entry--profiles').click()
  await page.locator('.consent-card__agree').click()
  await page.locator('.profiles-add--body').click()
  await page.locator('.profile-field__input--name input').fill('本人')
  await page.locator('.profile-field__input--neck input').fill('39')
  await page.locator('.profile-field__input--chest input').fill('98.5')
  await page.locator('.profile-button--save').click()
  await page.locator('.profile-card').getByText('本人').waitFor({ timeout: 20_000 })
  await expect(page.locator('.profile-card__values').innerText()).resolves.toContain('胸围 98.5cm')
  await shoot(page, 'profiles')

  const saved = await app.cloud.store.find(COLLECTIONS.measurementProfiles, {
    ownerOpenid: consumerA.openid,
  })
  expect(saved.map((p) => p.values)).toEqual([{ neck: 39, chest: 98.5 }])

  await page.locator('.profiles-withdraw').click()
  await page.locator('.taro-model__confirm').click()
  await page.locator('.consent-card').waitFor({ timeout: 20_000 })
  await expect(
    app.cloud.store.find(COLLECTIONS.measurementProfiles, { ownerOpenid: consumerA.openid }),
  ).resolves.toEqual([])
  expect(errors).toEqual([])
}, 60_000)

test('联系客服 on H5 is a named stand-in: the chat opens in WeChat, and it shows what WeChat is told', async () => {
  const orderId = await createShirtOrder('contact')
  const [order] = await app.cloud.store.find(COLLECTIONS.orders, { _id: orderId })
  const visible = (page: Page, css: string) => page.locator(`${css} >> visible=true`)
  const pages: [string, string][] = [
    [
      `pages/order/index?id=${orderId}`,
      `会话来源 order:${order.orderNo}，可发送卡片「订单 ${order.orderNo}`,
    ],
    ['pages/product/index?id=prod_shirt', '会话来源 product:prod_shirt'],
    ['pages/mine/index', '会话来源 mine'],
  ]
  for (const [path, told] of pages) {
    const { page, errors } = await openPhonePage(app.browser, route(path))
    await visible(page, '.contact-service').click({ timeout: 20_000 })
    await expect(visible(page, '.taro-modal__title').innerText()).resolves.toBe(
      '联系客服（本地环境）',
    )
    const text = await visible(page, '.taro-modal__content').innerText()
    expect(text).toContain('客服会话只在微信中打开')
    expect(text).toContain(told)
    await visible(page, '.taro-model__confirm').click()
    expect(errors).toEqual([])
    await page.context().close()
  }
})
