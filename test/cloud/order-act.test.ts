// order.act: every transition path of the state machine through the real SDK, in one database
// transaction each (order + audit row + queued notification + coupon + urgent slot), and the
// races around it.
import { addDays, chinaDateOf } from '@/domain/china-date'
import { COLLECTIONS } from '@/domain/names'
import { urgentQuotaId } from '@/domain/pricing'
import {
  consumerA,
  consumerB,
  filterSelection,
  inDays,
  makeClient,
  merchant,
  shirtSelection,
  startOrderCloud,
} from './order-helpers'
import { chinaDaytimeToday } from '../helpers/local-cloud'

const env = startOrderCloud()
const {
  act,
  call,
  create,
  find,
  walk,
  auditOf,
  notificationsOf,
  stored,
  snapshot,
  settlePayments,
} = makeClient(env)

afterEach(() => env.cloud.clock.set(null))

const SHIP = { carrier: '顺丰速运', trackingNo: 'SF1234567890' }

describe('made-to-order path', () => {
  test('confirm -> materials -> production -> quality check -> ship -> deliver -> complete', async () => {
    env.cloud.clock.set(chinaDaytimeToday())
    const order = await create(consumerA)
    const steps: [string, string, unknown, string, string | null][] = [
      [merchant, 'confirm', undefined, 'confirmed', 'order_confirmed'],
      [merchant, 'purchase_materials', undefined, 'materials', null],
      [merchant, 'start_production', { note: '开始裁剪' }, 'production', 'production_started'],
      [merchant, 'start_quality_check', undefined, 'quality_check', 'delivery_window'],
      [merchant, 'ship', SHIP, 'shipped', 'shipped'],
      [merchant, 'deliver', undefined, 'delivered', 'delivered'],
      [consumerA, 'complete', undefined, 'completed', null],
    ]
    // create() paid the order: version 2, with its `pay` audit row and its 支付成功 message.
    const purposes: string[] = ['payment_succeeded']
    expect(order).toMatchObject({ version: 2, payment: { state: 'paid' } })
    for (const [index, [who, event, input, node, purpose]] of steps.entries()) {
      const version = index + 3
      const result = await act(who, order._id, event, input, version - 1)
      expect({ event, result }).toMatchObject({ event, result: { ok: true } })
      expect(result.data.order).toMatchObject({ node, version })
      expect(result.data.order.timeline).toHaveLength(version)
      expect(result.data.order.timeline[version - 1]).toMatchObject({
        node,
        event,
        actorRole: who === merchant ? 'merchant' : 'consumer',
      })
      const saved = await stored(order._id)
      expect(saved).toMatchObject({ node, version })
      const audit = await auditOf(order._id)
      expect(audit).toHaveLength(index + 2)
      expect(audit.find((row) => row.version === version)).toMatchObject({
        orderNo: order.orderNo,
        event,
        from: steps[index - 1]?.[3] ?? 'submitted',
        to: node,
        actorRole: who === merchant ? 'merchant' : 'consumer',
        actorOpenid: who,
      })
      if (purpose) purposes.push(purpose)
      const queued = await notificationsOf(order._id)
      expect(queued.map((row) => row.purpose).sort()).toEqual([...purposes].sort())
      // Sent right after the change; consumer A holds no credit, so each is held for the app.
      expect(queued.every((row) => row.status === 'held' && row.toOpenid === consumerA)).toBe(true)
    }
    const shippedNote = (await notificationsOf(order._id)).find((row) => row.purpose === 'shipped')
    expect(shippedNote.values).toMatchObject({
      carrier: SHIP.carrier,
      trackingNo: SHIP.trackingNo,
    })
    const done = await stored(order._id)
    expect(done.shipping).toMatchObject(SHIP)
    expect(done.shipping.shippedAt).toBeInstanceOf(Date)
  })

  test('the reply lists the buttons for the caller', async () => {
    const order = await create(consumerA)
    const confirmed = await act(merchant, order._id, 'confirm')
    expect(confirmed.data.actions).toEqual([
      'purchase_materials',
      'cancel',
      'set_eta',
      'flag_exception',
    ])
    const cancelled = await act(consumerA, order._id, 'cancel')
    expect(cancelled.data).toMatchObject({ order: { node: 'cancelled' }, actions: [] })
  })

  test('ship without a tracking number is INVALID_INPUT on trackingNo and writes nothing', async () => {
    const order = await create(consumerA)
    await walk(order._id, [
      [merchant, 'confirm'],
      [merchant, 'purchase_materials'],
      [merchant, 'start_production'],
      [merchant, 'start_quality_check'],
    ])
    const before = await snapshot()
    await expect(act(merchant, order._id, 'ship', { carrier: '顺丰速运' })).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'trackingNo',
    })
    expect(await snapshot()).toEqual(before)
  })

  test('a consumable ships straight from confirmed; a made-to-order one may not', async () => {
    const filter = await create(consumerA, {
      productId: 'prod_filter',
      selection: filterSelection(),
    })
    await act(merchant, filter._id, 'confirm')
    await expect(act(merchant, filter._id, 'ship', SHIP)).resolves.toMatchObject({
      ok: true,
      data: { order: { node: 'shipped', version: 4 } },
    })
    const shirt = await create(consumerA)
    await act(merchant, shirt._id, 'confirm')
    const refused = await act(merchant, shirt._id, 'ship', SHIP)
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    expect(refused.message).toBe('定制商品需完成质检后才能发货')
  })
})

