// Where the customer goes once an order is placed: to the order, and the pages that made it close,
// so back from the new order (WeChat's back, the browser's back on H5) goes where the customer was
// before customising, not to a form still filled in with the order just placed.
// 确认下单 goes back to the product page below it, and that page, once it is on screen again,
// gives its place to the order (redirectTo): a redirect sent while the H5 router is still going
// back would race it. With no product page below (立即补货 from 我的补货, a reload on H5),
// 确认下单 gives its own place to the order.
import Taro from '@tarojs/taro'
import { SHOP_PAGES } from '@/routes'

const PRODUCT_ROUTE = SHOP_PAGES.product.slice(1)

/** The order page the product page opens in its place the next time it shows. */
let handedOver: string | undefined

const routeOf = (page: { route?: string } | undefined) => page?.route?.replace(/^\//, '')

/** 确认下单, once the order is placed: opens the order at `url` in place of the ordering pages. */
export function openPlacedOrder(url: string): void {
  const pages = Taro.getCurrentPages()
  if (routeOf(pages[pages.length - 2]) !== PRODUCT_ROUTE) {
    void Taro.redirectTo({ url })
    return
  }
  handedOver = url
  Taro.navigateBack().catch(() => {
    handedOver = undefined
    void Taro.redirectTo({ url })
  })
}

/** The product page, each time it shows: opens the order handed over to it, in its place. */
export function openHandedOverOrder(): void {
  const url = handedOver
  handedOver = undefined
  if (url) void Taro.redirectTo({ url })
}
