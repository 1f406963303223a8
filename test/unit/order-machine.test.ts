// Every (node, event, role) triple against a hand-written list of what must be allowed. The list
// is written from the product rules, not derived from TRANSITIONS, so a wrong row fails here.
import { availableEvents, can, AUTO_COMPLETE_DAYS } from '@/domain/order-machine'
import {
  ACTOR_ROLES,
  ORDER_EVENTS,
  ORDER_NODES,
  type OrderException,
  type OrderNode,
  type OrderRecord,
} from '@/domain/order-types'
import { orderTabsOf } from '@/domain/order-labels'
import { makeOrder, makeUnpaidOrder, NOW, OWNER, STRANGER } from './order-factories'

const LATER = new Date(NOW.getTime() + 30 * 24 * 3600 * 1000)
const delivered = (order: OrderRecord, node: OrderNode) =>
  node === 'delivered'
    ? { ...order, timeline: [...order.timeline, { ...order.timeline[0], node, at: NOW }] }
    : order

/** node -> "event/role" allowed; anything not listed must be refused. */
type Allowed = Partial<Record<OrderNode, string[]>>
/** Until it ships, the customer may say when to deliver, whatever else is going on. */
const WINDOW = 'choose_delivery_window/consumer'
const PRE = ['cancel/merchant', 'set_eta/merchant', 'flag_exception/merchant', WINDOW]

const MADE_TO_ORDER: Allowed = {
  submitted: ['confirm/merchant', 'cancel/consumer', ...PRE],
  confirmed: ['purchase_materials/merchant', 'cancel/consumer', ...PRE],
  materials: ['start_production/merchant', ...PRE],
  production: ['start_quality_check/merchant', ...PRE],
  // Back for an alteration or remake: neither cancelled nor flagged, but dated and delivered.
  rework: ['start_quality_check/merchant', 'set_eta/merchant', WINDOW],
  quality_check: ['ship/merchant', ...PRE],
  shipped: ['deliver/merchant', 'deliver/system', 'complete/consumer'],
  delivered: ['complete/consumer', 'complete/system'],
}
const CONSUMABLE: Allowed = {
  ...MADE_TO_ORDER,
  confirmed: ['ship/merchant', 'cancel/consumer', ...PRE],
}
const BATCH: Allowed = {
  ...MADE_TO_ORDER,
  submitted: [
    ...MADE_TO_ORDER.submitted!,
    'batch_reached/system',
    'batch_reached/merchant',
    'cancel/system',
  ],
  confirmed: [
    'cancel/consumer',
    ...PRE,
    'batch_reached/system',
    'batch_reached/merchant',
    'cancel/system',
  ],
}

// Unpaid: only paying, expiring (past dueBy: LATER is) and cancelling; nothing moves it forward.
const UNPAID: Allowed = {
  ...MADE_TO_ORDER,
  submitted: ['pay/system', 'expire/system', 'cancel/consumer', ...PRE],
}
const UNPAID_BATCH: Allowed = { ...UNPAID, submitted: [...UNPAID.submitted!, 'cancel/system'] }
// An accepted alteration or remake: the system starts the rework from delivered or completed.
const AFTER_SALES_ACCEPTED: Allowed = {
  delivered: [...MADE_TO_ORDER.delivered!, 'rework/system'],
  completed: ['rework/system'],
}
// In rework, past the workshop: shipped and delivered as ever, still never cancelled or flagged.
const IN_REWORK: Allowed = {
  ...MADE_TO_ORDER,
  quality_check: ['ship/merchant', 'set_eta/merchant', WINDOW],
}
const REWORK = { afterSalesId: 'as_1', kind: 'alteration' as const, startedAt: NOW }
const reworking = (node: OrderNode) => makeOrder({ node, afterSalesOpen: 'as_1', rework: REWORK })

const exception = (choice: OrderException['choice']): OrderException => ({
  id: 'exc_2',
  kind: 'delayed',
  note: '面料延迟到货',
  photos: [],
  offered: [{ type: 'wait_new_eta', newEta: '2026-12-20' }, { type: 'cancel' }],
  flaggedAt: NOW,
  choice,
})
const consumerCancel = (node: OrderNode) =>
  node === 'submitted' || node === 'confirmed' ? ['cancel/consumer'] : []
