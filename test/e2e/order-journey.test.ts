// The order journey in a real Chromium against the H5 build and the local cloud: home -> shirt ->
// customise (an inline error first, then a valid form and the server's live price) -> confirm ->
// submit and pay on the simulated sheet. Double taps and a retry after a lost answer still make
// exactly one order.
import type { Page } from 'playwright-core'
import { chinaDateOf } from '@/domain/china-date'
import { COLLECTIONS } from '@/domain/names'
import type { OrderRecord } from '@/domain/order-types'
import { urgentQuotaId } from '@/domain/pricing'
import { setupH5App, shoot } from './app'
import { openPhonePage } from './browser'
import { answerPaySheet } from './h5-driver'

const app = setupH5App()
const WAIT = { timeout: 20_000 }

const SHIRT = {
  neck: '39.5',
  chest: '96',
  shoulder: '45',
  sleeve: '62',
  length: '75',
}
const ADDRESS = {
  name: '林晓',
  phone: '13812345678',
  region: '上海市 徐汇区',
  detail: '漕溪北路 100 号 2 栋 301',
}

async function customiseShirt(page: Page) {
  await page.locator('.product-card[data-id="prod_shirt"]').click()
  const fabric = page.locator('.option-picker[data-group="fabric"]')
  await fabric.waitFor(WAIT)
  // Linen: +¥80, two more days.
  await expect(fabric.locator('.option-chip[data-choice="linen"]').innerText()).resolves.toContain(
    '+¥80',
  )
  await fabric.locator('.option-chip[data-choice="linen"]').click()

  // Out of range first: the message shows next to that measurement.
  const neck = page.locator('.measurement[data-measurement="neck"]')
  await neck.locator('input').fill('80')
  await neck.locator('input').blur()
  await neck.locator('.measurement__error').getByText('领围应在 30 到 60 cm 之间').waitFor(WAIT)
  await neck.getByText('如何测量').click()
  await neck.getByText('软尺绕喉结下方一圈').waitFor(WAIT)

  for (const [id, value] of Object.entries(SHIRT)) {
    const input = page.locator(`.measurement[data-measurement="${id}"] input`)
    await input.fill(value)
    await input.blur()
  }
  await expect(neck.locator('.measurement__error').count()).resolves.toBe(0)
  // The server's quote: base ¥399 + linen ¥80.
  await page.locator('.customise .quote__total-amount').getByText('¥479').waitFor(WAIT)
  await page.locator('.customise .quote__eta').getByText('预计').waitFor(WAIT)
}

async function fillAddress(page: Page) {
  for (const [field, value] of Object.entries(ADDRESS)) {
    await page.locator(`.address-field[data-field="${field}"] input`).fill(value)
  }
}

async function ordersOf(openid: string) {
  return (await app.cloud.store.find(COLLECTIONS.orders, { ownerOpenid: openid })) as OrderRecord[]
}

test('customise the shirt, confirm, double-tap submit: one order at the server price, paid', async () => {
  const { page, errors } = await openPhonePage(app.browser, app.cloud.url)
  await customiseShirt(page)
  await page.locator('.customise-hero').scrollIntoViewIfNeeded()
  await shoot(page, 'product')

  await page.locator('.bottom-bar__next').getByText('下一步').click()
  const phone = page.locator('.address-field[data-field="phone"]')
  await phone.waitFor(WAIT)
  // An invalid phone shows its message once the field is left.
  await phone.locator('input').fill('12345')
  await phone.locator('input').blur()
  await phone.getByText('请填写 11 位手机号码').waitFor(WAIT)
  await fillAddress(page)
  await expect(page.locator('.address-field__error').count()).resolves.toBe(0)
  await page.locator('.confirm .summary').getByText('法国亚麻').waitFor(WAIT)
  await page.locator('.confirm .summary').getByText('39.5 cm').waitFor(WAIT)
  await page.locator('.confirm .quote__total-amount').getByText('¥479').waitFor(WAIT)
  await shoot(page, 'confirm')

  // Two taps reach the button before the page re-renders (the subscribe sheet would cover it).
  await page.locator('.submit-order').evaluate((button: HTMLElement) => {
    button.click()
    button.click()
  })
  await page.locator('.subscribe-sheet__cancel').click()
  // The simulated sheet says it is one, and shows the stored order's amount.
  const sheet = page.locator('.pay-sheet')
  await sheet.getByText('模拟支付（本地环境）').waitFor(WAIT)
  await expect(page.locator('.pay-sheet__amount').innerText()).resolves.toBe('¥479')
  await shoot(page, 'pay-sheet')
  await answerPaySheet(page, 'paid')
  await page.waitForURL(/pages\/order\/index\?id=.*&paid=1/, WAIT)
  // 支付确认中… until the callback lands; then nothing is left to pay.
  await page.locator('.order-hero__node >> visible=true').getByText('已提交').waitFor(WAIT)
  await page.locator('.payment-panel >> visible=true').waitFor({ state: 'detached', ...WAIT })
  await expect(page.locator('.order-row >> visible=true').getByText('实付').count()).resolves.toBe(
    1,
  )

  const orders = await app.cloud.store.find(COLLECTIONS.orders, {})
  expect(orders).toHaveLength(1)
  const [order] = orders as OrderRecord[]
  expect(order.quote.priceFen).toBe(47900)
  expect(order.selection.measurements).toEqual({
    neck: 39.5,
    chest: 96,
    shoulder: 45,
    sleeve: 62,
    length: 75,
  })
  expect(order.address).toEqual(ADDRESS)
  expect(order.payment).toMatchObject({ state: 'paid', amountFen: 47900 })
  expect(page.url()).toContain(`id=${order._id}`)
  expect(errors).toEqual([])
})

