// What one event writes: the next record, the audit row, the queued notification and effects.
import { applyTransition } from '@/domain/order-transition'
import type { Actor, OrderRecord } from '@/domain/order-types'
import { outRefundNoOf, outTradeNoOf } from '@/domain/payment'
import { makeOrder, MERCHANT, NOW, OWNER, STRANGER } from './order-factories'

const merchant: Actor = { role: 'merchant', openid: MERCHANT }
const owner: Actor = { role: 'consumer', openid: OWNER }
const system: Actor = { role: 'system', openid: null }
const LATER = new Date(NOW.getTime() + 3600 * 1000)
/** The environment the function runs in: photos must be its files under order-photos/. */
const STORAGE = { env: 'prod-7g3k' }
const PHOTO = 'cloud://prod-7g3k.7072-prod-7g3k-1250000000/order-photos/lq3x9z-0-a1b2c3.jpg'

function applied(order: OrderRecord, event: string, actor: Actor, input?: unknown, now = LATER) {
  const result = applyTransition(order, event, actor, input, now, STORAGE)
  if (!result.ok) throw new Error(`${event} failed: ${result.message}`)
  return result.data
}

const flagged = () =>
  applied(makeOrder({ node: 'production' }), 'flag_exception', merchant, {
    kind: 'delayed',
    note: '面料延迟到货',
    offered: [
      { type: 'wait_new_eta', newEta: '2026-12-20' },
      { type: 'coupon', amountFen: 2000 },
      { type: 'cancel' },
    ],
  }).order

describe('a forward step', () => {
  test('confirm moves the node, bumps the version, appends the timeline and audits', () => {
    const before = makeOrder()
    const frozen = JSON.stringify(before)
    const out = applied(before, 'confirm', merchant, { note: '已核对尺寸' })
    expect(JSON.stringify(before)).toBe(frozen)
    expect(out.order).toMatchObject({ node: 'confirmed', version: 2, updatedAt: LATER })
    expect(out.order.timeline).toHaveLength(2)
    expect(out.order.timeline[1]).toEqual({
      node: 'confirmed',
      event: 'confirm',
      at: LATER,
      actorRole: 'merchant',
      note: '已核对尺寸',
      photos: [],
    })
    expect(out.audit).toEqual({
      orderId: before._id,
      orderNo: before.orderNo,
      event: 'confirm',
      from: 'submitted',
      to: 'confirmed',
      actorRole: 'merchant',
      actorOpenid: MERCHANT,
      at: LATER,
      version: 2,
      note: '已核对尺寸',
      detail: { photoCount: 0 },
    })
    expect(out.notification).toMatchObject({
      purpose: 'order_confirmed',
      toOpenid: OWNER,
      node: 'confirmed',
    })
    expect(out.grant).toBeNull()
    expect(out.batchLeave).toBeNull()
  })

  test('the same input gives the same output', () => {
    const order = makeOrder()
    expect(applyTransition(order, 'confirm', merchant, {}, LATER, STORAGE)).toEqual(
      applyTransition(order, 'confirm', merchant, {}, LATER, STORAGE),
    )
  })

  test('ship records carrier and tracking number and tells the customer', () => {
    const out = applied(makeOrder({ node: 'quality_check' }), 'ship', merchant, {
      carrier: ' 顺丰 ',
      trackingNo: 'SF1234567890',
      photos: [PHOTO],
    })
    expect(out.order.shipping).toEqual({
      carrier: '顺丰',
      trackingNo: 'SF1234567890',
      shippedAt: LATER,
    })
    expect(out.order.timeline.at(-1)?.photos).toEqual([PHOTO])
    expect(out.notification).toMatchObject({
      purpose: 'shipped',
      shipping: { carrier: '顺丰', trackingNo: 'SF1234567890' },
    })
  })

  test('a repeated request finds the order already moved and changes nothing', () => {
    const once = applied(makeOrder(), 'confirm', merchant).order
    expect(applyTransition(once, 'confirm', merchant, {}, LATER, STORAGE)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    })
  })
})

