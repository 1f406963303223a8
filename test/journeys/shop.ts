// What the journeys share: the demo people, the shirt as a customer fills it in, and cloud calls
// that set the scene (orders placed or moved by someone else) without going through a screen.
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { OrderEvent, OrderRecord } from '@/domain/order-types'
import { DEMO_ADDRESS, DEMO_USERS } from '../../tools/seed/demo'
import type { TestCloud } from '../helpers/local-cloud'
import { waitForValue } from '../helpers/wait'
import type { Driver } from './driver'

export const [consumerA, consumerB] = DEMO_USERS.filter((u) => u.role === 'consumer').map(
  (u) => u.openid,
)
export const merchant = DEMO_USERS.find((u) => u.role === 'merchant')!.openid

/** The shirt's measurements as typed, by label. */
export const SHIRT_SIZES: Record<string, string> = {
  领围: '39.5',
  胸围: '96',
  肩宽: '45',
  袖长: '62',
  衣长: '75',
}
export const ADDRESS_TYPED: Record<string, string> = {
  收货人: '林晓',
  手机号码: '13812345678',
  所在地区: '上海市 徐汇区',
  详细地址: '漕溪北路 100 号 2 栋 301',
}

/** From the home page: the shirt, in `fabric` if given, to SHIRT_SIZES, priced at `total`. */
export async function customiseShirt(phone: Driver, total: string, fabric?: string) {
  await phone.tap('.product-card', '量体定制衬衫')
  if (fabric) await phone.tap('.option-chip', fabric)
  for (const [label, value] of Object.entries(SHIRT_SIZES)) {
    await phone.fill('.measurement', value, label)
  }
  await phone.see('.quote__total-amount', total)
}

/**
 * 下一步 on the product page once its quote is current: while a new quote loads (the last
 * option's, on a busy machine) the earlier one stays on screen, and 下一步 only says 价格计算中.
 */
export async function tapNextWithQuote(phone: Driver) {
  await phone.notSee('.quote--stale')
  await phone.tap('.bottom-bar__next', '下一步')
}

/** From a customised product: 下一步 to the confirm page, then the address typed in. */
export async function toConfirmWithAddress(phone: Driver) {
  await tapNextWithQuote(phone)
  await phone.onPage('shop/pages/confirm/index')
  for (const [label, value] of Object.entries(ADDRESS_TYPED)) {
    await phone.fill('.address-field', value, label)
  }
}

/** The address the orders placed through the cloud ship to. */
export const ORDER_ADDRESS = DEMO_ADDRESS

type Envelope = { ok: boolean; code?: string; message?: string; data?: any } // eslint-disable-line @typescript-eslint/no-explicit-any

export async function orderCall(cloud: TestCloud, action: string, payload: object, openid: string) {
  const result = (await cloud.invoke(FUNCTIONS.order, { action, payload }, openid)) as Envelope
  if (!result.ok) throw new Error(`order.${action} failed: ${JSON.stringify(result)}`)
  return result.data
}

/**
 * `openid` pays for the order through the cloud, as the sheet would: order.pay, the payment
 * stand-in told it was paid, then WeChat's callback has marked the order paid.
 */
export async function payThroughTheCloud(cloud: TestCloud, orderId: string, openid: string) {
  const { outTradeNo } = await orderCall(cloud, ACTIONS.order.pay, { orderId }, openid)
  await cloud.pay.complete(outTradeNo, 'paid')
  return paidOrder(cloud, orderId)
}

/** The order once WeChat's callback (the local cloud's payment stand-in) has marked it paid. */
export async function paidOrder(cloud: TestCloud, orderId: string): Promise<OrderRecord> {
  await cloud.pay.drain()
  return waitForValue(
    () => storedOrder(cloud, orderId),
    (order) => order.payment.state === 'paid',
    `订单 ${orderId} 的付款回调`,
  )
}

/**
 * A shirt order placed by `openid` through the cloud, paid unless `paid: false` (the merchant
 * only confirms paid orders); resolves to its id and number.
 */
export async function placeShirt(
  cloud: TestCloud,
  openid: string,
  label: string,
  { paid = true } = {},
) {
  const { order } = await orderCall(
    cloud,
    ACTIONS.order.create,
    {
      requestId: `journey-${label}-${Date.now().toString(36)}`,
      productId: 'prod_shirt',
      selection: {
        options: { fabric: ['oxford'], collar: ['spread'], cuff: ['barrel'] },
        measurements: { neck: 39, chest: 98, shoulder: 45.5, sleeve: 62, length: 76 },
        texts: {},
        quantity: 1,
        urgent: false,
      },
      address: ORDER_ADDRESS,
    },
    openid,
  )
  if (paid) await payThroughTheCloud(cloud, order._id, openid)
  return { id: order._id as string, orderNo: order.orderNo as string }
}

export const merchantActs = (
  cloud: TestCloud,
  orderId: string,
  event: OrderEvent,
  input?: object,
) => orderCall(cloud, ACTIONS.order.act, { orderId, event, ...(input ? { input } : {}) }, merchant)

export async function ordersOf(cloud: TestCloud, openid: string): Promise<OrderRecord[]> {
  return (await cloud.store.find(COLLECTIONS.orders, { ownerOpenid: openid })) as OrderRecord[]
}

export async function storedOrder(cloud: TestCloud, id: string): Promise<OrderRecord> {
  const [order] = (await cloud.store.find(COLLECTIONS.orders, { _id: id })) as OrderRecord[]
  return order
}

/** The merchant walks a made-to-order order to quality check, the last node before shipping. */
export async function toQualityCheck(cloud: TestCloud, orderId: string) {
  for (const event of [
    'confirm',
    'purchase_materials',
    'start_production',
    'start_quality_check',
  ] as const)
    await merchantActs(cloud, orderId, event)
}

/** A paid shirt of `openid`'s, made, shipped with `trackingNo` and delivered. */
export async function deliveredShirt(
  cloud: TestCloud,
  openid: string,
  label: string,
  trackingNo: string,
) {
  const placed = await placeShirt(cloud, openid, label)
  await toQualityCheck(cloud, placed.id)
  await merchantActs(cloud, placed.id, 'ship', { carrier: '顺丰速运', trackingNo })
  await merchantActs(cloud, placed.id, 'deliver')
  return placed
}

/** A water-filter order by `openid`, walked to delivered: refill tracking has started. */
export async function deliverFilter(cloud: TestCloud, openid: string) {
  const { order } = await orderCall(
    cloud,
    ACTIONS.order.create,
    {
      requestId: `journey-filter-${Date.now().toString(36)}`,
      productId: 'prod_filter',
      selection: {
        options: { model: ['pp_cotton'] },
        measurements: {},
        texts: {},
        quantity: 2,
        urgent: false,
      },
      address: ORDER_ADDRESS,
    },
    openid,
  )
  await payThroughTheCloud(cloud, order._id, openid)
  await merchantActs(cloud, order._id, 'confirm')
  await merchantActs(cloud, order._id, 'ship', { carrier: '顺丰速运', trackingNo: 'SF0000000001' })
  await merchantActs(cloud, order._id, 'deliver')
  return order._id as string
}