const PRE_NODES: OrderNode[] = [
  'submitted',
  'confirmed',
  'materials',
  'production',
  'quality_check',
]
const AWAITING: Allowed = Object.fromEntries(
  PRE_NODES.map((node) => [
    node,
    [
      'choose_remedy/consumer',
      'cancel/merchant',
      'set_eta/merchant',
      WINDOW,
      ...consumerCancel(node),
    ],
  ]),
)
const CHOSEN: Allowed = Object.fromEntries(
  PRE_NODES.map((node) => [
    node,
    [
      'resolve_exception/merchant',
      'cancel/merchant',
      'set_eta/merchant',
      WINDOW,
      ...consumerCancel(node),
    ],
  ]),
)

/** Only an accepted rework puts an order on its node, so the node comes with its marker. */
const onNode = (node: OrderNode) => (node === 'rework' ? reworking(node) : { node })
const cases: [string, Allowed, (node: OrderNode) => OrderRecord, OrderNode[]][] = [
  ['made to order', MADE_TO_ORDER, (node) => makeOrder(onNode(node)), [...ORDER_NODES]],
  ['consumable', CONSUMABLE, (node) => makeOrder(onNode(node), 'prod_filter'), [...ORDER_NODES]],
  ['batch', BATCH, (node) => makeOrder(onNode(node), 'prod_linen_batch'), [...ORDER_NODES]],
  [
    'after-sales accepted',
    AFTER_SALES_ACCEPTED,
    (node) => makeOrder({ node, afterSalesOpen: 'as_1' }),
    ['delivered', 'completed'],
  ],
  ['in rework', IN_REWORK, reworking, ['rework', 'quality_check', 'shipped']],
  ['unpaid', UNPAID, (node) => makeUnpaidOrder({ node }), ['submitted']],
  [
    'unpaid batch',
    UNPAID_BATCH,
    (node) => makeUnpaidOrder({ node }, 'prod_linen_batch'),
    ['submitted'],
  ],
  [
    'awaiting a remedy',
    AWAITING,
    (node) => makeOrder({ node, exception: exception(null) }),
    PRE_NODES,
  ],
  [
    'remedy chosen',
    CHOSEN,
    (node) => makeOrder({ node, exception: exception({ remedy: 'wait_new_eta', at: NOW }) }),
    PRE_NODES,
  ],
]

describe.each(cases)(
  '%s: exactly the listed triples are allowed',
  (_name, allowed, build, nodes) => {
    const triples = nodes.flatMap((node) =>
      ORDER_EVENTS.flatMap((event) => ACTOR_ROLES.map((role) => [node, event, role] as const)),
    )
    test.each(triples)('%s %s %s', (node, event, role) => {
      const order = delivered(build(node), node)
      const verdict = can(order, event, role, {
        openid: role === 'consumer' ? OWNER : undefined,
        now: LATER,
      })
      expect(verdict.ok).toBe((allowed[node] ?? []).includes(`${event}/${role}`))
      if (!verdict.ok) expect(verdict.reason).toMatch(/[\u4e00-\u9fa5]/)
    })
  },
)