describe('refusals', () => {
  test.each([
    ['an unknown event', makeOrder(), 'teleport', merchant, {}, 'INVALID_INPUT', undefined],
    [
      'a consumer without OPENID',
      makeOrder(),
      'cancel',
      { role: 'consumer', openid: null },
      {},
      'UNAUTHENTICATED',
      undefined,
    ],
    [
      "someone else's order",
      makeOrder(),
      'cancel',
      { role: 'consumer', openid: STRANGER },
      {},
      'FORBIDDEN',
      undefined,
    ],
    ['a merchant-only event', makeOrder(), 'confirm', owner, {}, 'FORBIDDEN', undefined],
    [
      'ship without a tracking number',
      makeOrder({ node: 'quality_check' }),
      'ship',
      merchant,
      { carrier: '顺丰' },
      'INVALID_INPUT',
      'trackingNo',
    ],
    [
      'ship without a carrier',
      makeOrder({ node: 'quality_check' }),
      'ship',
      merchant,
      { trackingNo: 'SF1234567890' },
      'INVALID_INPUT',
      'carrier',
    ],
    [
      'an unknown field',
      makeOrder(),
      'confirm',
      merchant,
      { node: 'completed' },
      'INVALID_INPUT',
      'node',
    ],
    [
      'a payload that is a string',
      makeOrder(),
      'confirm',
      merchant,
      'go',
      'INVALID_INPUT',
      undefined,
    ],
    [
      'a huge note',
      makeOrder(),
      'confirm',
      merchant,
      { note: '长'.repeat(201) },
      'INVALID_INPUT',
      'note',
    ],
    [
      'ten photos',
      makeOrder(),
      'confirm',
      merchant,
      { photos: Array(10).fill(PHOTO) },
      'INVALID_INPUT',
      'photos',
    ],
    [
      'a photo URL of the sender’s choosing',
      makeOrder(),
      'confirm',
      merchant,
      { photos: ['https://evil.example/b.png'] },
      'INVALID_INPUT',
      'photos',
    ],
    [
      'another environment’s photo',
      makeOrder(),
      'confirm',
      merchant,
      { photos: [PHOTO.replace(/prod-7g3k/g, 'other-env')] },
      'INVALID_INPUT',
      'photos',
    ],
    [
      'a photo from the customer (their forms offer none)',
      makeOrder(),
      'cancel',
      owner,
      { photos: [PHOTO] },
      'INVALID_INPUT',
      'photos',
    ],
    [
      'a NUL in a note',
      makeOrder(),
      'cancel',
      owner,
      { note: 'a\u0000b' },
      'INVALID_INPUT',
      'note',
    ],
    [
      'an ETA in the past',
      makeOrder(),
      'set_eta',
      merchant,
      { eta: '2026-11-21' },
      'INVALID_INPUT',
      'eta',
    ],
    [
      'an impossible ETA',
      makeOrder(),
      'set_eta',
      merchant,
      { eta: '2026-02-30' },
      'INVALID_INPUT',
      'eta',
    ],
    [
      'an exception without remedies',
      makeOrder(),
      'flag_exception',
      merchant,
      { kind: 'delayed', note: '延误', offered: [] },
      'INVALID_INPUT',
      'offered',
    ],
    [
      'an exception without a note',
      makeOrder(),
      'flag_exception',
      merchant,
      { kind: 'delayed', offered: [{ type: 'cancel' }] },
      'INVALID_INPUT',
      'note',
    ],
    [
      'a coupon above the order price',
      makeOrder(),
      'flag_exception',
      merchant,
      { kind: 'delayed', note: '延误', offered: [{ type: 'coupon', amountFen: 10_000_000 }] },
      'INVALID_INPUT',
      'offered',
    ],
    [
      'duplicate remedies',
      makeOrder(),
      'flag_exception',
      merchant,
      { kind: 'out_of_stock', note: '缺货', offered: [{ type: 'cancel' }, { type: 'cancel' }] },
      'INVALID_INPUT',
      'offered',
    ],
  ])('%s', (_case, order, event, actor, input, code, field) => {
    const result = applyTransition(order, event, actor as Actor, input, LATER, STORAGE)
    expect(result).toMatchObject({ ok: false, code })
    if (!result.ok) expect(result.field).toBe(field)
  })
})