describe('cancel', () => {
  test('the consumer cancels while submitted: one audit row, no notification', async () => {
    const order = await create(consumerA)
    const result = await act(consumerA, order._id, 'cancel', { note: '买错了' })
    expect(result).toMatchObject({ ok: true, data: { order: { node: 'cancelled', version: 3 } } })
    expect(await auditOf(order._id)).toEqual([
      expect.objectContaining({ event: 'pay', from: 'submitted', to: 'submitted' }),
      expect.objectContaining({
        event: 'cancel',
        from: 'submitted',
        to: 'cancelled',
        note: '买错了',
      }),
    ])
    // Only the payment's receipt: the cancel itself tells nothing (the refund shows on the page).
    const queued = await notificationsOf(order._id)
    expect(queued.map((row) => row.purpose)).toEqual(['payment_succeeded'])
  })

  test('the consumer cannot cancel once production started; the merchant can', async () => {
    const order = await create(consumerA)
    await walk(order._id, [
      [merchant, 'confirm'],
      [merchant, 'purchase_materials'],
      [merchant, 'start_production'],
    ])
    const refused = await act(consumerA, order._id, 'cancel')
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '顾客不能取消订单' })
    const result = await act(merchant, order._id, 'cancel', { note: '面料停产' })
    expect(result).toMatchObject({ ok: true, data: { order: { node: 'cancelled', version: 6 } } })
    expect((await auditOf(order._id)).map((row) => row.event)).toContain('cancel')
  })

  test('the owner firing a merchant event is FORBIDDEN with the reason; nothing written', async () => {
    const order = await create(consumerA)
    const before = await snapshot()
    const refused = await act(consumerA, order._id, 'confirm')
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '顾客不能确认订单' })
    expect(await snapshot()).toEqual(before)
  })
})

describe('races and stale writes', () => {
  test('20 concurrent merchant confirms: exactly one applies, one audit row', async () => {
    const order = await create(consumerA)
    const results = await Promise.all(
      Array.from({ length: 20 }, () => act(merchant, order._id, 'confirm')),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    for (const loser of results.filter((r) => !r.ok))
      expect(['INVALID_TRANSITION', 'CONFLICT']).toContain(loser.code)
    expect(await stored(order._id)).toMatchObject({ node: 'confirmed', version: 3 })
    expect(await auditOf(order._id)).toHaveLength(2)
    const queued = await notificationsOf(order._id)
    expect(queued.map((row) => row.purpose).sort()).toEqual([
      'order_confirmed',
      'payment_succeeded',
    ])
  })

  test('consumer cancel racing merchant confirm (same seen version): exactly one wins', async () => {
    const orders = await Promise.all(Array.from({ length: 4 }, () => create(consumerB)))
    for (const order of orders) {
      const [cancel, confirm] = await Promise.all([
        act(consumerB, order._id, 'cancel', undefined, order.version),
        act(merchant, order._id, 'confirm', undefined, order.version),
      ])
      expect([cancel.ok, confirm.ok].filter(Boolean)).toHaveLength(1)
      const loser = cancel.ok ? confirm : cancel
      expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(loser.code)
      const saved = await stored(order._id)
      expect(saved).toMatchObject({
        node: cancel.ok ? 'cancelled' : 'confirmed',
        version: order.version + 1,
      })
      expect(await auditOf(order._id)).toHaveLength(2)
    }
  })

  test('a stale expectedVersion is CONFLICT and writes nothing', async () => {
    const order = await create(consumerA)
    await act(merchant, order._id, 'confirm', undefined, order.version)
    const before = await snapshot()
    const stale = await act(
      merchant,
      order._id,
      'set_eta',
      { eta: inDays(60), note: '排期调整' },
      order.version,
    )
    expect(stale).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await snapshot()).toEqual(before)
    const fresh = await act(
      merchant,
      order._id,
      'set_eta',
      { eta: inDays(60), note: '排期调整' },
      order.version + 1,
    )
    expect(fresh).toMatchObject({ ok: true, data: { order: { version: 4, eta: inDays(60) } } })
  })
})

