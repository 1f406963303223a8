// H5 only (in WeChat the system navigation bar has back, and home when the page is alone on the
// stack): every page beyond the tabs shows Taro's H5 navigation bar, with 返回 when there is a
// page to go back to and 首页 when the page was opened on its own (a link, a reload); each does
// what it says. The tab pages show neither.
import type { Locator } from 'playwright-core'
import { setupH5App, shoot } from './app'
import { h5JourneyContext, type H5Driver } from './h5-driver'
import { SHIRT_SIZES, consumerA, customiseShirt, merchant, placeShirt } from '../journeys/shop'

const app = setupH5App()
const ctx = h5JourneyContext(app)
const WAIT = { timeout: 20_000 }

const navButton = (phone: H5Driver, name: '返回' | '首页'): Locator =>
  phone.page.locator('#taro-navigation-bar').getByRole('button', { name, exact: true })

/** The bar on screen offers `shown` and not the other one. */
async function offers(phone: H5Driver, shown: '返回' | '首页'): Promise<Locator> {
  const button = navButton(phone, shown)
  await button.waitFor({ state: 'visible', ...WAIT })
  const other = shown === '返回' ? '首页' : '返回'
  await expect(navButton(phone, other).isVisible()).resolves.toBe(false)
  return button
}

async function offersNothing(phone: H5Driver): Promise<void> {
  await expect(navButton(phone, '返回').isVisible()).resolves.toBe(false)
  await expect(navButton(phone, '首页').isVisible()).resolves.toBe(false)
}

/** 我的 → one of its entries beyond the tabs (量体档案 is in the account subpackage). */
const MINE_ENTRIES = {
  profiles: 'account/pages/profiles/index',
  subscriptions: 'shop/pages/subscriptions/index',
} as const

async function openFromMine(phone: H5Driver, key: keyof typeof MINE_ENTRIES) {
  await phone.open('pages/mine/index')
  await phone.tap(`.mine-entry--${key}`)
  await phone.onPage(MINE_ENTRIES[key])
}

let order: { id: string; orderNo: string }

beforeAll(async () => {
  order = await placeShirt(app.cloud, consumerA, 'nav-bar')
})

test('a page beyond the tabs opened on its own offers 首页, which goes home', async () => {
  const customer = (await ctx.driverFor(consumerA)) as H5Driver
  const shop = (await ctx.driverFor(merchant)) as H5Driver
  const pages: [H5Driver, string, string][] = [
    [customer, `shop/pages/order/index?id=${order.id}`, '.order-hero__no'],
    [customer, 'account/pages/profiles/index', '.profiles'],
    [customer, 'shop/pages/subscriptions/index', '.subscriptions'],
    [customer, 'shop/pages/confirm/index', '.confirm'],
    [shop, `merchant/pages/order/index?id=${order.id}`, '.m-order-hero__node'],
    [shop, 'merchant/pages/stock/index', '.stock'],
  ]
  for (const [phone, path, content] of pages) {
    await phone.open(path)
    await phone.onPage(path.split('?')[0])
    await phone.see(content)
    const home = await offers(phone, '首页')
    if (path.startsWith('shop/pages/order/')) await shoot(phone.page, 'navigation-home')
    await home.click()
    await phone.onPage('pages/index/index')
    await phone.see('.product-card')
    await offersNothing(phone)
  }
  expect(customer.errors()).toEqual([])
  expect(shop.errors()).toEqual([])
}, 120_000)

test('a page beyond the tabs reached in the app offers 返回, which goes back', async () => {
  const customer = (await ctx.driverFor(consumerA)) as H5Driver
  const goesBack = async (phone: H5Driver, to: string) => {
    await (await offers(phone, '返回')).click()
    await phone.onPage(to)
  }

  await openFromMine(customer, 'profiles')
  await goesBack(customer, 'pages/mine/index')
  await offersNothing(customer)
  await openFromMine(customer, 'subscriptions')
  await goesBack(customer, 'pages/mine/index')

  await customer.tap('.taro-tabbar__tabbar .weui-tabbar__item', '订单')
  await customer.onPage('pages/orders/index')
  // Opening an order asks for its messages first (pages/orders).
  await customer.tapAndAnswerSheet('.order-card', 'reject', order.orderNo)
  await customer.onPage('shop/pages/order/index')
  await goesBack(customer, 'pages/orders/index')

  await customer.tap('.taro-tabbar__tabbar .weui-tabbar__item', '首页')
  await customiseShirt(customer, '¥399')
  await customer.tap('.bottom-bar__next', '下一步')
  await customer.onPage('shop/pages/confirm/index')
  await goesBack(customer, 'shop/pages/product/index')
  // Back to the form the customer is still filling in, as typed.
  await expect(customer.valueOf('.measurement', '领围')).resolves.toBe(SHIRT_SIZES['领围'])
  expect(customer.errors()).toEqual([])

  const shop = (await ctx.driverFor(merchant)) as H5Driver
  await shop.open('merchant/pages/board/index')
  await shop.tap('.board-order', order.orderNo)
  await shop.onPage('merchant/pages/order/index')
  await shop.see('.m-order-hero__node')
  // The keyboard presses it too.
  await (await offers(shop, '返回')).press('Enter')
  await shop.onPage('merchant/pages/board/index')
  expect(shop.errors()).toEqual([])
}, 120_000)

// Taro's router hides the page it leaves on a timer; a 返回 before it fired left home blank.
test('返回 at once after opening a product still shows the home page', async () => {
  const customer = (await ctx.driverFor(consumerA)) as H5Driver
  for (let round = 0; round < 3; round += 1) {
    await customer.tap('.product-card', '量体定制衬衫')
    await customer.onPage('shop/pages/product/index')
    // Once the page is drawn (its skeleton): a back before that is lost in Taro's router, which
    // no person is fast enough to hit.
    await customer.see('.customise')
    await customer.back()
    await customer.onPage('pages/index/index')
    await customer.see('.product-card', '量体定制衬衫')
  }
  expect(customer.errors()).toEqual([])
}, 120_000)
