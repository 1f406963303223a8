// Faults: hundreds of order operations while the local cloud refuses some database calls and
// loses the answers of others (tools/local-cloud/faults.ts); the "client" retries INTERNAL
// answers like the app does (same requestId). Then, faults off, every order must be explainable:
// its audit rows replay through the state machine table to its node, one audit row per timeline
// entry and per version, no duplicate order per requestId, one coupon per coupon resolution.
import { TRANSITIONS } from '@/domain/order-machine'
import { COLLECTIONS } from '@/domain/names'
import {
  createPayload,
  curtainSelection,
  filterSelection,
  inDays,
  rid,
} from '../cloud/order-helpers'
import { call, consumerA, consumerB, merchant, recordFigures, useReliabilityCloud } from './harness'

const env = useReliabilityCloud()
const OPERATIONS = Number(process.env.FAULT_OPERATIONS ?? 300)
const SEED = Number(process.env.FAULT_SEED ?? 7)

let random = SEED
const next = () => {
  random = (random * 1103515245 + 12345) % 2 ** 31
  return random / 2 ** 31
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]

/** An INTERNAL answer or a failed call is retried, like a tap on 重试. */
async function withRetries(work: () => Promise<{ ok: boolean; code?: string }>) {
  for (let attempt = 1; attempt <= 8; attempt += 1) {
    try {
      const result = await work()
      if (result.ok || result.code !== 'INTERNAL') return result
    } catch {
      // the invocation itself failed (worker timeout): retry
    }
  }
  return { ok: false, code: 'GAVE_UP' }
}

const OWNERS = [consumerA, consumerB]
const products = [
  () => ({}),
  () => ({ productId: 'prod_filter', selection: filterSelection() }),
  () => ({ productId: 'prod_curtain', selection: curtainSelection() }),
]
type Step = [string, (orderId: string) => unknown, 'owner' | 'merchant']
const STEPS: Step[] = [
  ['confirm', () => undefined, 'merchant'],
  ['purchase_materials', () => undefined, 'merchant'],
  ['start_production', () => undefined, 'merchant'],
  ['start_quality_check', () => undefined, 'merchant'],
  [
    'ship',
    () => ({ carrier: '顺丰速运', trackingNo: `SF${Math.floor(next() * 1e10)}` }),
    'merchant',
  ],
  ['deliver', () => undefined, 'merchant'],
  ['complete', () => undefined, 'owner'],
  ['cancel', () => undefined, 'owner'],
  ['set_eta', () => ({ eta: inDays(30) }), 'merchant'],
  [
    'flag_exception',
    () => ({
      kind: 'delayed',
      note: '面料延迟到货',
      offered: [{ type: 'coupon', amountFen: 2000 }, { type: 'cancel' }],
    }),
    'merchant',
  ],
  ['choose_remedy', () => ({ remedy: pick(['coupon', 'cancel']) }), 'owner'],
  ['resolve_exception', () => undefined, 'merchant'],
]

const figures = { operations: 0, gaveUp: 0, dbCalls: 0, dbFailed: 0, dbTimedOut: 0, violations: 0 }
afterAll(() => recordFigures('faults', figures))

test(`${OPERATIONS} operations under database faults leave every order consistent`, async () => {
  const created: { orderId: string; owner: string; requestId: string }[] = []
  env.cloud.faults.set({ dbFailRate: 0.05, dbTimeoutRate: 0.03, seed: SEED })
  try {
    for (let index = 0; index < OPERATIONS; index += 1) {
      figures.operations += 1
      if (created.length < 5 || next() < 0.25) {
        const owner = pick(OWNERS)
        const payload = createPayload({ requestId: rid('fault'), ...pick(products)() })
        const result = (await withRetries(() => call(env, 'order', 'create', payload, owner))) as {
          ok: boolean
          data?: { order: { _id: string } }
        }
        if (result.ok)
          created.push({ orderId: result.data!.order._id, owner, requestId: payload.requestId })
        else figures.gaveUp += 1
        continue
      }
      const { orderId, owner } = pick(created)
      const [event, input, who] = pick(STEPS)
      const result = await withRetries(() =>
        call(
          env,
          'order',
          'act',
          { orderId, event, input: input(orderId) },
          who === 'owner' ? owner : merchant,
        ),
      )
      if (result.code === 'GAVE_UP') figures.gaveUp += 1
    }
  } finally {
    Object.assign(
      figures,
      (({ calls, failed, timedOut }) => ({
        dbCalls: calls,
        dbFailed: failed,
        dbTimedOut: timedOut,
      }))(env.cloud.faults.stats()),
    )
    env.cloud.faults.off()
  }

  const problems: string[] = []
  const orders = await env.cloud.store.find(COLLECTIONS.orders)
  const audit = await env.cloud.store.find(COLLECTIONS.orderAudit)
  const coupons = await env.cloud.store.find(COLLECTIONS.coupons)
  const byRequest = new Map<string, number>()
  for (const order of orders)
    byRequest.set(
      `${order.ownerOpenid}/${order.requestId}`,
      (byRequest.get(`${order.ownerOpenid}/${order.requestId}`) ?? 0) + 1,
    )
  for (const [key, count] of byRequest)
    if (count > 1) problems.push(`${count} orders for request ${key}`)
  for (const { orderId } of created)
    if (!orders.some((order) => order._id === orderId))
      problems.push(`answered order ${orderId} missing`)

  for (const order of orders) {
    const rows = audit
      .filter((row) => row.orderId === order._id)
      .sort((a, b) => a.version - b.version)
    let node = 'submitted'
    rows.forEach((row, index) => {
      if (row.version !== index + 2)
        problems.push(`${order._id}: audit version ${row.version} at ${index}`)
      const allowed = TRANSITIONS.some(
        (t) =>
          t.event === row.event &&
          (typeof t.from === 'string' ? [t.from] : t.from).includes(node as never) &&
          (t.to === 'same' ? row.to === node : row.to === t.to),
      )
      if (!allowed || row.from !== node)
        problems.push(`${order._id}: ${node} -${row.event}-> ${row.to} not in the table`)
      node = row.to
    })
    if (node !== order.node)
      problems.push(`${order._id}: audit replays to ${node}, order is ${order.node}`)
    if (order.version !== rows.length + 1)
      problems.push(`${order._id}: version ${order.version}, ${rows.length} audit rows`)
    const events = order.timeline.slice(1).map((entry: { event: string }) => entry.event)
    if (JSON.stringify(events) !== JSON.stringify(rows.map((row) => row.event)))
      problems.push(`${order._id}: timeline ${events} vs audit ${rows.map((row) => row.event)}`)
    const couponResolutions = rows.filter(
      (row) => row.event === 'resolve_exception' && row.detail?.applied === 'coupon',
    ).length
    const granted = coupons.filter((coupon) => coupon.orderId === order._id).length
    if (granted !== couponResolutions)
      problems.push(`${order._id}: ${granted} coupons for ${couponResolutions} coupon resolutions`)
  }
  figures.violations = problems.length
  expect(problems).toEqual([])
  expect(figures.dbFailed + figures.dbTimedOut).toBeGreaterThan(0)
})