describe('the exception lifecycle', () => {
  test('flagging opens an exception with the offers and asks the customer', () => {
    const out = applied(makeOrder({ node: 'production' }), 'flag_exception', merchant, {
      kind: 'out_of_stock',
      note: '所选面料缺货',
      offered: [{ type: 'switch_warehouse' }, { type: 'cancel' }],
    })
    expect(out.order.node).toBe('production')
    expect(out.order.exception).toEqual({
      id: 'exc_2',
      kind: 'out_of_stock',
      note: '所选面料缺货',
      photos: [],
      offered: [{ type: 'switch_warehouse' }, { type: 'cancel' }],
      flaggedAt: LATER,
      choice: null,
    })
    expect(out.notification?.purpose).toBe('exception_needs_choice')
  })

  test('the customer may only choose an offered remedy, once', () => {
    expect(
      applyTransition(
        flagged(),
        'choose_remedy',
        owner,
        { remedy: 'switch_warehouse' },
        LATER,
        STORAGE,
      ),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '商家没有提供这种处理方式',
    })
    const chosen = applied(flagged(), 'choose_remedy', owner, { remedy: 'coupon' }).order
    expect(chosen.exception?.choice).toEqual({ remedy: 'coupon', at: LATER })
    expect(
      applyTransition(chosen, 'choose_remedy', owner, { remedy: 'cancel' }, LATER, STORAGE),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    })
  })

  test('resolving "wait" revises the ETA and closes the exception', () => {
    const chosen = applied(flagged(), 'choose_remedy', owner, { remedy: 'wait_new_eta' }).order
    const out = applied(chosen, 'resolve_exception', merchant)
    expect(out.order.eta).toBe('2026-12-20')
    expect(out.order.etaHistory.at(-1)).toMatchObject({
      eta: '2026-12-20',
      event: 'resolve_exception',
    })
    expect(out.order.exception).toBeNull()
    expect(out.order.exceptionHistory).toEqual([
      expect.objectContaining({ kind: 'delayed', resolution: 'wait_new_eta', resolvedAt: LATER }),
    ])
    expect(out.audit.detail).toMatchObject({ applied: 'wait_new_eta' })
    expect(out.grant).toBeNull()
  })

  test('resolving "coupon" grants the offered amount and moves the ETA to the delayed date', () => {
    const chosen = applied(flagged(), 'choose_remedy', owner, { remedy: 'coupon' }).order
    const out = applied(chosen, 'resolve_exception', merchant)
    expect(out.grant).toEqual({
      _id: `cpn_${chosen._id}_${chosen.exception!.id}`,
      ownerOpenid: OWNER,
      amountFen: 2000,
      thresholdFen: 0,
      issuedAt: LATER,
      expiresAt: new Date(LATER.getTime() + 90 * 24 * 3600 * 1000),
      origin: { kind: 'exception_remedy', orderId: chosen._id, orderNo: chosen.orderNo },
      status: 'issued',
      usedBy: null,
      usedAt: null,
    })
    // The coupon makes up for the delay; production still finishes on the date the delay set.
    expect(out.order.eta).toBe('2026-12-20')
    expect(out.order.etaHistory.at(-1)).toMatchObject({
      eta: '2026-12-20',
      event: 'resolve_exception',
    })
  })

  test('the timeline says which remedy the customer chose', () => {
    const chosen = applied(flagged(), 'choose_remedy', owner, { remedy: 'coupon' }).order
    expect(chosen.timeline.at(-1)).toMatchObject({
      event: 'choose_remedy',
      note: '已选择：领取补偿券',
    })
  })

  test('resolving "cancel" cancels the order', () => {
    const chosen = applied(flagged(), 'choose_remedy', owner, { remedy: 'cancel' }).order
    const out = applied(chosen, 'resolve_exception', merchant)
    expect(out.order.node).toBe('cancelled')
    expect(out.audit).toMatchObject({ from: 'production', to: 'cancelled' })
    expect(out.order.exceptionHistory.at(-1)?.resolution).toBe('cancel')
  })

  test('cancelling another way closes the open exception too', () => {
    const out = applied(flagged(), 'cancel', merchant, { note: '顾客电话要求取消' })
    expect(out.order.exception).toBeNull()
    expect(out.order.exceptionHistory.at(-1)?.resolution).toBe('order_cancelled')
  })
})

