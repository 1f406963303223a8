// Every page of app.json (main package; the shop, merchant, service, account and team subpackages)
// renders on the weapp build for a consumer and for the merchant: text on screen, no console
// error, no uncaught error.
import { consumerA, merchant, merchantActs, placeShirt } from '../journeys/shop'
import { setupWeappApp } from './harness/app'
import { screenText, waitUntil } from './harness/screen'

const app = setupWeappApp(consumerA, { launch: false })

/** Each page with the query a real visit would carry. */
async function pageUrls(): Promise<string[]> {
  const { id } = await placeShirt(app.cloud, consumerA, 'pages')
  await merchantActs(app.cloud, id, 'confirm')
  const query: Record<string, string> = {
    'shop/pages/product/index': '?id=prod_shirt',
    'shop/pages/order/index': `?id=${id}`,
    'shop/pages/refills/index': '?productId=prod_filter',
    // The old addresses links already sent name: each opens its shop page in its place.
    'pages/product/index': '?id=prod_shirt',
    'pages/order/index': `?id=${id}`,
    'pages/refills/index': '?productId=prod_filter',
    'merchant/pages/order/index': `?id=${id}`,
    'service/pages/after-sales/index': `?orderId=${id}`,
    'service/pages/rating/index': `?orderId=${id}`,
    'service/pages/return-shipment/index': `?orderId=${id}&afterSalesId=as_none`,
    'service/pages/care/index': `?orderId=${id}`,
    'account/pages/visit/index': `?orderId=${id}`,
  }
  const json = app.phone.appJson
  const routes = [
    ...json.pages,
    ...(json.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
  ]
  return routes.map((route) => `/${route}${query[route] ?? ''}`)
}

// Text that only shows while a page is still loading.
const LOADING = /正在(读取|加载)|加载中/

describe.each([
  ['consumer', consumerA],
  ['merchant', merchant],
])('as the %s', (_who, openid) => {
  test('every page renders with text and no console error', async () => {
    await app.phone.switchUser(openid)
    const rendered: string[] = []
    for (const url of await pageUrls()) {
      await app.phone.reLaunch(url)
      const text = await waitUntil(() => {
        const shown = screenText(app.phone).trim()
        return shown.length > 0 && !LOADING.test(shown) && shown
      }, `${url} 渲染完成`)
      await app.phone.wx.idle()
      rendered.push(`${url}: ${text.slice(0, 40)}`)
    }
    expect(rendered).toHaveLength(34)
    expect(app.phone.consoleErrors).toEqual([])
  }, 120_000)
})
