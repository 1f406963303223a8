// Shared helpers for the `order` cloud-function suites (order-*.test.ts), on top of the seeded
// demo cloud (../helpers/demo-cloud.ts): order calls, the demo selections, and snapshots of every
// collection an order action may write.
import { Client } from 'pg'
import { addDays, chinaDateOf } from '@/domain/china-date'
import { COLLECTIONS, FUNCTIONS, type ACTIONS } from '@/domain/names'
import type { OrderEvent } from '@/domain/order-types'
import {
  callerFor,
  merchant,
  noRefundOnItsWay,
  payOrder,
  useDemoCloud,
  type DemoCloud,
  type Envelope,
} from '../helpers/demo-cloud'
import { DEMO_ADDRESS } from '../../tools/seed/demo'
import { waitUntil } from '../helpers/wait'

export { consumerA, consumerB, merchant, type Envelope } from '../helpers/demo-cloud'

export type OrderAction = keyof typeof ACTIONS.order

/** One cloud per test file; `env.cloud` is set in beforeAll. */
export const startOrderCloud = useDemoCloud

export function makeClient(env: DemoCloud) {
  /** Also sends names outside ACTIONS.order verbatim, for the UNKNOWN_ACTION case. */
  const call = callerFor(env, FUNCTIONS.order, { unknownActions: true })

  /**
   * Places an order and, unless `{ paid: false }`, pays it through the WeChat Pay stand-in (the
   * callback marks it paid): most tests need a paid order, as the merchant confirms only those.
   * Returns the order as order.detail then answers.
   */
  async function create(
    openid: string,
    overrides: Record<string, unknown> = {},
    { paid = true }: { paid?: boolean } = {},
  ) {
    const result = await call('create', createPayload(overrides), openid)
    if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result)}`)
    if (!paid) return result.data.order
    await payOrder(env, result.data.order._id, openid)
    const paidOrder = await call('detail', { orderId: result.data.order._id }, openid)
    if (!paidOrder.ok) throw new Error(`detail failed: ${JSON.stringify(paidOrder)}`)
    return paidOrder.data.order
  }

  /** Pays an order placed another way (a direct `call('create')`), as its owner. */
  const pay = (orderId: string, openid: string) => payOrder(env, orderId, openid)

  const act = (
    openid: string | null,
    orderId: string,
    event: OrderEvent | string,
    input?: unknown,
    expectedVersion?: number,
  ) => call('act', { orderId, event, input, expectedVersion }, openid)

  /** Applies events as the given actor, expecting each to succeed; returns the last order. */
  async function walk(orderId: string, steps: [string, OrderEvent, unknown?][]) {
    let last: Envelope | undefined
    for (const [openid, event, input] of steps) {
      last = await act(openid, orderId, event, input)
      if (!last.ok) throw new Error(`${event} failed: ${JSON.stringify(last)}`)
    }
    return last!.data.order
  }

  /** A paid shirt of `openid`, walked by the merchant node by node to delivered; its id. */
  async function deliveredShirt(openid: string): Promise<string> {
    const order = await create(openid)
    await walk(order._id, [
      [merchant, 'confirm'],
      [merchant, 'purchase_materials'],
      [merchant, 'start_production'],
      [merchant, 'start_quality_check'],
      [merchant, 'ship', { carrier: '顺丰速运', trackingNo: `SF${Date.now()}` }],
      [merchant, 'deliver'],
    ])
    return order._id
  }

  const find = (collection: string, query: object = {}) => env.cloud.store.find(collection, query)
  const auditOf = (orderId: string) => find(COLLECTIONS.orderAudit, { orderId })
  const notificationsOf = (orderId: string) => find(COLLECTIONS.notificationQueue, { orderId })
  const stored = async (orderId: string) => (await find(COLLECTIONS.orders, { _id: orderId }))[0]

  /** Everything an order action may write, to prove a refused call wrote nothing. */
  const snapshot = async () => ({
    orders: await find(COLLECTIONS.orders),
    audit: await find(COLLECTIONS.orderAudit),
    notifications: await find(COLLECTIONS.notificationQueue),
    quotas: await find(COLLECTIONS.urgentQuotas),
    batches: await find(COLLECTIONS.batches),
    coupons: await find(COLLECTIONS.coupons),
  })

  /**
   * Waits until the WeChat Pay stand-in has delivered every notice and no refund is on its way
   * (the stand-in pays a refund out just after answering, then notifies), so a snapshot is stable.
   */
  async function settlePayments() {
    await env.cloud.pay.drain()
    await waitUntil(
      async () =>
        (await find(COLLECTIONS.orders, { 'payment.state': 'refunding' })).length === 0 &&
        (await noRefundOnItsWay(env)),
      'refunds to settle',
    )
  }

  /** Direct SQL on this file's database, for set-ups the store API cannot express. */
  async function sql(text: string, values: unknown[] = []) {
    const client = new Client({ connectionString: env.cloud.databaseUrl })
    await client.connect()
    try {
      return await client.query(text, values)
    } finally {
      await client.end()
    }
  }

  /**
   * A coupon of `openid`'s, issued the way customers get them: an order of theirs is flagged with a
   * coupon remedy, they take it and the merchant resolves it. Returns the coupon's id.
   */
  async function remedyCoupon(openid: string, amountFen = 2000): Promise<string> {
    const order = await create(openid)
    await walk(order._id, [
      [merchant, 'confirm'],
      [
        merchant,
        'flag_exception',
        { kind: 'delayed', note: '面料延期到货', offered: [{ type: 'coupon', amountFen }] },
      ],
      [openid, 'choose_remedy', { remedy: 'coupon' }],
      [merchant, 'resolve_exception'],
    ])
    const [coupon] = await find(COLLECTIONS.coupons, { 'origin.orderId': order._id })
    if (!coupon) throw new Error('remedyCoupon: resolving the coupon remedy issued no coupon')
    return coupon._id as string
  }

  return {
    call,
    create,
    remedyCoupon,
    pay,
    act,
    walk,
    deliveredShirt,
    find,
    auditOf,
    notificationsOf,
    stored,
    snapshot,
    settlePayments,
    sql,
  }
}

let counter = 0
/** A fresh idempotency key. */
export const rid = (label = 'req') =>
  `${label}-${Date.now().toString(36)}-${(counter += 1).toString(36)}`

export const ADDRESS = DEMO_ADDRESS

export const shirtSelection = (overrides: Record<string, unknown> = {}) => ({
  options: { fabric: ['egyptian'], collar: ['spread'], cuff: ['french'] },
  measurements: { neck: 39, chest: 98, shoulder: 45.5, sleeve: 62, length: 76 },
  texts: { monogram: 'LX' },
  quantity: 1,
  urgent: false,
  ...overrides,
})

export const linenSelection = (quantity: number) => ({
  options: { bed_size: ['bed_180'], color: ['oat'] },
  measurements: {},
  texts: {},
  quantity,
  urgent: false,
})

export const curtainSelection = () => ({
  options: { fabric: ['velvet'], heading: ['hooks'], installation: ['onsite'] },
  measurements: { width: 280, height: 260 },
  texts: {},
  quantity: 1,
  urgent: false,
})

export const filterSelection = () => ({
  options: { model: ['ro'] },
  measurements: {},
  texts: {},
  quantity: 2,
  urgent: false,
})

export function createPayload(overrides: Record<string, unknown> = {}) {
  return {
    requestId: rid(),
    productId: 'prod_shirt',
    selection: shirtSelection(),
    address: ADDRESS,
    ...overrides,
  }
}

export const today = () => chinaDateOf(new Date())
export const inDays = (days: number) => addDays(today(), days)

export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
