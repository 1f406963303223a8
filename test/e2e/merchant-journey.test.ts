// The merchant's side in the H5 build, in a real Chromium against the local cloud and the real
// built functions. Consumer A's orders are placed through the cloud; in the browser the app
// switches to the merchant (我的 → identity → 商家后台), moves one order through every node,
// flags an exception on another, sees the consumer's remedy choice and resolves it, and advances
// two orders together from the board. Screenshots of every merchant page go to docs/screenshots.
import type { Page } from 'playwright-core'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { DEMO_ADDRESS, DEMO_USERS } from '../../tools/seed/demo'
import { payThroughTheCloud, placeShirt as placeShirtFor } from '../journeys/shop'
import { setupH5App, shoot } from './app'
import { openPhonePage } from './browser'

const app = setupH5App()
const [consumerA] = DEMO_USERS.filter((user) => user.role === 'consumer')
const merchant = DEMO_USERS.find((user) => user.role === 'merchant')!

type Envelope = { ok: boolean; code?: string; message?: string; data?: any } // eslint-disable-line @typescript-eslint/no-explicit-any

async function orderCall(action: string, payload: object, openid: string) {
  const result = (await app.cloud.invoke(FUNCTIONS.order, { action, payload }, openid)) as Envelope
  if (!result.ok) throw new Error(`order.${action} failed: ${JSON.stringify(result)}`)
  return result.data
}

/** A 1×1 PNG, the smallest real image. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const ADDRESS = DEMO_ADDRESS

/** A shirt consumer A ordered (the shared journeys' order: test/journeys/shop.ts). */
const placeShirt = (label: string) => placeShirtFor(app.cloud, consumerA.openid, `m-${label}`)

async function placeLinenBatch(): Promise<void> {
  const { order } = await orderCall(
    'create',
    {
      requestId: `e2e-m-linen-${Date.now().toString(36)}`,
      productId: 'prod_linen_batch',
      selection: {
        options: { bed_size: ['bed_150'], color: ['oat'] },
        measurements: {},
        texts: {},
        quantity: 2,
        urgent: false,
      },
      address: ADDRESS,
    },
    consumerA.openid,
  )
  await payThroughTheCloud(app.cloud, order._id, consumerA.openid)
}

// Taro's H5 router keeps earlier pages in the DOM, hidden: every locator here asks for the visible one.
const route = (path: string) => `${app.cloud.url}/#/${path}`
const stored = async (id: string) =>
  (await app.cloud.store.find(COLLECTIONS.orders, { _id: id }))[0]
const heroNode = (page: Page, label: string) =>
  page.locator('.m-order-hero__node >> visible=true').getByText(label).waitFor({ timeout: 20_000 })

/** Opens one of the merchant's actions on the order page, fills the form, and submits it. */
async function act(page: Page, event: string, fill?: () => Promise<void>) {
  await page.locator(`.m-order-action--${event} >> visible=true`).click()
  await page.locator(`.action-form--${event} >> visible=true`).waitFor({ timeout: 10_000 })
  await fill?.()
  await page.locator('.action-form__submit >> visible=true').click()
}

/** Waits until the selector matches exactly `count` visible elements (lists reload in place). */
async function visibleCount(page: Page, selector: string, count: number) {
  await page.waitForFunction(
    ([sel, n]) =>
      Array.from(document.querySelectorAll(sel)).filter((el) => (el as HTMLElement).offsetParent)
        .length === n,
    [selector, count] as const,
    { timeout: 20_000 },
  )
}

const note = (page: Page, text: string) =>
  page.locator('.action-form__note textarea >> visible=true').fill(text)

let main: { id: string; orderNo: string }
let troubled: { id: string; orderNo: string }
let page: Page
let errors: string[]
const heldConsumerReplies: Promise<void>[] = []

