// Privacy in a real Chromium against the H5 build: the consent popup (simulated
// onNeedPrivacyAuthorization) stands before address entry, refusing leaves the page, agreeing is
// remembered; on 我的, a consumer exports their data and deletes it after confirming, and an
// existing order still shows its address afterwards.
import type { Page } from 'playwright-core'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { DEMO_USERS } from '../../tools/seed/demo'
import { ADDRESS, createPayload } from '../cloud/order-helpers'
import { setupH5App, shoot } from './app'
import { openPhonePage } from './browser'

const app = setupH5App()
const WAIT = { timeout: 20_000 }
const [consumerA] = DEMO_USERS.filter((user) => user.role === 'consumer')

type Envelope = { ok: boolean; data?: any } // eslint-disable-line @typescript-eslint/no-explicit-any

async function asConsumerA(fn: string, action: string, payload: object) {
  const result = (await app.cloud.invoke(fn, { action, payload }, consumerA.openid)) as Envelope
  if (!result.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(result)}`)
  return result.data
}

async function customiseShirt(page: Page) {
  await page.locator('.product-card[data-id="prod_shirt"]').click()
  const sizes = { neck: '39', chest: '96', shoulder: '45', sleeve: '62', length: '75' }
  await page.locator('.measurement[data-measurement="neck"] input').waitFor(WAIT)
  for (const [id, value] of Object.entries(sizes)) {
    const input = page.locator(`.measurement[data-measurement="${id}"] input`)
    await input.fill(value)
    await input.blur()
  }
  await page.locator('.customise .quote__total-amount').waitFor(WAIT)
}

/** Whether a tap on the name field would reach it (false while a popup covers the page). */
const addressTappable = (page: Page) =>
  page
    .locator('.address-field[data-field="name"] input')
    .click({ trial: true, timeout: 1_500 })
    .then(
      () => true,
      () => false,
    )

test('the privacy consent comes before address entry; refusing leaves, agreeing is remembered', async () => {
  const { page, errors } = await openPhonePage(app.browser, app.cloud.url, {
    privacyAgreed: false,
  })
  await customiseShirt(page)
  await page.locator('.bottom-bar__next').getByText('下一步').click()

  const popup = page.locator('.privacy-consent')
  await popup.waitFor(WAIT)
  await expect(popup.innerText()).resolves.toContain('填写收货地址前，请阅读并同意')
  await expect(addressTappable(page)).resolves.toBe(false)
  await popup.getByText('《柔性定制隐私保护指引》').click()
  await popup
    .locator('.privacy-consent__guide')
    .getByText('手机号打码显示', { exact: false })
    .waitFor(WAIT)
  await shoot(page, 'privacy-consent')

  // 不同意: back to the product page, nothing stored.
  await popup.locator('.privacy-consent__disagree').click()
  await page.locator('.confirm').waitFor({ state: 'detached', ...WAIT })
  await expect(page.locator('.address-field').count()).resolves.toBe(0)
  await expect(
    page.evaluate((openid) => localStorage.getItem(`privacy.agreed.${openid}`), consumerA.openid),
  ).resolves.toBeNull()

  // Next time it asks again; 同意 lets the address be entered and is remembered.
  await page.locator('.bottom-bar__next').getByText('下一步').click()
  await popup.waitFor(WAIT)
  await popup.locator('.privacy-consent__agree').click()
  await popup.waitFor({ state: 'detached', ...WAIT })
  await expect(addressTappable(page)).resolves.toBe(true)
  await page.locator('.address-field[data-field="name"] input').fill(ADDRESS.name)
  await page.goBack()
  await page.locator('.confirm').waitFor({ state: 'detached', ...WAIT })
  await page.locator('.bottom-bar__next').getByText('下一步').click()
  await page.locator('.address-field[data-field="name"] input').waitFor(WAIT)
  await expect(page.locator('.privacy-consent').count()).resolves.toBe(0)
  expect(errors).toEqual([])
})

test('我的: export shows what is held; delete asks first, erases profiles, orders keep the address', async () => {
  await asConsumerA(FUNCTIONS.profile, 'consent', { granted: true })
  await asConsumerA(FUNCTIONS.profile, 'save', {
    name: '我的衬衫',
    values: { chest: 96, neck: 39 },
  })
  const { order } = await asConsumerA(FUNCTIONS.order, 'create', createPayload())
  const profilesOfA = () =>
    app.cloud.store.find(COLLECTIONS.measurementProfiles, { ownerOpenid: consumerA.openid })
  expect(await profilesOfA()).toHaveLength(1)

  const { page, errors } = await openPhonePage(app.browser, `${app.cloud.url}/#/pages/mine/index`)
  const section = page.locator('.personal-data')
  await section.locator('.personal-data__export').click()
  const exported = section.locator('.personal-data__exported')
  await exported.waitFor(WAIT)
  const rows = exported.locator('.personal-data__row')
  await expect(rows.filter({ hasText: '量体档案' }).innerText()).resolves.toContain('1 份')
  await expect(rows.filter({ hasText: '订单收货信息' }).innerText()).resolves.toContain('1 条')
  await expect(rows.filter({ hasText: '量体授权' }).innerText()).resolves.toContain('已授权')
  await shoot(page, 'mine-data')

  // Cancelling the confirmation erases nothing.
  await section.locator('.personal-data__delete').click()
  await page.locator('.taro-model__cancel').click()
  await expect(section.locator('.personal-data__deleted').count()).resolves.toBe(0)
  expect(await profilesOfA()).toHaveLength(1)

  await section.locator('.personal-data__delete').click()
  await page.locator('.taro-model__confirm').click()
  const deleted = section.locator('.personal-data__deleted')
  await deleted.waitFor(WAIT)
  await expect(deleted.innerText()).resolves.toContain('量体档案 1 份')
  await expect(deleted.innerText()).resolves.toContain('已下的订单保留收货信息')
  expect(await profilesOfA()).toEqual([])

  // The order page still shows where it goes.
  await page.goto(`${app.cloud.url}/#/pages/order/index?id=${order._id}`)
  await page.getByText(ADDRESS.detail, { exact: false }).first().waitFor(WAIT)
  const [stored] = await app.cloud.store.find(COLLECTIONS.orders, { _id: order._id })
  expect(stored.address).toEqual(ADDRESS)
  expect(errors).toEqual([])
})
