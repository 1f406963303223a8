// Faults: hundreds of order operations while the local cloud refuses some database calls and
// loses the answers of others (tools/local-cloud/faults.ts); the "client" retries INTERNAL
// answers like the app does (same requestId). Then, faults off, every order must be explainable:
// its audit rows replay through the state machine table to its node, one audit row per timeline
// entry and per version, no duplicate order per requestId, one coupon per coupon resolution;
// stock never oversold (test/helpers/stock.ts).
// Messages: the message API also fails (WeChat errors, lost replies) during the run; once the
// queue has drained, every notifying audit event has its outbox row, and every row was sent
// exactly once (by the local inbox) or ended dead / held with a reason.
import { sentPageOf } from '@/domain/message-opened'
import { outboxIdOf, orderMessageKey, type OutboxRecord } from '@/domain/message-drafts'
import { emptySubscription } from '@/domain/message-policy'
import { purposeOfTemplateId } from '@/domain/message-templates'
import type { MessagePurpose } from '@/domain/messages'
import { TRANSITIONS } from '@/domain/order-machine'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import {
  createPayload,
  curtainSelection,
  filterSelection,
  inDays,
  rid,
} from '../cloud/order-helpers'
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
import { counterProblems } from '../helpers/order-counters'
import { stockProblems } from '../helpers/stock'

const env = useReliabilityCloud()
const OPERATIONS = Number(process.env.FAULT_OPERATIONS ?? 300)
const SEED = Number(process.env.FAULT_SEED ?? 7)

const { next, pick } = seededRandom(SEED)

const OWNERS = [consumerA, consumerB, 'o_fault_owner_1', 'o_fault_owner_2']
const HAPPY_PATH = [
  'confirm',
  'purchase_materials',
  'start_production',
  'start_quality_check',
  'ship',
  'deliver',
  'complete',
]
/** The order events whose transition queues a message (the design's notifying nodes). */
const NOTIFYING: Record<string, MessagePurpose> = {
  confirm: 'order_confirmed',
  start_production: 'production_started',
  ship: 'shipped',
  deliver: 'delivered',
  flag_exception: 'exception_needs_choice',
}
/** WeChat answers injected into the message API during the run: transient and permanent. */
const SEND_FAILURES = [45009, -1, -501001, 43101, 47003, 45009, -1, 40003]
const DAY = 24 * 3600 * 1000
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
  ['set_eta', () => ({ eta: inDays(30), note: '排期调整' }), 'merchant'],
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

const figures = {
  operations: 0,
  gaveUp: 0,
  dbCalls: 0,
  dbFailed: 0,
  dbTimedOut: 0,
  sendFailures: 0,
  messages: 0,
  sent: 0,
  dead: 0,
  held: 0,
  violations: 0,
}
afterAll(() => {
  env.cloud.clock.set(null)
  recordFigures('faults', figures)
})

/** Credits for every order message, so sends reach the (failing) message API. */
async function grantCredits() {
  const now = new Date()
  await env.cloud.store.insertMany(
    COLLECTIONS.subscriptions,
    OWNERS.flatMap((openid) =>
      Object.values(NOTIFYING).map((purpose) => ({
        ...emptySubscription(openid, purpose, now),
        credits: 500,
        acceptedTotal: 500,
      })),
    ),
  )
}

/** Drains the queue one day at a time (11:00 China time: no quiet hours, a new daily cap). */
async function drainMessages(): Promise<OutboxRecord[]> {
  const firstDay = Date.parse(`${new Date().toISOString().slice(0, 10)}T03:00:00.000Z`) + DAY
  for (let day = 0; day < 30; day += 1) {
    env.cloud.clock.set(new Date(firstDay + day * DAY))
    const drained = (await env.cloud.fireTimer('message')) as { ok: boolean }
    expect(drained.ok).toBe(true)
    const rows = (await env.cloud.store.find(COLLECTIONS.notificationQueue)) as OutboxRecord[]
    if (rows.every((row) => !['pending', 'retry', 'sending'].includes(row.status))) return rows
  }
  return (await env.cloud.store.find(COLLECTIONS.notificationQueue)) as OutboxRecord[]
}

/**
 * The customer pays on the sheet right after placing the order. WeChat's notice reaches the
 * payment function when the database lets it (retried until answered), so a `confirm` tried
 * before it lands is refused like any other early event.
 */
async function payAtOnce(orderId: string, owner: string) {
  const paying = await withRetries(() => call(env, 'order', 'pay', { orderId }, owner))
  if (paying.ok) await env.cloud.pay.complete(paying.data.outTradeNo, 'paid')
  else figures.gaveUp += 1
}

