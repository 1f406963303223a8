// The refill function through the real SDK: a delivered consumable order starts tracking, the
// caller sees only their own refills, and each answer (snooze, adjust, stop) moves the reminder.
import { consumerA, consumerB, useDemoCloud } from '../helpers/demo-cloud'
import { DAY, refillClient } from './refill-helpers'

const env = useDemoCloud()
const { call, deliverFilter, refillsOf } = refillClient(env)

const days = (from: string | Date, to: string | Date) =>
  Math.round(((new Date(to).getTime() - new Date(from).getTime()) / DAY) * 10) / 10

let deliveredAt: Date

beforeAll(async () => {
  deliveredAt = new Date()
  await deliverFilter(consumerA, 2)
})

describe('tracking starts at delivery', () => {
  test('a delivered filter order of 2 creates one refill: 2 × 90 days, reminder 5 days before', async () => {
    const [stored] = await refillsOf({ ownerOpenid: consumerA })
    expect(stored).toMatchObject({
      productId: 'prod_filter',
      cycleDays: 90,
      cycleSource: 'default',
      status: 'active',
    })
    expect(days(stored.purchases[0].at, stored.runOutAt)).toBe(180)
    expect(days(stored.runOutAt, stored.nextReminderAt)).toBe(-5)
    expect(Math.abs(stored.purchases[0].at.getTime() - deliveredAt.getTime())).toBeLessThan(60_000)
  })

  test('refill.mine shows it with run-out, cycle, next reminder and the order to repeat', async () => {
    const result = await call('mine', {}, consumerA)
    expect(result.ok).toBe(true)
    expect(result.data.refills).toHaveLength(1)
    const [view] = result.data.refills
    expect(view).toMatchObject({ productName: '净水器替换滤芯', cycleDays: 90, lastQuantity: 2 })
    expect(typeof view.lastOrderId).toBe('string')
    expect(days(view.lastPurchaseAt, view.runOutAt)).toBe(180)
    expect(result.data.reminders).toEqual([])
  })

  test('a made-to-order delivery tracks nothing', async () => {
    expect(await refillsOf({ productId: 'prod_shirt' })).toEqual([])
  })
})

describe('answers', () => {
  test('snooze moves the reminder by the chosen days and lengthens the cycle', async () => {
    const [before] = await refillsOf({ ownerOpenid: consumerA })
    const result = await call('snooze', { productId: 'prod_filter', days: 10 }, consumerA)
    expect(result).toMatchObject({ ok: true, data: { refill: { cycleDays: 99, snoozes: 1 } } })
    expect(days(before.nextReminderAt, result.data.refill.nextReminderAt)).toBe(10)
  })

  test('adjustCycle sets days per unit and recomputes from the last purchase', async () => {
    const result = await call('adjustCycle', { productId: 'prod_filter', days: 60 }, consumerA)
    expect(result).toMatchObject({
      ok: true,
      data: { refill: { cycleDays: 60, cycleSource: 'customer', status: 'active' } },
    })
    const view = result.data.refill
    expect(days(view.lastPurchaseAt, view.runOutAt)).toBe(120)
    expect(days(view.lastPurchaseAt, view.nextReminderAt)).toBe(115)
  })

  test.each([
    [{ productId: 'prod_filter', days: 0 }, 'days'],
    [{ productId: 'prod_filter', days: 400 }, 'days'],
    [{ productId: 'prod_filter', days: 7.5 }, 'days'],
    [{ productId: 'prod_filter' }, 'days'],
    [{ productId: 'prod_filter', days: 30, extra: 1 }, 'extra'],
  ])('adjustCycle %j is refused on field %s and writes nothing', async (payload, field) => {
    const before = await refillsOf()
    const result = await call('adjustCycle', payload, consumerA)
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field })
    expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await refillsOf()).toEqual(before)
  })

  test('stop ends reminders; snooze starts them again', async () => {
    const stopped = await call('stop', { productId: 'prod_filter' }, consumerA)
    expect(stopped).toMatchObject({ ok: true, data: { refill: { status: 'stopped' } } })
    const [stored] = await refillsOf({ ownerOpenid: consumerA })
    expect(stored.status).toBe('stopped')
    const resumed = await call('snooze', { productId: 'prod_filter' }, consumerA)
    expect(resumed).toMatchObject({ ok: true, data: { refill: { status: 'active' } } })
  })
})

/** Each answer a customer can give to the refill of `productId`. */
const answersFor = (productId: string) =>
  [
    ['snooze', { productId }],
    ['adjustCycle', { productId, days: 30 }],
    ['stop', { productId }],
  ] as const

describe('authorisation', () => {
  test("another customer sees none of A's refills and cannot answer for them", async () => {
    const before = await refillsOf()
    expect(await call('mine', {}, consumerB)).toMatchObject({
      ok: true,
      data: { refills: [], reminders: [] },
    })
    for (const [action, payload] of answersFor('prod_filter')) {
      expect(await call(action, payload, consumerB)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    }
    expect(await refillsOf()).toEqual(before)
  })

  test("an OPENID that spells A's refill id with another product still cannot answer for it", async () => {
    // refillIdOf(`${A}_prod`, 'filter') is A's `${A}_prod_filter`: the id alone must not decide.
    const before = await refillsOf()
    const lookalike = `${consumerA}_prod`
    for (const [action, payload] of answersFor('filter')) {
      expect(await call(action, payload, lookalike)).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    }
    expect(await refillsOf()).toEqual(before)
  })

  test.each([
    ['mine', {}],
    ['snooze', { productId: 'prod_filter' }],
    ['adjustCycle', { productId: 'prod_filter', days: 30 }],
    ['stop', { productId: 'prod_filter' }],
  ])('anonymous %s is UNAUTHENTICATED', async (action, payload) => {
    expect(await call(action, payload, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  })

  test('an unknown action is refused', async () => {
    expect(await call('nope', {}, consumerA)).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
  })
})

describe('round trips (docs/actions.md)', () => {
  const counted = async (action: string, payload: object) =>
    (await env.cloud.invokeCounted('refill', { action, payload }, consumerA)).roundTrips

  // Each answer is also recorded as behaviour after its transaction: the preference update and
  // the event (+2; the customer's first event creates the preference document: +4 more). mine
  // reads the refills, then the preference document and the catalog in parallel for 为你推荐,
  // and counts the picks shown (an increment: earlier reads in this file added today's counter).
  test('mine reads 3 and counts its picks; each answer is a transaction of 4 calls, then 2 for behaviour', async () => {
    expect(await counted('mine', {})).toBe(4)
    expect(await counted('snooze', { productId: 'prod_filter', days: 3 })).toBe(6)
    expect(await counted('adjustCycle', { productId: 'prod_filter', days: 45 })).toBe(6)
    expect(await counted('stop', { productId: 'prod_filter' })).toBe(6)
  })
})
