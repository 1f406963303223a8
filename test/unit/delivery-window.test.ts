// The delivery window: the customer picks when the made item should arrive, before it ships; the
// order entering quality check asks for it once; the label the merchant copies carries it.
import { shippingLabel } from '@/domain/address'
import { deliveryDateRange, deliveryWindowText } from '@/domain/delivery-window'
import { orderMessageDraft } from '@/domain/message-drafts'
import { applyTransition } from '@/domain/order-transition'
import type { Actor, OrderRecord } from '@/domain/order-types'
import { ADDRESS, makeOrder, MERCHANT, NOW, OWNER, STRANGER } from './order-factories'

const owner: Actor = { role: 'consumer', openid: OWNER }
const merchant: Actor = { role: 'merchant', openid: MERCHANT }
const STORAGE = { env: 'prod-7g3k' }
// NOW is 2026-11-22 10:00 China time.
const TODAY = '2026-11-22'

const choose = (order: OrderRecord, input: unknown, actor = owner) =>
  applyTransition(order, 'choose_delivery_window', actor, input, NOW, STORAGE)

describe('choosing', () => {
  test('the owner saves a window: stored, on the timeline, audited, no message', () => {
    const out = choose(makeOrder({ node: 'production' }), { kind: 'weekend' })
    if (!out.ok) throw new Error(out.message)
    expect(out.data.order).toMatchObject({
      node: 'production',
      deliveryWindow: { kind: 'weekend', date: null, chosenAt: NOW },
    })
    expect(out.data.order.timeline.at(-1)).toMatchObject({ note: '送货时间：周末' })
    expect(out.data.audit).toMatchObject({ event: 'choose_delivery_window' })
    expect(out.data.notification).toBeNull()
  })

  test('指定日期 needs a date from tomorrow to 30 days ahead', () => {
    const { first, last } = deliveryDateRange(TODAY)
    expect([first, last]).toEqual(['2026-11-23', '2026-12-22'])
    const order = makeOrder({ node: 'quality_check' })
    expect(choose(order, { kind: 'date', date: first })).toMatchObject({
      ok: true,
      data: { order: { deliveryWindow: { kind: 'date', date: first } } },
    })
    for (const [date, message] of [
      [undefined, '请选择送货日期'],
      ['2026-11-22', '送货日期最早为明天'],
      ['2026-12-23', '送货日期最晚为 30 天内'],
      ['12/01', '请选择送货日期'],
    ] as const)
      expect(choose(order, date ? { kind: 'date', date } : { kind: 'date' })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: expect.stringContaining(message),
      })
    expect(choose(order, { kind: 'weekend', date: first })).toMatchObject({
      ok: false,
      message: expect.stringContaining('只有指定日期需要填写日期'),
    })
    expect(choose(order, { kind: 'midnight' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  test('only the owner, and only before shipping', () => {
    expect(choose(makeOrder(), { kind: 'weekend' }, merchant)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    const stranger: Actor = { role: 'consumer', openid: STRANGER }
    expect(choose(makeOrder(), { kind: 'weekend' }, stranger)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    for (const node of ['shipped', 'delivered', 'completed', 'cancelled'] as const)
      expect(choose(makeOrder({ node }), { kind: 'weekend' })).toMatchObject({
        ok: false,
        code: 'INVALID_TRANSITION',
      })
  })
})

describe('asking', () => {
  const startCheck = (order: OrderRecord) => {
    const out = applyTransition(order, 'start_quality_check', merchant, {}, NOW, STORAGE)
    if (!out.ok) throw new Error(out.message)
    return out.data
  }

  test('entering quality check asks for the window with a tip to choose it', () => {
    const out = startCheck(makeOrder({ node: 'production' }))
    expect(out.notification).toMatchObject({ purpose: 'delivery_window', node: 'quality_check' })
    const draft = orderMessageDraft(out.notification!, out.order)
    expect(draft.values).toMatchObject({
      status: 'quality_check',
      tip: expect.stringContaining('选择'),
    })
  })

  test('a customer who already chose is not asked', () => {
    const chosen = choose(makeOrder({ node: 'production' }), { kind: 'weekday_evening' })
    if (!chosen.ok) throw new Error(chosen.message)
    expect(startCheck(chosen.data.order).notification).toBeNull()
  })
})

test('the copied label carries the chosen time', () => {
  const text = deliveryWindowText({ kind: 'date', date: '2026-12-08' })
  expect(text).toBe('指定日期 2026-12-08')
  expect(shippingLabel(ADDRESS, text)).toMatch(/ 送货时间：指定日期 2026-12-08$/)
  expect(shippingLabel(ADDRESS)).not.toContain('送货时间')
})