test(`${OPERATIONS} operations under database faults leave every order consistent`, async () => {
  const created: { orderId: string; owner: string; requestId: string; step: number }[] = []
  await grantCredits()
  // The order timer spreads the demo materials over their shards, so orders and their moves
  // under faults take and settle stock in shards (stock-shards.ts).
  expect(await env.cloud.fireTimer(FUNCTIONS.order)).toMatchObject({
    ok: true,
    data: { stock: { spread: 5 } },
  })
  env.cloud.pay.setRetryDelays([50, 100, 200, 400, 800, 1600])
  env.cloud.faults.set({ dbFailRate: 0.05, dbTimeoutRate: 0.03, seed: SEED })
  try {
    for (let index = 0; index < OPERATIONS; index += 1) {
      figures.operations += 1
      // Now and then the next send answers a WeChat error or loses its reply.
      if (index % 20 === 0) {
        env.cloud.inbox.failNext(pick(SEND_FAILURES), 1)
        figures.sendFailures += 1
      }
      if (created.length < 5 || next() < 0.25) {
        const owner = pick(OWNERS)
        const payload = createPayload({ requestId: rid('fault'), ...pick(products)() })
        const result = (await withRetries(() => call(env, 'order', 'create', payload, owner))) as {
          ok: boolean
          data?: { order: { _id: string } }
        }
        if (result.ok) {
          created.push({
            orderId: result.data!.order._id,
            owner,
            requestId: payload.requestId,
            step: 0,
          })
          await payAtOnce(result.data!.order._id, owner)
        } else figures.gaveUp += 1
        continue
      }
      const order = pick(created)
      const { orderId, owner } = order
      // Half the time the order's next step on the happy path (so orders move and messages go
      // out), otherwise any event, most of which the table refuses.
      const forward = next() < 0.5 && order.step < HAPPY_PATH.length
      const [event, input, who] = forward
        ? STEPS.find(([name]) => name === HAPPY_PATH[order.step])!
        : pick(STEPS)
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
      if (forward && result.ok) order.step += 1
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
    await env.cloud.pay.drain()
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
    const granted = coupons.filter((coupon) => coupon.origin.orderId === order._id).length
    if (granted !== couponResolutions)
      problems.push(`${order._id}: ${granted} coupons for ${couponResolutions} coupon resolutions`)
  }
  problems.push(...(await messageProblems(orders, audit)))
  problems.push(...(await counterProblems(env.cloud)))
  problems.push(...(await stockProblems(env.cloud)))
  figures.violations = problems.length
  expect(problems).toEqual([])
  expect(figures.dbFailed + figures.dbTimedOut).toBeGreaterThan(0)
  expect(figures.sent).toBeGreaterThan(0)
})

/** Every notifying audit event has its message; every message was sent once or ended with a reason. */
async function messageProblems(
  orders: Record<string, unknown>[],
  audit: Record<string, any>[], // eslint-disable-line @typescript-eslint/no-explicit-any
): Promise<string[]> {
  const problems: string[] = []
  const rows = await drainMessages()
  const byId = new Map(rows.map((row) => [row._id, row]))
  for (const row of audit) {
    const purpose = NOTIFYING[row.event]
    if (!purpose) continue
    const key = orderMessageKey({ _id: row.orderId, node: row.to, version: row.version })
    const message = byId.get(outboxIdOf(key))
    if (message?.purpose !== purpose) problems.push(`${row.orderId} v${row.version}: no ${purpose}`)
  }
  const orderIds = new Set(orders.map((order) => order._id))
  // Sent once: per (user, page, purpose), deliveries the inbox saw = rows marked sent, plus at most
  // the rows held because a send's outcome was lost (those are never resent blindly). The page
  // WeChat was given carries the row's id (mid), so each group is one message.
  const groups = new Map<string, { delivered: number; sent: number; uncertain: number }>()
  const group = (key: string) => {
    if (!groups.has(key)) groups.set(key, { delivered: 0, sent: 0, uncertain: 0 })
    return groups.get(key)!
  }
  for (const message of await env.cloud.inbox.list())
    if (message.errcode === 0)
      group(`${message.touser}|${message.page}|${purposeOfTemplateId(message.templateId)}`)
        .delivered++
  for (const row of rows) {
    if (row.orderId && !orderIds.has(row.orderId)) problems.push(`${row._id}: order missing`)
    const counts = group(`${row.toOpenid}|${sentPageOf(row.page, row._id)}|${row.purpose}`)
    if (row.status === 'sent') counts.sent++
    else if (row.status === 'dead' || row.status === 'held') {
      if (!row.reason) problems.push(`${row._id}: ${row.status} without a reason`)
      if (row.uncertain) counts.uncertain++
    } else problems.push(`${row._id}: still ${row.status} after draining`)
  }
  for (const [key, { delivered, sent, uncertain }] of groups)
    if (delivered < sent || delivered > sent + uncertain)
      problems.push(`${key}: delivered ${delivered}, sent ${sent} (+${uncertain} uncertain)`)
  const count = (status: string) => rows.filter((row) => row.status === status).length
  const reasons = new Map<string, number>()
  for (const row of rows)
    if (row.status !== 'sent') {
      const reason = `${row.status} ${row.errcode ?? ''} ${row.reason}`
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
    }
  report(`faults: unsent messages by reason ${JSON.stringify(Object.fromEntries(reasons))}`)
  Object.assign(figures, {
    messages: rows.length,
    sent: count('sent'),
    dead: count('dead'),
    held: count('held'),
  })
  return problems
}
