// My orders when the merchant needs the customer's decision: the order stays in 进行中 with its
// call to action, and the 异常 tab carries a badge with the count.
import type { Page } from 'playwright-core'
import { FUNCTIONS } from '@/domain/names'
import { DEMO_USERS } from '../../tools/seed/demo'
import { setupH5App } from './app'
import { openPhonePage } from './browser'

const app = setupH5App()
const [consumerA] = DEMO_USERS.filter((user) => user.role === 'consumer')
const merchant = DEMO_USERS.find((user) => user.role === 'merchant')!
const WAIT = { timeout: 20_000 }

type Envelope = { ok: boolean; data?: any } // eslint-disable-line @typescript-eslint/no-explicit-any

async function orderCall(action: string, payload: object, openid: string) {
  const result = (await app.cloud.invoke(FUNCTIONS.order, { action, payload }, openid)) as Envelope
  if (!result.ok) throw new Error(`order.${action} failed: ${JSON.stringify(result)}`)
  return result.data
}

async function placeShirt(label: string): Promise<string> {
  const { order } = await orderCall(
    'create',
    {
      requestId: `e2e-exc-${label}-${Date.now().toString(36)}`,
      productId: 'prod_shirt',
      selection: {
        options: { fabric: ['oxford'], collar: ['spread'], cuff: ['barrel'] },
        measurements: { neck: 39, chest: 98, shoulder: 45.5, sleeve: 62, length: 76 },
        texts: {},
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
  return order._id
}

/** The ids of the visible order cards, in order. */
const cardIds = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('.order-card'))
      .filter((el) => (el as HTMLElement).offsetParent)
      .map((el) => el.getAttribute('data-id')),
  )

let plain: string
let flagged: string

beforeAll(async () => {
  plain = await placeShirt('plain')
  flagged = await placeShirt('flagged')
  await orderCall(
    'act',
    {
      orderId: flagged,
      event: 'flag_exception',
      input: {
        kind: 'out_of_stock',
        note: '面料缺货',
        offered: [{ type: 'wait_new_eta', newEta: '2099-01-01' }, { type: 'cancel' }],
      },
    },
    merchant.openid,
  )
})

test('an order waiting for my decision stays in 进行中 with its call to action; 异常 shows the count', async () => {
  const { page, errors } = await openPhonePage(app.browser, `${app.cloud.url}/#/pages/orders/index`)
  await page.locator('.orders-tab--active[data-tab="in_progress"] >> visible=true').waitFor(WAIT)
  await page.locator(`.order-card[data-id="${flagged}"] >> visible=true`).waitFor(WAIT)
  expect(await cardIds(page)).toEqual([flagged, plain])
  await expect(
    page
      .locator(`.order-card[data-id="${flagged}"] .order-card__exception >> visible=true`)
      .innerText(),
  ).resolves.toBe('缺货 · 请选择处理方式')
  const badge = page.locator(
    '.orders-tab[data-tab="exceptions"] .orders-tab__badge >> visible=true',
  )
  await expect(badge.innerText()).resolves.toBe('1')

  await page.locator('.orders-tab[data-tab="exceptions"] >> visible=true').click()
  await page.locator('.orders-tab--active[data-tab="exceptions"] >> visible=true').waitFor(WAIT)
  await page.waitForFunction(
    (id) =>
      Array.from(document.querySelectorAll('.order-card'))
        .filter((el) => (el as HTMLElement).offsetParent)
        .map((el) => el.getAttribute('data-id'))
        .join() === id,
    flagged,
    WAIT,
  )
  await expect(badge.innerText()).resolves.toBe('1')
  expect(errors).toEqual([])
}, 60_000)