describe('ETA and batches', () => {
  test('set_eta appends a revision with the merchant note', () => {
    const out = applied(makeOrder(), 'set_eta', merchant, { eta: '2026-12-31', note: '排期调整' })
    expect(out.order.eta).toBe('2026-12-31')
    expect(out.order.etaHistory).toHaveLength(2)
    expect(out.order.etaHistory[1]).toEqual({
      eta: '2026-12-31',
      at: LATER,
      event: 'set_eta',
      reason: '排期调整',
    })
  })

  test('a later date tells the customer once: old and new date and the reason (order_delayed)', () => {
    const order = makeOrder()
    const out = applied(order, 'set_eta', merchant, { eta: '2026-12-31', note: '面料晚到一周' })
    expect(out.notification).toMatchObject({
      purpose: 'order_delayed',
      eta: '2026-12-31',
      delay: { previousEta: order.eta, reason: '面料晚到一周' },
    })
  })

  test('an earlier or unchanged date sends nothing', () => {
    const order = makeOrder({ eta: '2026-12-20' })
    const sooner = applied(order, 'set_eta', merchant, { eta: '2026-12-10', note: '提前完成' })
    expect(sooner.notification).toBeNull()
    const same = applied(order, 'set_eta', merchant, { eta: '2026-12-20', note: '确认日期' })
    expect(same.notification).toBeNull()
  })

  test('a remedy that moves the date tells the customer the new date', () => {
    const order = flagged()
    const chosen = applied(order, 'choose_remedy', owner, { remedy: 'wait_new_eta' }).order
    const out = applied(chosen, 'resolve_exception', merchant, {})
    expect(out.notification).toMatchObject({
      purpose: 'order_delayed',
      eta: '2026-12-20',
      delay: { previousEta: order.eta, reason: '异常处理：等待新的完成日期' },
    })
  })

  test('batch_reached asks for the 尾款, then starts production and counts the lead time from today', () => {
    const order = makeOrder({}, 'prod_linen_batch')
    expect(order.payment.amountFen).toBe(9900) // the 定金
    const reachedAt = new Date('2026-12-01T20:00:00.000Z') // 2026-12-02 in China
    const asked = applied(order, 'batch_reached', system, {}, reachedAt)
    expect(asked.order.node).toBe('submitted')
    expect(asked.order.balance).toMatchObject({
      part: 'balance',
      state: 'unpaid',
      amountFen: order.quote.priceFen - 9900,
      dueBy: new Date(reachedAt.getTime() + 72 * 3600 * 1000),
    })
    expect(asked.order.eta).toBe(order.eta)
    expect(asked.notification).toMatchObject({
      purpose: 'balance_due',
      amountFen: order.quote.priceFen - 9900,
    })
    expect(asked.order.timeline.at(-1)?.note).toMatch(/^已成团，请在 12-05 04:00 前支付尾款 ¥/)
    // Unpaid, a second firing moves nothing.
    expect(
      applyTransition(asked.order, 'batch_reached', system, {}, reachedAt, STORAGE),
    ).toMatchObject({
      ok: false,
      message: '顾客尚未支付尾款',
    })
    // A deposit trade does not pay the 尾款; the 尾款's own trade does.
    const deposit = { outTradeNo: outTradeNoOf(order.orderNo, 2), transactionId: 'wx_tx_9' }
    expect(applyTransition(asked.order, 'pay', system, deposit, reachedAt, STORAGE).ok).toBe(false)
    const trade = {
      outTradeNo: outTradeNoOf(order.orderNo, 1, 'balance'),
      transactionId: 'wx_tx_2',
    }
    const paid = applied(asked.order, 'pay', system, trade, reachedAt)
    expect(paid.order.balance?.state).toBe('paid')
    expect(paid.order.timeline.at(-1)?.note).toBe('已付尾款')
    expect(paid.notification).toMatchObject({
      purpose: 'payment_succeeded',
      amountFen: order.quote.priceFen - 9900,
    })
    const out = applied(paid.order, 'batch_reached', system, {}, reachedAt)
    expect(out.order.node).toBe('production')
    expect(out.order.eta).toBe('2026-12-27') // 12-02 + 25 days
    expect(out.notification?.purpose).toBe('production_started')
    expect(out.audit.actorOpenid).toBeNull()
  })

  test('cancelling a preorder refunds the 定金 and closes an open 尾款', () => {
    const order = makeOrder({}, 'prod_linen_batch')
    const asked = applied(order, 'batch_reached', system, {}, NOW).order
    const out = applied(asked, 'cancel', owner)
    expect(out.order.payment.refunds).toMatchObject([
      { amountFen: 9900, state: 'pending', outRefundNo: outRefundNoOf(order.orderNo, 1) },
    ])
    expect(out.order.balance).toMatchObject({ state: 'closed', refunds: [] })
  })

  test('an unpaid 尾款 past its due time expires the order and refunds the 定金', () => {
    const order = makeOrder({}, 'prod_linen_batch')
    const asked = applied(order, 'batch_reached', system, {}, NOW).order
    const early = applyTransition(asked, 'expire', system, {}, LATER, STORAGE)
    expect(early.ok).toBe(false)
    const due = new Date(NOW.getTime() + 72 * 3600 * 1000)
    const out = applied(asked, 'expire', system, {}, due)
    expect(out.order.node).toBe('cancelled')
    expect(out.order.timeline.at(-1)?.note).toBe('超时未付尾款，订单已自动取消，定金原路退回')
    expect(out.order.payment.refunds?.[0]).toMatchObject({
      amountFen: 9900,
      reason: '超时未付尾款',
    })
  })

  test('cancelling a waiting batch order gives its units back to the batch', () => {
    const order = makeOrder({ node: 'confirmed' }, 'prod_linen_batch')
    expect(applied(order, 'cancel', owner).batchLeave).toEqual({
      batchId: 'prod_linen_batch-b1',
      quantity: 1,
    })
    expect(applied(makeOrder({ node: 'confirmed' }), 'cancel', owner).batchLeave).toBeNull()
  })

  test("cancelling an urgent order the day it was placed gives the day's urgent slot back", () => {
    const base = makeOrder()
    const urgent = makeOrder({
      quote: { ...base.quote, urgent: { requested: true, available: true, applied: true } },
    })
    const slot = { quotaId: 'prod_shirt_2026-11-22' }
    expect(applied(urgent, 'cancel', owner).urgentRelease).toEqual(slot)
    expect(applied({ ...urgent, node: 'production' }, 'cancel', merchant).urgentRelease).toEqual(
      slot,
    )
    // The exception remedy 'cancel' cancels too.
    const offered = { kind: 'delayed', note: '面料延迟', offered: [{ type: 'cancel' }] }
    const flaggedUrgent = applied(urgent, 'flag_exception', merchant, offered).order
    const chosen = applied(flaggedUrgent, 'choose_remedy', owner, { remedy: 'cancel' }).order
    const resolved = applied(chosen, 'resolve_exception', merchant)
    expect(resolved.order.node).toBe('cancelled')
    expect(resolved.urgentRelease).toEqual(slot)
    // Not urgent, not a cancel, or the urgent day is over (its counter is no longer read): none.
    expect(applied(base, 'cancel', owner).urgentRelease).toBeNull()
    expect(applied(urgent, 'confirm', merchant).urgentRelease).toBeNull()
    const nextDay = new Date('2026-11-22T16:30:00.000Z') // 2026-11-23 00:30 in China
    expect(applied(urgent, 'cancel', owner, undefined, nextDay).urgentRelease).toBeNull()
  })

  test('delivery is notified, completion is not', () => {
    const shipped = makeOrder({ node: 'shipped' })
    expect(applied(shipped, 'deliver', system).notification?.purpose).toBe('delivered')
    expect(applied(shipped, 'complete', owner).notification).toBeNull()
  })
})