test('a retry after a lost answer reuses the requestId; the address is remembered', async () => {
  const { page } = await openPhonePage(app.browser, app.cloud.url)
  const before = await ordersOf('o_demo_consumer_a')
  await customiseShirt(page)
  await page.locator('.bottom-bar__next').getByText('下一步').click()
  await page.locator('.address-field[data-field="name"]').waitFor(WAIT)
  // A new browser context: nothing remembered yet.
  await fillAddress(page)

  // The first create reaches the cloud, but its answer is lost on the way back.
  const bodies: { requestId?: string }[] = []
  let lose = true
  await page.route('**/cloud/invoke/order', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as {
      action: string
      payload: { requestId?: string }
    }
    if (body.action !== 'create') return route.continue()
    bodies.push(body.payload)
    await route.fetch()
    if (lose) {
      lose = false
      return route.abort('connectionreset')
    }
    return route.continue()
  })
  await page.locator('.submit-order').click()
  await page.locator('.confirm__error').getByText('网络连接失败').waitFor(WAIT)
  await page.locator('.subscribe-sheet__cancel').click()
  await page.locator('.submit-order').click()
  await answerPaySheet(page, 'paid')
  await page.waitForURL(/pages\/order\/index\?id=/, WAIT)

  expect(bodies).toHaveLength(2)
  expect(bodies[0].requestId).toBe(bodies[1].requestId)
  const after = await ordersOf('o_demo_consumer_a')
  expect(after).toHaveLength(before.length + 1)

  // Back on a confirm page, the last address is filled in.
  const again = await page.context().newPage()
  await again.goto(app.cloud.url)
  await customiseShirt(again)
  await again.locator('.bottom-bar__next').getByText('下一步').click()
  const name = again.locator('.address-field[data-field="name"] input')
  await name.waitFor(WAIT)
  await expect(name.inputValue()).resolves.toBe(ADDRESS.name)
}, 60_000)

test('when order.pay fails the order exists: the form stays, says so, and 去订单页支付 opens it', async () => {
  const { page, errors } = await openPhonePage(app.browser, app.cloud.url)
  const before = await ordersOf('o_demo_consumer_a')
  await customiseShirt(page)
  await page.locator('.bottom-bar__next').getByText('下一步').click()
  await page.locator('.address-field[data-field="name"]').waitFor(WAIT)
  await fillAddress(page)
  await page.route('**/cloud/invoke/order', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { action: string }
    return body.action === 'pay' ? route.abort('connectionreset') : route.continue()
  })
  await page.locator('.submit-order').click()
  await page.locator('.subscribe-sheet__cancel').click()
  await page.locator('.confirm__pay-error').getByText('订单已提交，但未能发起支付').waitFor(WAIT)
  await expect(page.locator('.pay-sheet').count()).resolves.toBe(0)
  await expect(page.locator('.address-field[data-field="name"] input').inputValue()).resolves.toBe(
    ADDRESS.name,
  )
  const after = await ordersOf('o_demo_consumer_a')
  expect(after).toHaveLength(before.length + 1)
  const placed = after.find((order) => !before.some((old) => old._id === order._id))!

  await page.unroute('**/cloud/invoke/order')
  await page.locator('.confirm__pay-error .confirm__back').click()
  await page.waitForURL(new RegExp(`pages/order/index\\?id=${placed._id}`), WAIT)
  await page.locator('.payment-panel__title >> visible=true').getByText('待付款').waitFor(WAIT)
  // The lost answer is logged as a network failure; nothing else went wrong.
  expect(
    errors.filter((error) => !error.includes('ERR_CONNECTION_RESET') && !error.includes('[cloud]')),
  ).toEqual([])
}, 60_000)

test("when today's urgent capacity is used up, the urgent channel says so", async () => {
  await app.cloud.store.insertMany(COLLECTIONS.urgentQuotas, [
    { _id: urgentQuotaId('prod_shirt', chinaDateOf(new Date())), count: 3 },
  ])
  const { page } = await openPhonePage(app.browser, app.cloud.url)
  await customiseShirt(page)
  await page.locator('.urgent').getByText('今日加急名额已满').waitFor(WAIT)
})
