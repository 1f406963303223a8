// A consumer who opens a merchant page's URL (a shared link, a guessed path) sees nothing of the
// merchant's screen: while user.role has not answered the page shows only a loading state, and
// then only the refusal. Each page is opened with user.role held back, to catch anything drawn
// before the role is known.
import type { Page } from 'playwright-core'
import { FUNCTIONS } from '@/domain/names'
import { consumerA, placeShirt } from '../journeys/shop'
import { setupH5App } from './app'
import { newPhoneContext } from './browser'

const app = setupH5App()

const REFUSAL = '仅商家可以进行此操作'

/** Text only the merchant's screens carry, per page (the shared nav is checked on every page). */
const PAGES: [string, string[]][] = [
  ['board', ['只看急单', '全部商品', '逾期']],
  ['order', ['定制详情', '收货地址', '当前没有可执行的操作']],
  ['stock', ['补货任务', '新增物料']],
  ['batches', ['取消拼单', '提前开工']],
  ['appointments', ['新增时段', '加入待发布', '的预约']],
  ['dashboard', ['逾期']],
  ['dead-letters', ['没有发送失败的消息']],
  ['cs-inbox', ['还没有客服消息', '无法在此回复']],
  ['insights', ['商品漏斗', '列表曝光', '商品需求']],
]

async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText)
}

async function expectNothingOfTheMerchant(page: Page, texts: string[]) {
  const shown = await visibleText(page)
  for (const text of texts) expect(shown).not.toContain(text)
  await expect(page.locator('.merchant-nav >> visible=true').count()).resolves.toBe(0)
}

let ownOrderId: string

beforeAll(async () => {
  ownOrderId = (await placeShirt(app.cloud, consumerA, 'access')).id
})

test.each(PAGES)(
  'a consumer opening merchant page %s sees only the refusal',
  async (name, texts) => {
    const query = name === 'order' ? `?id=${ownOrderId}` : ''
    const page = await (await newPhoneContext(app.browser)).newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    // Hold user.role until the page has had time to draw whatever it draws before knowing the role.
    let release = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route(`**/cloud/invoke/${FUNCTIONS.user}`, async (request) => {
      await released
      await request.fulfill({ response: await request.fetch() })
    })
    await page.goto(`${app.cloud.url}/#/merchant/pages/${name}/index${query}`)
    await page.locator('.taro_page >> visible=true').first().waitFor({ timeout: 20_000 })
    await page.waitForTimeout(1500)
    await expectNothingOfTheMerchant(page, texts)
    expect(await visibleText(page)).not.toContain(REFUSAL)

    release()
    await page.getByText(REFUSAL).first().waitFor({ timeout: 20_000 })
    await page.waitForTimeout(500)
    await expectNothingOfTheMerchant(page, texts)
    expect(errors).toEqual([])
    await page.context().close()
  },
  60_000,
)