beforeAll(async () => {
  main = await placeShirt('main')
  troubled = await placeShirt('exception')
  await placeLinenBatch()
  ;({ page, errors } = await openPhonePage(app.browser, route('pages/mine/index')))
  // The consumer's user.me replies are held until the merchant's has arrived (as on a weak
  // network): the page must keep the answer for the identity chosen last.
  let merchantAnswered = () => {}
  const afterMerchant = new Promise<void>((resolve) => (merchantAnswered = resolve))
  await page.route(`**/cloud/invoke/${FUNCTIONS.user}`, async (request) => {
    const openid = request.request().headers()['x-local-openid']
    if (openid === consumerA.openid) {
      const reply = afterMerchant.then(async () => {
        await request.fulfill({ response: await request.fetch() })
      })
      heldConsumerReplies.push(reply)
      return reply
    }
    await request.fulfill({ response: await request.fetch() })
    if (openid === merchant.openid) merchantAnswered()
  })
  await page.reload()
}, 60_000)

test('a consumer sees no merchant entry; switching to the merchant shows it and opens the board', async () => {
  await page.locator('.identity-option >> visible=true').first().waitFor({ timeout: 20_000 })
  await page.locator('.mine-entry--orders >> visible=true').waitFor({ timeout: 20_000 })
  await expect(page.locator('.merchant-entry >> visible=true').count()).resolves.toBe(0)

  await page.locator(`.identity-option[data-openid="${merchant.openid}"] >> visible=true`).click()
  await page.locator('.merchant-entry >> visible=true').waitFor({ timeout: 20_000 })
  await Promise.all(heldConsumerReplies)
  await page.waitForTimeout(300)
  await expect(page.locator('.merchant-entry >> visible=true').count()).resolves.toBe(1)
  await page.locator('.merchant-entry >> visible=true').click()

  await page
    .locator(`.board-order[data-order-no="${main.orderNo}"] >> visible=true`)
    .waitFor({ timeout: 20_000 })
  await expect(
    page
      .locator('.board-node[data-node="submitted"] .board-node__count >> visible=true')
      .innerText(),
  ).resolves.toBe('3')
  await shoot(page, 'merchant-board')
  expect(errors).toEqual([])
}, 60_000)

test('search by phone tail and by order number finds the order', async () => {
  await page.locator('.board-search__input input >> visible=true').fill(main.orderNo)
  await page.locator('.board-search__button >> visible=true').click()
  await page.locator('.board-searching >> visible=true').waitFor({ timeout: 20_000 })
  await visibleCount(page, '.board-order', 1)
  await expect(page.locator('.board-order__no >> visible=true').innerText()).resolves.toBe(
    main.orderNo,
  )

  // The last 4 digits of the phone find every order of that customer, across nodes.
  await page.locator('.board-search__input input >> visible=true').fill('5678')
  await page.locator('.board-search__button >> visible=true').click()
  await visibleCount(page, '.board-order', 3)

  await page.locator('.board-search__input input >> visible=true').fill(main.orderNo)
  await page.locator('.board-search__button >> visible=true').click()
  await visibleCount(page, '.board-order', 1)
  await page.locator('.board-order >> visible=true').click()
  await heroNode(page, '已提交')
  expect(errors).toEqual([])
})

test('the order shows the full delivery address, and a tap copies the whole label', async () => {
  const full = page.locator('.m-order-section .m-order-address__full >> visible=true')
  await expect(full.innerText()).resolves.toBe('上海市 徐汇区 漕溪北路 100 号')
  await page.locator('.m-order-section .m-order-address >> visible=true').click()
  // Taro's H5 setClipboardData keeps what it copied under this storage key.
  await page.waitForFunction(() => localStorage.getItem('taro_clipboard') !== null)
  const copied = await page.evaluate(() => localStorage.getItem('taro_clipboard'))
  expect(JSON.parse(copied!).data).toBe('林晓 13812345678 上海市 徐汇区 漕溪北路 100 号')
  expect(errors).toEqual([])
})

