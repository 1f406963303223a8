// The H5 build in a real Chromium, calling the real built cloud functions through the local
// cloud (unmodified wx-server-sdk, PostgreSQL). Run `npm run build:h5` first (npm test does).
import { COLLECTIONS } from '@/domain/names'
import { DEMO_PRODUCTS, DEMO_USERS } from '../../tools/seed/demo'
import { setupH5App, shoot } from './app'
import { openPhonePage } from './browser'
import { waitUntil } from '../helpers/wait'

const app = setupH5App()

test('a consumer opens the app: the server registers them, the catalog comes from the database, and a new customer gets the shop’s picks', async () => {
  const { page, errors } = await openPhonePage(app.browser, app.cloud.url)
  const cards = page.locator('.product-card')
  await cards.first().waitFor({ timeout: 20_000 })
  await expect(cards.count()).resolves.toBe(DEMO_PRODUCTS.length)
  for (const product of DEMO_PRODUCTS) {
    await expect(cards.filter({ hasText: product.name }).count()).resolves.toBe(1)
  }
  // No visit counter any more: the first card is 为你推荐, the shop's picks for a new customer.
  await expect(page.locator('.greeting-visits').count()).resolves.toBe(0)
  await expect(page.locator('.home-pick__reason').first().innerText()).resolves.toBe('店铺精选')
  await shoot(page, 'home')
  const [stored] = await app.cloud.store.find(COLLECTIONS.users, { _id: DEMO_USERS[0].openid })
  expect(stored).toMatchObject({ _id: DEMO_USERS[0].openid })
  expect(errors).toEqual([])
})

test('switching to the merchant identity calls the cloud as that user', async () => {
  const merchant = DEMO_USERS.find((user) => user.role === 'merchant')!
  const { page, errors } = await openPhonePage(app.browser, app.cloud.url)
  await page.locator('.identity-switcher').first().waitFor({ timeout: 20_000 })
  await page.locator('.identity-option', { hasText: merchant.name }).click()
  // The home page registers whoever it is called as.
  await waitUntil(
    async () =>
      (await app.cloud.store.find(COLLECTIONS.users, { _id: merchant.openid })).length === 1,
    'the merchant registered by user.home',
  )
  await page.locator('.home-pick').first().waitFor({ timeout: 20_000 })
  await shoot(page, 'home-merchant')
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
