// Payment under faults: a few hundred orders through random payment outcomes (paid, sheet
// cancelled or failed; callback normal, repeated, delayed or lost; WeChat calls that get no
// answer) and random cancellations, while the local cloud refuses some database calls and loses
// the answers of others. The client retries INTERNAL like the app. Then, faults off, the order
// timer runs past every due time, and every order must be explainable by WeChat's own record:
// each trade WeChat says was paid is marked paid on its order exactly once, no order is paid
// twice, every cancelled paid order is refunded in full, each refund (outRefundNo) exactly once,
// no refund exceeds its payment, and an order with no paid trade ends unpaid-and-closed (expired
// or cancelled). Merchants also refund part of some orders (some requests sent twice, some
// refunds answered SYSTEMERROR first); the ledger holds each payment and refund once, and every
// day's reconciliation adds up against the ledger, the orders and WeChat.
// Some orders spend a coupon (each owner holds a few remedy coupons; a pick may be someone else's
// or already spent, and is then refused): every coupon is used at most once — held by at most one
// live order, marked used by exactly that one, and issued again when its orders were all
// cancelled — and such an order's payment is its price less its discount. Stock is never
// oversold (test/helpers/stock.ts).
import { chinaDateOf } from '@/domain/china-date'
import type { CouponRecord } from '@/domain/coupon'
import type { LedgerEntry } from '@/domain/ledger'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { refundsOf as refundsOfOrder, type OrderPayment } from '@/domain/payment'
import { payOrder } from '../helpers/demo-cloud'
import { createPayload, filterSelection, rid } from '../cloud/order-helpers'
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
  WORKLOAD_TIMEOUT_MS,
} from './harness'
import { randomSheet, refundProblems, refundsSettled } from './payments-under-faults'
import { counterProblems, driftFixedBy } from '../helpers/order-counters'
import { stockProblems } from '../helpers/stock'

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
  partialRefunds: 0,
  repeatedRequests: 0,
  ledgerRows: 0,
  days: 0,
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

