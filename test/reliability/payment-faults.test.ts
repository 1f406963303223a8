// Payment under faults: a few hundred orders through random payment outcomes (paid, sheet
// cancelled or failed; callback normal, repeated, delayed or lost; WeChat calls that get no
// answer) and random cancellations, while the local cloud refuses some database calls and loses
// the answers of others. The client retries INTERNAL like the app. Then, faults off, the order
// timer runs past every due time, and every order must be explainable by WeChat's own record:
// each trade WeChat says was paid is marked paid on its order exactly once, no order is paid
// twice, every cancelled paid order is refunded exactly once and in full, no refund exceeds its
// payment, and an order with no paid trade ends unpaid-and-closed (expired or cancelled).
// Some orders spend a coupon (each owner holds a few remedy coupons; a pick may be someone else's
// or already spent, and is then refused): every coupon is used at most once — held by at most one
// live order, marked used by exactly that one, and issued again when its orders were all
// cancelled — and such an order's payment is its price less its discount.
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { CouponRecord } from '@/domain/coupon'
import { createPayload, filterSelection, rid } from '../cloud/order-helpers'
import { payOrder } from '../helpers/demo-cloud'
import { waitUntil } from '../helpers/wait'
import {
  call,
  consumerA,
  consumerB,
  merchant,
  recordFigures,
  report,
  seededRandom,
  useReliabilityCloud,
  withRetries,
} from './harness'

const env = useReliabilityCloud()
const ORDERS = Number(process.env.PAY_FAULT_ORDERS ?? 200)
const SEED = Number(process.env.FAULT_SEED ?? 11)
/** CONFLICT is retried too, as the customer would tap again. */
const RETRY_ON = ['INTERNAL', 'CONFLICT']

const { next, pick } = seededRandom(SEED)

const OWNERS = [consumerA, consumerB, 'o_payfault_1', 'o_payfault_2']
const figures = {
  orders: 0,
  payCalls: 0,
  sheetsPaid: 0,
  cancels: 0,
  wechatDropped: 0,
  dbFailed: 0,
  dbTimedOut: 0,
  paidOrders: 0,
  refunded: 0,
  expired: 0,
  couponsTried: 0,
  couponsRefused: 0,
  couponOrders: 0,
  violations: 0,
}

/** Remedy coupons for `owner`, issued the way customers get them (faults off). */
async function remedyCoupons(owner: string, count: number): Promise<string[]> {
  const ids: string[] = []
  for (let index = 0; index < count; index += 1) {
    const created = await call(env, 'order', 'create', createPayload(), owner)
    const orderId = created.data.order._id as string
    await payOrder(env, orderId, owner)
    const steps: [string, string, unknown?][] = [
      [merchant, 'confirm'],
      [
        merchant,
        'flag_exception',
        { kind: 'delayed', note: '延期', offered: [{ type: 'coupon', amountFen: 500 + index }] },
      ],
      [owner, 'choose_remedy', { remedy: 'coupon' }],
      [merchant, 'resolve_exception'],
    ]
    for (const [who, event, input] of steps) {
      const result = await call(env, 'order', 'act', { orderId, event, input }, who)
      if (!result.ok) throw new Error(`coupon set-up ${event}: ${JSON.stringify(result)}`)
    }
    const [coupon] = await env.cloud.store.find(COLLECTIONS.coupons, { 'origin.orderId': orderId })
    ids.push(coupon._id as string)
  }
  return ids
}
afterAll(() => {
  env.cloud.clock.set(null)
  recordFigures('payment-faults', figures)
})