describe('rework after an accepted alteration or remake', () => {
  const accepted = (node: 'delivered' | 'completed') =>
    makeOrder({ node, afterSalesOpen: 'as_1', eta: '2026-11-20' })
  const input = { kind: 'alteration', note: '改尺寸：袖长改短 2cm', eta: '2026-12-03' }

  test('the system sends the order back to the workshop with the plan and its new date, quietly', () => {
    for (const node of ['delivered', 'completed'] as const) {
      const out = applied(accepted(node), 'rework', system, input)
      expect(out.order).toMatchObject({
        node: 'rework',
        eta: '2026-12-03',
        afterSalesOpen: 'as_1',
        rework: { afterSalesId: 'as_1', kind: 'alteration', startedAt: LATER },
      })
      expect(out.order.timeline.at(-1)).toMatchObject({ node: 'rework', note: input.note })
      expect(out.order.etaHistory.at(-1)).toMatchObject({ eta: '2026-12-03', event: 'rework' })
      expect(out.audit).toMatchObject({ event: 'rework', from: node, to: 'rework' })
      // A later date here is a new promise the after-sales message tells, not a delay.
      expect(out.notification).toBeNull()
    }
  })

  test('only the system, only with an open request, only with a plan and a date', () => {
    const refused = (order: OrderRecord, actor: Actor, body: unknown) =>
      applyTransition(order, 'rework', actor, body, LATER, STORAGE)
    expect(refused(accepted('delivered'), merchant, input)).toMatchObject({ code: 'FORBIDDEN' })
    expect(refused(makeOrder({ node: 'delivered' }), system, input)).toMatchObject({
      code: 'INVALID_TRANSITION',
    })
    expect(refused(accepted('delivered'), system, { ...input, note: '' })).toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect(refused(accepted('delivered'), system, { ...input, kind: 'return' })).toMatchObject({
      code: 'INVALID_INPUT',
    })
  })

  test('the reworked item goes through quality check and shipping; its arrival ends the rework', () => {
    let order = applied(accepted('completed'), 'rework', system, input).order
    order = applied(order, 'start_quality_check', merchant).order
    order = applied(order, 'ship', merchant, { carrier: '顺丰', trackingNo: 'SF1234567890' }).order
    expect(order).toMatchObject({ node: 'shipped', afterSalesOpen: 'as_1' })
    expect(order.rework).not.toBeNull()
    const arrived = applied(order, 'deliver', merchant)
    expect(arrived.order).toMatchObject({ node: 'delivered', rework: null, afterSalesOpen: null })
    expect(arrived.notification).toMatchObject({ purpose: 'delivered' })
  })
})