test(
  `${ORDERS} orders through random payment outcomes under faults: paid once, refunded once`,
  async () => {
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
        let paidSheet = false
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
          const outcome = randomSheet(env, pick, ['paid', 'paid', 'paid', 'cancelled', 'failed'])
          if (outcome === 'paid') figures.sheetsPaid += 1
          const sheet = await env.cloud.pay.complete(paying.data.outTradeNo, outcome)
          paidSheet = outcome === 'paid' && sheet.ok
          if (paidSheet) break
        }
        // The merchant refunds part of some orders (up to a third each time, at most twice): the
        // client retries INTERNAL with the same requestId, and some taps are sent twice. The
        // merchant sees the order paid first: a delayed callback lands (a lost one never does, and
        // its order answers NOT_PAID), so how many refunds run does not depend on the machine's speed.
        if (paidSheet) await env.cloud.pay.drain()
        for (let n = 0; n < 2 && paidSheet && next() < 0.4; n += 1) {
          const amountFen = 1 + Math.floor(next() * (created.data.order.quote.priceFen / 3))
          const request = {
            orderId,
            amountFen,
            reason: '与顾客协商退款',
            requestId: rid('partial'),
          }
          if (next() < 0.2) env.cloud.pay.script({ refund: 'fail_then_succeed' })
          const times = next() < 0.3 ? 2 : 1
          for (let t = 0; t < times; t += 1) {
            const answer = await withRetries(
              () => call(env, 'merchant', 'refundOrder', request, merchant),
              RETRY_ON,
            )
            if (answer.ok && t === 0) figures.partialRefunds += 1
            if (t > 0) figures.repeatedRequests += 1
          }
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

    /** Order counter drift any timer run fixed (none may arise: every write is a function's). */
    const drift: string[] = []
    // Faults off: callbacks still retrying land, then the timer runs past every due time.
    await env.cloud.pay.drain()
    env.cloud.clock.set(new Date(Date.now() + 2 * 3600 * 1000))
    for (let run = 0; run < 3; run += 1) {
      const result = (await env.cloud.fireTimer(FUNCTIONS.order)) as { ok: boolean }
      expect(result.ok).toBe(true)
      drift.push(...driftFixedBy(result))
      await env.cloud.pay.drain()
    }
    await refundsSettled(env)

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
      // Each refund on the order reached WeChat exactly once, for its amount, and WeChat holds
      // no refund the order does not know.
      for (const problem of refundProblems(refundsOfOrder(order.payment), refundsOf)) say(problem)
      const refundedFee = refundsOf.reduce((sum, r) => sum + r.refundFee, 0)
      if (order.node === 'cancelled') {
        if (order.payment.state !== 'refunded') say('cancelled after payment, not refunded')
        if (refundedFee !== trade.totalFee) say(`refunded ${refundedFee} of ${trade.totalFee}`)
        else figures.refunded += 1
      } else {
        if (order.payment.state !== 'paid') say('live order not paid')
        if (payRows.length !== 1) say('live paid order without its pay row')
        if (refundedFee >= trade.totalFee) say('live order refunded in full')
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

    // The ledger: one pay row per paid trade, one refund row per refund WeChat paid out, nothing
    // else; and each day's reconciliation equals its ledger rows, the orders and WeChat.
    const ledger = (await env.cloud.store.find(COLLECTIONS.paymentLedger)).filter((row) =>
      ids.has(row.orderId),
    ) as LedgerEntry[]
    figures.ledgerRows = ledger.length
    const paidTrades = trades.filter(
      (t) =>
        (t.state === 'SUCCESS' || t.state === 'REFUND') &&
        orders.some((o) => o.payment.outTradeNo === t.outTradeNo),
    )
    const mineRefunds = refunds.filter((r) => paidTrades.some((t) => t.outTradeNo === r.outTradeNo))
    const rowsOf = (kind: string) => ledger.filter((row) => row.kind === kind)
    const keyed = (list: { _id: string; amountFen: number }[]) =>
      list.map((row) => `${row._id}:${row.amountFen}`).sort()
    const expectSame = (what: string, got: string[], want: string[]) => {
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`ledger ${what} differ`)
    }
    expectSame(
      'pay rows and paid trades',
      keyed(rowsOf('pay')),
      paidTrades.map((t) => `${t.outTradeNo}:${t.totalFee}`).sort(),
    )
    expectSame(
      'refund rows and WeChat refunds',
      keyed(rowsOf('refund')),
      mineRefunds.map((r) => `${r.outRefundNo}:${r.refundFee}`).sort(),
    )
    const dates = [...new Set(ledger.map((row) => row.chinaDate))]
    figures.days = dates.length
    for (const date of dates) {
      const day = await call(env, 'merchant', 'reconciliation', { date }, merchant)
      if (!day.ok) {
        problems.push(`reconciliation ${date}: ${day.code}`)
        continue
      }
      // All of this day's rows, every page (other suites' orders may share the ledger).
      const rows: { orderId: string; paidFen: number; refundedFen: number; netFen: number }[] = []
      for (let page = 1; page <= day.data.pages; page += 1)
        rows.push(
          ...(await call(env, 'merchant', 'reconciliation', { date, page }, merchant)).data.rows,
        )
      const sum = (key: 'paidFen' | 'refundedFen' | 'netFen') =>
        rows.reduce((total, row) => total + row[key], 0)
      const { totals } = day.data
      if (totals.paidFen !== sum('paidFen') || totals.refundedFen !== sum('refundedFen'))
        problems.push(`reconciliation ${date}: totals are not the sum of the rows`)
      if (totals.netFen !== totals.paidFen - totals.refundedFen)
        problems.push(`reconciliation ${date}: net is not paid less refunded`)
      const mine = rows.filter((row) => ids.has(row.orderId))
      const fromOrders = orders.reduce(
        (acc, order) => {
          const payment = order.payment as OrderPayment & { paidAt: string | null }
          if (payment.outTradeNo && payment.paidAt && chinaDateOf(payment.paidAt) === date)
            acc.paid += payment.amountFen
          for (const refund of refundsOfOrder(payment))
            if (refund.state === 'succeeded' && chinaDateOf(refund.at) === date)
              acc.refunded += refund.amountFen
          return acc
        },
        { paid: 0, refunded: 0 },
      )
      const mineSum = (key: 'paidFen' | 'refundedFen') =>
        mine.reduce((total, row) => total + row[key], 0)
      if (mineSum('paidFen') !== fromOrders.paid)
        problems.push(
          `reconciliation ${date}: paid ${mineSum('paidFen')}, orders say ${fromOrders.paid}`,
        )
      if (mineSum('refundedFen') !== fromOrders.refunded)
        problems.push(
          `reconciliation ${date}: refunded ${mineSum('refundedFen')}, orders say ${fromOrders.refunded}`,
        )
    }
    problems.push(...drift, ...(await counterProblems(env.cloud)))
    problems.push(...(await stockProblems(env.cloud)))
    figures.violations = problems.length
    report(`payment-faults: ${JSON.stringify(figures)}`)
    expect(problems).toEqual([])
    expect(figures.dbFailed + figures.dbTimedOut).toBeGreaterThan(0)
    expect(figures.refunded).toBeGreaterThan(0)
    expect(figures.couponOrders).toBeGreaterThan(0)
    expect(figures.couponsRefused).toBeGreaterThan(0)
    expect(figures.partialRefunds).toBeGreaterThan(0)
  },
  WORKLOAD_TIMEOUT_MS,
)