describe('delay notice', () => {
  test('moving the date later queues one order_delayed message per slip; a retry or an earlier date none', async () => {
    const order = await create(consumerA)
    await act(merchant, order._id, 'confirm')
    const delayedRows = async () =>
      (await notificationsOf(order._id)).filter((row) => row.purpose === 'order_delayed')
    const later = await act(merchant, order._id, 'set_eta', { eta: inDays(60), note: '面料晚到' })
    expect(later.ok).toBe(true)
    // The same request again (a retry with the version it was based on) applies nothing.
    await act(merchant, order._id, 'set_eta', { eta: inDays(60), note: '面料晚到' }, 3)
    await act(merchant, order._id, 'set_eta', { eta: inDays(50), note: '提前了' })
    const rows = await delayedRows()
    expect(rows).toHaveLength(1)
    expect(rows[0].values).toMatchObject({
      previousEta: order.eta,
      eta: inDays(60),
      reason: '面料晚到',
    })
    await act(merchant, order._id, 'set_eta', { eta: inDays(70), note: '再次推迟' })
    expect(await delayedRows()).toHaveLength(2)
  })
})

describe('urgent capacity on cancel', () => {
  const urgentShirt = { selection: shirtSelection({ urgent: true }) }
  /** The shirt's urgent count for the cloud's China day `day` (0 when no counter exists). */
  const urgentCount = async (day: string) =>
    (await find(COLLECTIONS.urgentQuotas, { _id: urgentQuotaId('prod_shirt', day) }))[0]?.count ?? 0

  test('create urgent + cancel six times leaves 加急 for another customer; the count is back', async () => {
    const now = chinaDaytimeToday()
    env.cloud.clock.set(now)
    const day = chinaDateOf(now)
    const before = await urgentCount(day)
    // The demo shirt takes 3 urgent orders a day: without the release the 4th create is refused.
    for (let round = 1; round <= 6; round += 1) {
      const order = await create(consumerA, urgentShirt)
      expect(order.quote.urgent.applied).toBe(true)
      expect(await urgentCount(day)).toBe(before + 1)
      const cancelled = await act(consumerA, order._id, 'cancel')
      expect(cancelled).toMatchObject({ ok: true, data: { order: { node: 'cancelled' } } })
      expect(await urgentCount(day)).toBe(before)
    }
    const quoted = await call('quote', { productId: 'prod_shirt', ...urgentShirt }, consumerB)
    expect(quoted.data.quote.urgent).toMatchObject({ available: true, applied: true })
    const other = await create(consumerB, urgentShirt)
    expect(other.quote.urgent.applied).toBe(true)
    expect(await urgentCount(day)).toBe(before + 1)
    // Leaves the day as it found it for the next tests.
    expect(await act(consumerB, other._id, 'cancel')).toMatchObject({ ok: true })
    expect(await urgentCount(day)).toBe(before)
  })

  test('a merchant cancel releases too, once: a repeated cancel and other orders keep their slots', async () => {
    const now = chinaDaytimeToday()
    env.cloud.clock.set(now)
    const day = chinaDateOf(now)
    const before = await urgentCount(day)
    const kept = await create(consumerB, urgentShirt)
    const order = await create(consumerA, urgentShirt)
    expect(await urgentCount(day)).toBe(before + 2)
    await walk(order._id, [
      [merchant, 'confirm'],
      [merchant, 'purchase_materials'],
    ])
    expect(await act(merchant, order._id, 'cancel', { note: '面料停产' })).toMatchObject({
      ok: true,
    })
    expect(await urgentCount(day)).toBe(before + 1)
    const again = await Promise.all([
      act(merchant, order._id, 'cancel', { note: '面料停产' }),
      act(consumerA, order._id, 'cancel'),
    ])
    expect(again.every((r) => !r.ok && r.code === 'INVALID_TRANSITION')).toBe(true)
    expect(await urgentCount(day)).toBe(before + 1)
    expect(await act(consumerB, kept._id, 'cancel')).toMatchObject({ ok: true })
    expect(await urgentCount(day)).toBe(before)
  })

  test('cancelled after its urgent day has passed: that day keeps its count, today is untouched', async () => {
    const today = chinaDaytimeToday()
    const yesterday = new Date(today.getTime() - 24 * 3600 * 1000)
    env.cloud.clock.set(yesterday)
    const order = await create(consumerA, urgentShirt)
    const placedOn = chinaDateOf(yesterday)
    expect(placedOn).toBe(addDays(chinaDateOf(today), -1))
    const placedDay = await urgentCount(placedOn)
    env.cloud.clock.set(today)
    const todays = await urgentCount(chinaDateOf(today))
    expect(await act(consumerA, order._id, 'cancel')).toMatchObject({ ok: true })
    expect(await urgentCount(placedOn)).toBe(placedDay)
    expect(await urgentCount(chinaDateOf(today))).toBe(todays)
  })
})

describe('timer', () => {
  test('firing the timer with nothing due succeeds and changes nothing', async () => {
    await settlePayments()
    const before = await snapshot()
    const result = (await env.cloud.fireTimer('order')) as { ok: boolean }
    expect(result).toMatchObject({ ok: true })
    expect(await snapshot()).toEqual(before)
  })

  test('a timer-shaped event from a signed-in user is not a timer run', async () => {
    const result = (await env.cloud.invoke('order', { Type: 'Timer' }, consumerB)) as {
      ok: boolean
      code: string
    }
    expect(result).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
  })
})
