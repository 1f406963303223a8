// The H5 build in a real Chromium, calling the real built cloud functions through the local
// cloud (unmodified wx-server-sdk, PostgreSQL). Run `npm run build:h5` first (npm test does).
import { COLLECTIONS } from '@/domain/names'
import { DEMO_PRODUCTS, DEMO_USERS } from '../../tools/seed/demo'
import { setupH5App, shoot } from './app'
import { openPhonePage } from './browser'

const app = setupH5App()

test('a consumer opens the app, the server counts the visit, and the catalog comes from the database', async () => {
  const { page, errors } = await openPhonePage(app.browser, app.cloud.url)
  const cards = page.locator('.product-card')
  await cards.first().waitFor({ timeout: 20_000 })
  await expect(cards.count()).resolves.toBe(DEMO_PRODUCTS.length)
  for (const product of DEMO_PRODUCTS) {
    await expect(page.getByText(product.name).count()).resolves.toBe(1)
  }
  await expect(page.locator('.greeting-visits').innerText()).resolves.toContain('第 1 次')
  await shoot(page, 'home')

  await page.reload()
  await page.locator('.greeting-visits').getByText('第 2 次').waitFor({ timeout: 20_000 })
  const [stored] = await app.cloud.store.find(COLLECTIONS.users, { _id: DEMO_USERS[0].openid })
  expect(stored.visits).toBe(2)
  expect(errors).toEqual([])
})

test('switching to the merchant identity calls the cloud as that user', async () => {
  const merchant = DEMO_USERS.find((user) => user.role === 'merchant')!
  const { page, errors } = await openPhonePage(app.browser, app.cloud.url)
  await page.locator('.identity-switcher').first().waitFor({ timeout: 20_000 })
  await page.locator('.identity-option', { hasText: merchant.name }).click()
  await page.locator('.greeting-role').getByText('商家').waitFor({ timeout: 20_000 })
  await shoot(page, 'home-merchant')
  const [stored] = await app.cloud.store.find(COLLECTIONS.users, { _id: merchant.openid })
  expect(stored.visits).toBe(1)
  expect(errors).toEqual([])
})

test('when the cloud fails, the consumer sees a readable error and can retry', async () => {
  const { page } = await openPhonePage(app.browser, 'about:blank')
  await page.route('**/cloud/invoke/**', (route) => route.abort('connectionrefused'))
  await page.goto(app.cloud.url)
  await page.getByText('网络连接失败').first().waitFor({ timeout: 20_000 })
  await shoot(page, 'home-error')
  await page.unroute('**/cloud/invoke/**')
  await page.locator('.state-retry').click()
  await page.locator('.product-card').first().waitFor({ timeout: 20_000 })
})