test('the merchant moves an order through every node with notes, ETA and shipping', async () => {
  await act(page, 'confirm', async () => {
    await expect(
      page.locator('.action-form__submit >> visible=true').innerText({ timeout: 10_000 }),
    ).resolves.toBe('确认订单')
    await note(page, '已核对尺寸')
    // The photo goes through Taro's H5 file picker to the local cloud's photo stand-in.
    const chooser = page.waitForEvent('filechooser')
    await page.locator('.action-form__add-photo >> visible=true').click()
    await (await chooser).setFiles({ name: 'fabric.png', mimeType: 'image/png', buffer: PNG })
    await page.locator('.action-form__photo >> visible=true').waitFor({ timeout: 20_000 })
  })
  await heroNode(page, '已确认')
  await act(page, 'purchase_materials')
  await heroNode(page, '备料中')
  await act(page, 'start_production')
  await heroNode(page, '制作中')

  const before = (await stored(main.id)).eta
  await act(page, 'set_eta', () => note(page, '面料换批次，顺延一周'))
  await page
    .locator('.timeline__item--current .timeline__title >> visible=true')
    .getByText('预计完成日期已调整')
    .waitFor({ timeout: 20_000 })
  const revised = await stored(main.id)
  expect(revised.eta).not.toBe(before)
  expect(revised.etaHistory[revised.etaHistory.length - 1].reason).toBe('面料换批次，顺延一周')

  await act(page, 'start_quality_check')
  await heroNode(page, '质检中')
  await act(page, 'ship', async () => {
    // The parcel is addressed from the shipping form itself.
    await expect(
      page.locator('.action-form--ship .m-order-address__full >> visible=true').innerText(),
    ).resolves.toBe('上海市 徐汇区 漕溪北路 100 号')
    await page.locator('.action-form__carrier input >> visible=true').fill('顺丰速运')
    await page.locator('.action-form__tracking input >> visible=true').fill('SF1234567890')
  })
  await heroNode(page, '已发货')
  await page.getByText('顺丰速运 SF1234567890').waitFor({ timeout: 20_000 })
  await act(page, 'deliver')
  await heroNode(page, '已签收')

  // Completion is the customer's (or the timer's) step; the merchant then sees it completed.
  await orderCall('act', { orderId: main.id, event: 'complete' }, consumerA.openid)
  await page.reload()
  await heroNode(page, '已完成')
  // Nothing moves it any more; only money can still be given back (退款).
  await expect(
    page.locator('.m-order-actions .m-order-action >> visible=true').allInnerTexts(),
  ).resolves.toEqual(['退款'])
  const done = await stored(main.id)
  expect(done.node).toBe('completed')
  expect(done.timeline.map((entry: { node: string }) => entry.node)).toEqual([
    'submitted',
    'submitted', // 已付款: WeChat's callback
    'confirmed',
    'materials',
    'production',
    'production',
    'quality_check',
    'shipped',
    'delivered',
    'completed',
  ])
  expect(done.timeline[1].event).toBe('pay')
  expect(done.timeline[2].note).toBe('已核对尺寸')
  const [photo] = done.timeline[2].photos
  expect(photo).toMatch(/^local-file:\/\//)
  const served = await fetch(`${app.cloud.url}/cloud/files/${photo.slice('local-file://'.length)}`)
  expect(served.status).toBe(200)
  expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG)
  expect(done.shipping).toMatchObject({ carrier: '顺丰速运', trackingNo: 'SF1234567890' })
  // The timeline shows the photo itself: its stand-in id is served by the local cloud.
  await page.locator('.timeline__more >> visible=true').click()
  // Lazily loaded: it loads once scrolled into view.
  await page.locator('.timeline__photo >> visible=true').first().scrollIntoViewIfNeeded()
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll<HTMLImageElement>('.timeline__photo img')].some(
        (img) => img.naturalWidth > 0,
      ),
    undefined,
    { timeout: 20_000 },
  )
  await shoot(page, 'merchant-order')
  expect(errors).toEqual([])
}, 90_000)

