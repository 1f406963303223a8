// The H5 build in a real Chromium, calling the real built cloud functions through the local
// cloud (unmodified wx-server-sdk, PostgreSQL). Run `npm run build:h5` first (npm test does).
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { COLLECTIONS } from '@/domain/names'
import { FUNCTIONS_ROOT, PROJECT_ROOT } from '../../tools/build-cloudfunctions'
import { DEMO_PRODUCTS, DEMO_USERS, seedDemo } from '../../tools/seed/demo'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { launchChromium, openPhonePage } from './browser'

const H5_DIR = join(PROJECT_ROOT, 'dist', 'h5')
const SHOTS_DIR = join(PROJECT_ROOT, 'test-results')

let cloud: TestCloud
let browser: Browser

beforeAll(async () => {
  if (!existsSync(join(H5_DIR, 'index.html'))) {
    throw new Error('缺少 H5 构建：先运行 npm run build:h5')
  }
  mkdirSync(SHOTS_DIR, { recursive: true })
  cloud = await startTestCloud({
    functionsRoot: FUNCTIONS_ROOT,
    users: DEMO_USERS,
    staticDir: H5_DIR,
  })
  await seedDemo(cloud.store)
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await cloud?.stop()
})

test('a consumer opens the app, the server counts the visit, and the catalog comes from the database', async () => {
  const { page, errors } = await openPhonePage(browser, cloud.url)
  const cards = page.locator('.product-card')
  await cards.first().waitFor({ timeout: 20_000 })
  await expect(cards.count()).resolves.toBe(DEMO_PRODUCTS.length)
  for (const product of DEMO_PRODUCTS) {
    await expect(page.getByText(product.name).count()).resolves.toBe(1)
  }
  await expect(page.locator('.greeting-visits').innerText()).resolves.toContain('第 1 次')
  await page.screenshot({ path: join(SHOTS_DIR, 'home-consumer.png') })

  await page.reload()
  await page.locator('.greeting-visits').getByText('第 2 次').waitFor({ timeout: 20_000 })
  const [stored] = await cloud.store.find(COLLECTIONS.users, { _id: DEMO_USERS[0].openid })
  expect(stored.visits).toBe(2)
  expect(errors).toEqual([])
})

test('switching to the merchant identity calls the cloud as that user', async () => {
  const merchant = DEMO_USERS.find((user) => user.role === 'merchant')!
  const { page, errors } = await openPhonePage(browser, cloud.url)
  await page.locator('.identity-switcher').first().waitFor({ timeout: 20_000 })
  await page.locator('.identity-option', { hasText: merchant.name }).click()
  await page.locator('.greeting-role').getByText('商家').waitFor({ timeout: 20_000 })
  await page.screenshot({ path: join(SHOTS_DIR, 'home-merchant.png') })
  const [stored] = await cloud.store.find(COLLECTIONS.users, { _id: merchant.openid })
  expect(stored.visits).toBe(1)
  expect(errors).toEqual([])
})

test('when the cloud fails, the consumer sees a readable error and can retry', async () => {
  const { page } = await openPhonePage(browser, 'about:blank')
  await page.route('**/cloud/invoke/**', (route) => route.abort('connectionrefused'))
  await page.goto(cloud.url)
  await page.getByText('网络连接失败').first().waitFor({ timeout: 20_000 })
  await page.screenshot({ path: join(SHOTS_DIR, 'home-error.png') })
  await page.unroute('**/cloud/invoke/**')
  await page.locator('.state-retry').click()
  await page.locator('.product-card').first().waitFor({ timeout: 20_000 })
})