test(`${ORDERS} orders through random payment outcomes under faults: paid once, refunded once`, async () => {
  env.cloud.pay.setRetryDelays([50, 100, 200, 400, 800])
  const placed: { orderId: string; owner: string }[] = []
  const coupons: string[] = []
  for (const owner of OWNERS) coupons.push(...(await remedyCoupons(owner, 3)))
  env.cloud.faults.set({ dbFailRate: 0.04, dbTimeoutRate: 0.02, seed: SEED })
  try {
    for (let index = 0; index < ORDERS; index += 1) {
      const owner = pick(OWNERS)
      const couponId = next() < 0.3 ? pick(coupons) : undefined
      const payload = createPayload({
        requestId: rid('payfault'),
        ...(next() < 0.5 ? {} : { productId: 'prod_filter', selection: filterSelection() }),
        ...(couponId ? { couponId } : {}),
      })
      figures.couponsTried += couponId ? 1 : 0
      const created = await withRetries(
        () => call(env, 'order', 'create', payload, owner),
        RETRY_ON,
      )
      if (!created.ok) {
        if (created.code === 'COUPON_UNUSABLE') figures.couponsRefused += 1
        continue
      }
      figures.orders += 1
      const orderId = created.data.order._id as string
      placed.push({ orderId, owner })
      // Up to two payment attempts, each with its sheet outcome and callback fate.
      for (let attempt = 0; attempt < 2 && next() < 0.8; attempt += 1) {
        if (next() < 0.1) {
          env.cloud.pay.failNext(1)
          figures.wechatDropped += 1
        }
        figures.payCalls += 1
        const paying = await withRetries(
          () => call(env, 'order', 'pay', { orderId }, owner),
          RETRY_ON,
        )
        if (!paying.ok) break
        const outcome = pick(['paid', 'paid', 'paid', 'cancelled', 'failed'] as const)
        if (outcome === 'paid') {
          env.cloud.pay.script(
            pick([
              { callback: 'normal' },
              { callback: 'repeated', n: 3 },
              { callback: 'delayed', ms: 30 },
              { callback: 'lost' },
            ] as const),
          )
          figures.sheetsPaid += 1
        }
        const sheet = await env.cloud.pay.complete(paying.data.outTradeNo, outcome)
        if (outcome === 'paid' && sheet.ok) break
      }
      const roll = next()
      if (roll < 0.3) {
        figures.cancels += 1
        const who = roll < 0.2 ? owner : merchant
        await withRetries(
          () => call(env, 'order', 'act', { orderId, event: 'cancel' }, who),
          RETRY_ON,
        )
      }
    }
  } finally {
    const stats = env.cloud.faults.stats()
    figures.dbFailed = stats.failed
    figures.dbTimedOut = stats.timedOut
    env.cloud.faults.off()
  }

  // Faults off: callbacks still retrying land, then the timer runs past every due time.
  await env.cloud.pay.drain()
  env.cloud.clock.set(new Date(Date.now() + 2 * 3600 * 1000))
  for (let run = 0; run < 3; run += 1) {
    const result = (await env.cloud.fireTimer(FUNCTIONS.order)) as { ok: boolean }
    expect(result.ok).toBe(true)
    await env.cloud.pay.drain()
  }
  await waitUntil(
    async () =>
      (await env.cloud.store.find(COLLECTIONS.orders, { 'payment.state': 'refunding' })).length ===
      0,
    'refunds to settle',
    30_000,
  )

  const problems: string[] = []
  const ids = new Set(placed.map((p) => p.orderId))
  const orders = (await env.cloud.store.find(COLLECTIONS.orders)).filter((o) => ids.has(o._id))
  const audit = await env.cloud.store.find(COLLECTIONS.orderAudit, { event: 'pay' })
  const trades = await env.cloud.pay.trades()
  const refunds = await env.cloud.pay.refunds()
  for (const order of orders) {
    const key = order.orderNo.replace('-', '')
    const mine = trades.filter((t) => t.outTradeNo.startsWith(`${key}P`))
    const paid = mine.filter((t) => t.state === 'SUCCESS' || t.state === 'REFUND')
    const payRows = audit.filter((row) => row.orderId === order._id)
    const refundsOf = refunds.filter((r) => r.outTradeNo.startsWith(`${key}P`))
    const say = (what: string) =>
      problems.push(`${order.orderNo} (${order.node}, ${order.payment.state}): ${what}`)
    if (paid.length > 1) say(`${paid.length} paid trades`)
    if (payRows.length > 1) say(`${payRows.length} pay audit rows`)
    for (const trade of mine) {
      const fee = refundsOf
        .filter((r) => r.outTradeNo === trade.outTradeNo)
        .reduce((sum, r) => sum + r.refundFee, 0)
      if (fee > trade.totalFee) say(`refunded ${fee} of ${trade.totalFee}`)
      if (trade.totalFee !== order.payment.amountFen) say(`trade for ${trade.totalFee}`)
    }
    if (paid.length === 0) {
      if (order.node !== 'cancelled' || order.payment.state !== 'closed')
        say('unpaid but not closed')
      if (payRows.length) say('marked paid without a paid trade')
      if (refundsOf.length) say('refunded without a payment')
      figures.expired += order.payment.state === 'closed' ? 1 : 0
      continue
    }
    const [trade] = paid
    figures.paidOrders += 1
    if (order.payment.outTradeNo !== trade.outTradeNo)
      say(`paid trade ${trade.outTradeNo} not recorded`)
    if (order.node === 'cancelled') {
      if (order.payment.state !== 'refunded') say('cancelled after payment, not refunded')
      if (refundsOf.length !== 1) say(`${refundsOf.length} refunds`)
      else if (refundsOf[0].refundFee !== trade.totalFee) say(`refund ${refundsOf[0].refundFee}`)
      else figures.refunded += 1
    } else {
      if (order.payment.state !== 'paid') say('live order not paid')
      if (payRows.length !== 1) say('live paid order without its pay row')
      if (refundsOf.length) say('live order refunded')
    }
  }
  // Coupons: used at most once, by the one live order that holds each.
  const allOrders = await env.cloud.store.find(COLLECTIONS.orders)
  const storedCoupons = (await env.cloud.store.find(COLLECTIONS.coupons)) as CouponRecord[]
  for (const coupon of storedCoupons.filter((c) => coupons.includes(c._id))) {
    const holders = allOrders.filter((o) => o.coupon?.couponId === coupon._id)
    const live = holders.filter((o) => o.node !== 'cancelled')
    const say = (what: string) => problems.push(`coupon ${coupon._id}: ${what}`)
    if (live.length > 1) say(`held by ${live.length} live orders`)
    if (live.length === 1 && (coupon.status !== 'used' || coupon.usedBy !== live[0]._id))
      say(`held by ${live[0]._id} but ${coupon.status} by ${coupon.usedBy}`)
    if (live.length === 0 && coupon.status !== 'issued')
      say(`used by ${coupon.usedBy}, no live order`)
    for (const order of holders) {
      figures.couponOrders += 1
      const { discountFen } = order.coupon
      if (discountFen > coupon.amountFen || order.payment.amountFen < 1)
        say(`discount ${discountFen} on ${order.quote.priceFen}`)
      if (order.payment.amountFen !== order.quote.priceFen - discountFen)
        say(`${order.orderNo} pays ${order.payment.amountFen} of ${order.quote.priceFen}`)
    }
  }
  figures.violations = problems.length
  report(`payment-faults: ${JSON.stringify(figures)}`)
  expect(problems).toEqual([])
  expect(figures.dbFailed + figures.dbTimedOut).toBeGreaterThan(0)
  expect(figures.refunded).toBeGreaterThan(0)
  expect(figures.couponOrders).toBeGreaterThan(0)
  expect(figures.couponsRefused).toBeGreaterThan(0)
})