test('an exception with remedies; the consumer chooses; the merchant sees the choice and resolves it', async () => {
  await page.goto(route(`merchant/pages/order/index?id=${troubled.id}`))
  await heroNode(page, '已提交')
  await page.locator('.m-order-action--flag_exception >> visible=true').click()
  await page.locator('.action-form__choice[data-kind="out_of_stock"] >> visible=true').click()
  await page.locator('.action-form__choice[data-remedy="coupon"] >> visible=true').click()
  await page.locator('.action-form__coupon input >> visible=true').fill('30')
  await note(page, '衬衫面料暂时缺货')
  await shoot(page, 'merchant-exception-form')
  await page.locator('.action-form__submit >> visible=true').click()
  await page.locator('.m-order-exception__waiting >> visible=true').waitFor({ timeout: 20_000 })

  const flagged = await stored(troubled.id)
  expect(flagged.exception).toMatchObject({ kind: 'out_of_stock', note: '衬衫面料暂时缺货' })
  expect(flagged.exception.offered.map((offer: { type: string }) => offer.type)).toEqual([
    'wait_new_eta',
    'coupon',
  ])
  expect(flagged.exception.offered[1].amountFen).toBe(3000)

  await orderCall(
    'act',
    { orderId: troubled.id, event: 'choose_remedy', input: { remedy: 'coupon' } },
    consumerA.openid,
  )
  await page.reload()
  await page.locator('.m-order-exception__chosen >> visible=true').waitFor({ timeout: 20_000 })
  await expect(
    page.locator('.m-order-exception__chosen >> visible=true').innerText(),
  ).resolves.toBe('顾客选择：领取补偿券')
  await shoot(page, 'merchant-exception')

  await act(page, 'resolve_exception', () => note(page, '补偿券已发放，照常制作'))
  await page
    .locator('.m-order-exception >> visible=true')
    .waitFor({ state: 'detached', timeout: 20_000 })
  const resolved = await stored(troubled.id)
  expect(resolved.exception).toBeNull()
  expect(resolved.exceptionHistory[0].resolution).toBe('coupon')
  expect(errors).toEqual([])
}, 60_000)

test('two orders are advanced together from the board, each reported', async () => {
  const more = [await placeShirt('batch-1'), await placeShirt('batch-2')]
  await page.goto(route('merchant/pages/board/index'))
  await page.locator('.board-order >> visible=true').first().waitFor({ timeout: 20_000 })
  await page.locator('.board-mode >> visible=true').click()
  for (const order of more)
    await page.locator('.batch-item >> visible=true').getByText(order.orderNo).click()
  await expect(page.locator('.batch-select__count >> visible=true').innerText()).resolves.toBe(
    '已选 2 单',
  )
  await shoot(page, 'merchant-batch-select')
  await page.locator('.board-batch-bar__action[data-event="confirm"] >> visible=true').click()
  await page.locator('.taro-model__confirm >> visible=true').click()
  await page.locator('.result-report__summary >> visible=true').waitFor({ timeout: 20_000 })
  await expect(page.locator('.result-report__summary >> visible=true').innerText()).resolves.toBe(
    '成功 2 单',
  )
  for (const order of more) expect((await stored(order.id)).node).toBe('confirmed')
  expect(errors).toEqual([])
}, 60_000)

test('stock, batches, appointments and the dashboard render for the merchant', async () => {
  const pages = [
    ['stock', '.material', 'merchant-stock'],
    ['batches', '.batch', 'merchant-batches'],
    ['appointments', '.slot-form', 'merchant-appointments'],
    ['dashboard', '.dash-card', 'merchant-dashboard'],
  ] as const
  for (const [name, ready, shot] of pages) {
    await page.goto(route(`merchant/pages/${name}/index`))
    await page.locator(`${ready} >> visible=true`).first().waitFor({ timeout: 20_000 })
    await expect(page.locator('.state-error >> visible=true').count()).resolves.toBe(0)
    await shoot(page, shot)
  }
  expect(errors).toEqual([])
}, 90_000)

test('dead letters list failed sends (or say there are none)', async () => {
  await page.goto(route('merchant/pages/dead-letters/index'))
  await page
    .locator('.state-empty, .dead-letter, .state-error >> visible=true')
    .first()
    .waitFor({ timeout: 20_000 })
  await expect(page.locator('.state-error >> visible=true').count()).resolves.toBe(0)
  await shoot(page, 'merchant-dead-letters')
  expect(errors).toEqual([])
})
