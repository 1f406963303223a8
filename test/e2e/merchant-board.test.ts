// The merchant's board as a first merchant meets it: it opens on the first column with orders
// waiting, the 逾期 and 异常 cards open their lists, and coming back from an order shows what was
// just done there without a pull-down.
import type { Page } from 'playwright-core'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { DEMO_USERS } from '../../tools/seed/demo'
import { setupH5App } from './app'
import { newPhoneContext } from './browser'

const app = setupH5App()
const [consumerA] = DEMO_USERS.filter((user) => user.role === 'consumer')
const merchant = DEMO_USERS.find((user) => user.role === 'merchant')!

type Envelope = { ok: boolean; data?: any } // eslint-disable-line @typescript-eslint/no-explicit-any

async function orderCall(action: string, payload: object, openid: string) {
  const result = (await app.cloud.invoke(FUNCTIONS.order, { action, payload }, openid)) as Envelope
  if (!result.ok) throw new Error(`order.${action} failed: ${JSON.stringify(result)}`)
  return result.data
}

async function placeConfirmedShirt(label: string): Promise<{ id: string; orderNo: string }> {
  const { order } = await orderCall(
    'create',
    {
      requestId: `e2e-board-${label}-${Date.now().toString(36)}`,
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
  await orderCall('act', { orderId: order._id, event: 'confirm' }, merchant.openid)
  return { id: order._id, orderNo: order.orderNo }
}

const OVERDUE = { id: 'ord_e2e_board_overdue', orderNo: '20200101-OVERDUE1' }
const count = (page: Page, node: string) =>
  page.locator(`.board-node[data-node="${node}"] .board-node__count >> visible=true`).innerText()

/** Waits until exactly these orders are the visible rows (lists reload in place). */
async function rowsAre(page: Page, orderNos: string[]) {
  await page.waitForFunction(
    (expected) => {
      const shown = Array.from(document.querySelectorAll('.board-order'))
        .filter((el) => (el as HTMLElement).offsetParent)
        .map((el) => el.getAttribute('data-order-no'))
      return JSON.stringify(shown.sort()) === JSON.stringify([...expected].sort())
    },
    orderNos,
    { timeout: 20_000 },
  )
}

let plain: { id: string; orderNo: string }
let flagged: { id: string; orderNo: string }
let page: Page
const errors: string[] = []

beforeAll(async () => {
  // Nothing waits at 已提交: everything has been confirmed.
  plain = await placeConfirmedShirt('plain')
  flagged = await placeConfirmedShirt('flagged')
  await orderCall(
    'act',
    {
      orderId: flagged.id,
      event: 'flag_exception',
      input: { kind: 'delayed', note: '布料延迟', offered: [{ type: 'cancel' }] },
    },
    merchant.openid,
  )
  // An order already past its ETA, written directly (there is no clock to move).
  const [template] = await app.cloud.store.find(COLLECTIONS.orders, { _id: plain.id })
  await app.cloud.store.insertMany(COLLECTIONS.orders, [
    {
      ...template,
      _id: OVERDUE.id,
      orderNo: OVERDUE.orderNo,
      requestId: 'e2e-board-overdue',
      eta: '2020-01-01',
    },
  ])
  const context = await newPhoneContext(app.browser)
  // The H5 identity switcher's stored choice (services/local-identity.ts): the merchant.
  await context.addInitScript(
    (openid) => localStorage.setItem('localCloud.openid', JSON.stringify({ data: openid })),
    merchant.openid,
  )
  page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${app.cloud.url}/#/merchant/pages/board/index`)
}, 60_000)

test('the board opens on the first column with orders waiting', async () => {
  await page.locator('.board-node--active[data-node="confirmed"] >> visible=true').waitFor({
    timeout: 20_000,
  })
  await rowsAre(page, [plain.orderNo, flagged.orderNo, OVERDUE.orderNo])
  await expect(count(page, 'submitted')).resolves.toBe('0')
  expect(errors).toEqual([])
})

test('the 异常 and 逾期 cards open their lists, and 返回看板 goes back', async () => {
  await page.locator('.board-summary__item--exceptions >> visible=true').click()
  await page.locator('.board-focus >> visible=true').waitFor({ timeout: 10_000 })
  await rowsAre(page, [flagged.orderNo])
  await page.locator('.board-summary__item--overdue >> visible=true').click()
  await rowsAre(page, [OVERDUE.orderNo])
  await page.locator('.board-focus__back >> visible=true').click()
  await page.locator('.board-node[data-node="confirmed"] >> visible=true').click()
  await rowsAre(page, [plain.orderNo, flagged.orderNo, OVERDUE.orderNo])
  expect(errors).toEqual([])
})

test('coming back from an order shows its new node in the counts and the list', async () => {
  await page.locator('.board-node[data-node="confirmed"] >> visible=true').click()
  await rowsAre(page, [plain.orderNo, flagged.orderNo, OVERDUE.orderNo])
  await expect(count(page, 'confirmed')).resolves.toBe('3')
  await page.locator(`.board-order[data-order-no="${plain.orderNo}"] >> visible=true`).click()
  await page.locator('.m-order-action--purchase_materials >> visible=true').click()
  await page.locator('.action-form__submit >> visible=true').click()
  await page
    .locator('.m-order-hero__node >> visible=true')
    .getByText('备料中')
    .waitFor({ timeout: 20_000 })
  await page.goBack()
  await rowsAre(page, [flagged.orderNo, OVERDUE.orderNo])
  await expect(count(page, 'confirmed')).resolves.toBe('2')
  await expect(count(page, 'materials')).resolves.toBe('1')
  expect(errors).toEqual([])
}, 60_000)