describe('guards and reasons', () => {
  test('a role outside the row is FORBIDDEN; a wrong node is INVALID_TRANSITION', () => {
    expect(can(makeOrder(), 'confirm', 'consumer')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(can(makeOrder({ node: 'shipped' }), 'confirm', 'merchant')).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: '订单已发货，不能确认订单',
    })
  })

  test('consumers act only on their own orders', () => {
    expect(can(makeOrder(), 'cancel', 'consumer', { openid: STRANGER })).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      reason: '只能操作自己的订单',
    })
    expect(can(makeOrder(), 'cancel', 'consumer', { openid: OWNER })).toEqual({
      ok: true,
      to: 'cancelled',
    })
  })

  test('a made-to-order item cannot skip quality check', () => {
    expect(can(makeOrder({ node: 'confirmed' }), 'ship', 'merchant')).toMatchObject({
      ok: false,
      reason: '定制商品需完成质检后才能发货',
    })
  })

  test('an open exception blocks progress with a reason', () => {
    const order = makeOrder({ node: 'production', exception: exception(null) })
    expect(can(order, 'start_quality_check', 'merchant')).toMatchObject({
      reason: '请先处理订单异常',
    })
    expect(can(order, 'flag_exception', 'merchant')).toMatchObject({
      reason: '订单已有待处理的异常',
    })
    expect(can(order, 'resolve_exception', 'merchant')).toMatchObject({
      reason: '顾客尚未选择处理方式',
    })
  })

  test('resolving goes to cancelled only when the customer chose cancel', () => {
    const chose = (remedy: 'cancel' | 'wait_new_eta') =>
      makeOrder({ node: 'production', exception: exception({ remedy, at: NOW }) })
    expect(can(chose('cancel'), 'resolve_exception', 'merchant')).toEqual({
      ok: true,
      to: 'cancelled',
    })
    expect(can(chose('wait_new_eta'), 'resolve_exception', 'merchant')).toEqual({
      ok: true,
      to: 'production',
    })
  })

  test(`the system completes only ${AUTO_COMPLETE_DAYS} full days after delivery`, () => {
    const order = delivered(makeOrder({ node: 'delivered' }), 'delivered')
    const at = (days: number) => new Date(NOW.getTime() + days * 24 * 3600 * 1000)
    expect(can(order, 'complete', 'system', { now: at(6.99) })).toMatchObject({ ok: false })
    expect(can(order, 'complete', 'system', { now: at(7) })).toMatchObject({ ok: true })
    expect(can(order, 'complete', 'system')).toMatchObject({ ok: false })
  })

  test('nothing is confirmed or produced before it is paid', () => {
    expect(can(makeUnpaidOrder(), 'confirm', 'merchant')).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: '顾客尚未付款',
    })
    expect(can(makeUnpaidOrder({}, 'prod_linen_batch'), 'batch_reached', 'system')).toMatchObject({
      ok: false,
      reason: '顾客尚未付款',
    })
  })

  test('only the system marks paid, once; expiry waits for dueBy', () => {
    const unpaid = makeUnpaidOrder()
    expect(can(unpaid, 'pay', 'consumer', { openid: OWNER })).toMatchObject({ code: 'FORBIDDEN' })
    expect(can(unpaid, 'pay', 'merchant')).toMatchObject({ code: 'FORBIDDEN' })
    expect(can(unpaid, 'pay', 'system')).toEqual({ ok: true, to: 'submitted' })
    expect(can(makeOrder(), 'pay', 'system')).toMatchObject({ ok: false, reason: '订单已付款' })
    const due = unpaid.payment.dueBy.getTime()
    expect(can(unpaid, 'expire', 'system', { now: new Date(due - 1) })).toMatchObject({
      ok: false,
      reason: '尚未到付款截止时间',
    })
    expect(can(unpaid, 'expire', 'system', { now: new Date(due) })).toEqual({
      ok: true,
      to: 'cancelled',
    })
    expect(can(unpaid, 'expire', 'system')).toMatchObject({ ok: false })
    expect(can(makeOrder(), 'expire', 'system', { now: LATER })).toMatchObject({ ok: false })
  })

  test('batch_reached needs a batch order', () => {
    expect(can(makeOrder(), 'batch_reached', 'system')).toMatchObject({
      reason: '该订单不是拼单订单',
    })
  })
})

test('availableEvents lists the buttons a role sees', () => {
  expect(availableEvents(makeOrder(), 'merchant')).toEqual([
    'confirm',
    'cancel',
    'set_eta',
    'flag_exception',
  ])
  expect(availableEvents(makeOrder(), 'consumer', { openid: OWNER })).toEqual([
    'cancel',
    'choose_delivery_window',
  ])
  expect(availableEvents(makeOrder(), 'consumer', { openid: STRANGER })).toEqual([])
  expect(availableEvents(makeOrder({ node: 'completed' }), 'merchant')).toEqual([])
})

test.each([
  ['submitted', null, ['in_progress']],
  ['quality_check', null, ['in_progress']],
  ['shipped', null, ['shipped']],
  ['delivered', null, ['shipped']],
  ['completed', null, ['done']],
  ['cancelled', null, ['done']],
  // Waiting for the customer's choice: still in 进行中 (with its call to action), and on 异常.
  ['production', exception(null), ['in_progress', 'exceptions']],
] as const)('an order at %s (exception %j) is on the %j tabs', (node, exc, tabs) => {
  expect(orderTabsOf({ node, exception: exc })).toEqual(tabs)
})
