// Personal service from behaviour (issue 19) through the real functions: a product view, an
// order and a refill answer are recorded by the cloud (events + preference counts in the same
// call); user.home shows orders in progress, refills due and 为你推荐 with its reason; the
// 个性化推荐 switch off writes nothing and falls back to the shop's picks; export and delete cover
// the behaviour data; the retention timer removes old events only (BEHAVIOUR_RETENTION_DAYS).
import { userApi } from '@/domain/api/user'
import type { BehaviourEvent, PreferenceRecord } from '@/domain/behaviour'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { callerFor, consumerA, consumerB, invoke, useDemoCloud } from '../helpers/demo-cloud'
import { createPayload, shirtSelection } from './order-helpers'
import { DAY, refillClient } from './refill-helpers'

const RETENTION_DAYS = 30
const env = useDemoCloud({ BEHAVIOUR_RETENTION_DAYS: String(RETENTION_DAYS) })
const catalog = callerFor(env, FUNCTIONS.catalog)
const order = callerFor(env, FUNCTIONS.order)
const { call: refill, deliverFilter } = refillClient(env)

const eventsOf = (openid: string) =>
  env.cloud.store.find(COLLECTIONS.behaviourEvents, { ownerOpenid: openid }) as Promise<
    BehaviourEvent[]
  >
const preferenceOf = async (openid: string) =>
  ((await env.cloud.store.find(COLLECTIONS.preferences, { _id: openid })) as PreferenceRecord[])[0]
const home = async (openid: string) => {
  const result = await invoke(env, userApi.home, {}, openid)
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result.data
}
const setSwitch = (openid: string, personalised: boolean) =>
  invoke(env, userApi.setPersonalisation, { personalised }, openid)
const linenShirt = () =>
  createPayload({
    selection: shirtSelection({
      options: { fabric: ['linen'], collar: ['spread'], cuff: ['barrel'] },
    }),
  })

afterEach(() => env.cloud.clock.set(null))

describe('a customer who has done nothing yet', () => {
  const fresh = 'o_behaviour_fresh'
  test('sees the shop’s curated picks, no orders and no refills', async () => {
    const view = await home(fresh)
    expect(view.personalised).toBe(true)
    expect(view.orders).toEqual([])
    expect(view.refills).toEqual([])
    expect(view.recommendations.map((r) => [r.productId, r.reason])).toEqual([
      ['prod_shirt', '店铺精选'],
      ['prod_linen_batch', '店铺精选'],
    ])
    expect(view.catalog.map((p) => p.id)).toEqual([
      'prod_shirt',
      'prod_curtain',
      'prod_filter',
      'prod_linen_batch',
    ])
    // Opening the home page registers the caller (the shop owner is found this way) once.
    expect(await env.cloud.store.find(COLLECTIONS.users, { _id: fresh })).toHaveLength(1)
    expect(await eventsOf(fresh)).toEqual([])
  })
})

test('an anonymous view is not recorded; a signed-in one is, with its counts', async () => {
  const before = await env.cloud.store.count(COLLECTIONS.behaviourEvents)
  expect(await catalog('get', { productId: 'prod_curtain' }, null)).toMatchObject({ ok: true })
  expect(await env.cloud.store.count(COLLECTIONS.behaviourEvents)).toBe(before)

  expect(await catalog('get', { productId: 'prod_curtain' }, consumerB)).toMatchObject({ ok: true })
  expect(await catalog('get', { productId: 'prod_curtain' }, consumerB)).toMatchObject({ ok: true })
  const events = await eventsOf(consumerB)
  expect(events.map((e) => [e.type, e.productId])).toEqual([
    ['product_view', 'prod_curtain'],
    ['product_view', 'prod_curtain'],
  ])
  expect(events[0].createdAt).toBeInstanceOf(Date)
  const preference = await preferenceOf(consumerB)
  expect(preference).toMatchObject({
    personalised: true,
    views: { prod_curtain: 2 },
    categories: { home_textile: 2 },
  })
  // The linen bedding shares the curtain's category; the curtain itself was looked at twice.
  const view = await home(consumerB)
  expect(view.recommendations[0]).toMatchObject({
    productId: 'prod_curtain',
    reason: '你看过 2 次',
  })
  expect(view.recommendations).toContainEqual(
    expect.objectContaining({ productId: 'prod_linen_batch', reason: '你常看家纺' }),
  )
})

test('orders record the order and its options; the home page shows it and recommends linen', async () => {
  const first = await order('create', linenShirt(), consumerA)
  expect(first).toMatchObject({ ok: true })
  // A retry (same requestId) returns the order without counting it again.
  const retried = await order(
    'create',
    { ...linenShirt(), requestId: first.data.order.requestId },
    consumerA,
  )
  expect(retried.data.order._id).toBe(first.data.order._id)
  const events = await eventsOf(consumerA)
  expect(events.map((e) => e.type).sort()).toEqual(['option_chosen', 'order_placed'])
  expect((await preferenceOf(consumerA)).options.prod_shirt.fabric).toEqual({ linen: 1 })

  let view = await home(consumerA)
  expect(view.orders[0]).toMatchObject({
    id: first.data.order._id,
    node: 'submitted',
    nodeText: '已提交',
    statusText: `预计 ${first.data.order.eta} 完成`,
  })
  expect(view.recommendations[0]).toMatchObject({
    productId: 'prod_shirt',
    reason: '你选过法国亚麻',
  })

  expect(await order('create', linenShirt(), consumerA)).toMatchObject({ ok: true })
  view = await home(consumerA)
  expect(view.orders).toHaveLength(2)
  expect(view.recommendations[0]).toMatchObject({
    productId: 'prod_shirt',
    reason: '你常选法国亚麻',
  })
})

test('a refill running out is on the home page and recommended; an answer is recorded', async () => {
  const buyer = 'o_behaviour_refill'
  await deliverFilter(buyer, 1)
  // 90 days per unit: 84 days later about 6 days are left.
  env.cloud.clock.set(new Date(Date.now() + 84 * DAY))
  const view = await home(buyer)
  expect(view.refills).toEqual([
    expect.objectContaining({ productId: 'prod_filter', daysLeft: 6, text: '约 6 天后用完' }),
  ])
  expect(view.recommendations[0]).toMatchObject({
    productId: 'prod_filter',
    basis: 'refill',
    reason: '净水器替换滤芯约 6 天后用完',
  })
  expect(await refill('snooze', { productId: 'prod_filter', days: 7 }, buyer)).toMatchObject({
    ok: true,
  })
  const answered = (await eventsOf(buyer)).filter((e) => e.type === 'refill_answered')
  expect(answered).toEqual([
    expect.objectContaining({ productId: 'prod_filter', detail: { answer: 'snooze' } }),
  ])

  expect(await refill('stop', { productId: 'prod_filter' }, buyer)).toMatchObject({ ok: true })
  const stopped = await home(buyer)
  expect(stopped.refills).toEqual([])
  expect(stopped.recommendations.map((r) => r.productId)).not.toContain('prod_filter')
})

describe('the 个性化推荐 switch', () => {
  const customer = 'o_behaviour_switch'

  test('off: nothing is recorded from then on and the home page falls back to the shop’s picks', async () => {
    await catalog('get', { productId: 'prod_curtain' }, customer)
    expect(await invoke(env, userApi.personalisation, {}, customer)).toEqual({
      ok: true,
      data: { personalised: true },
    })
    expect(await setSwitch(customer, false)).toEqual({ ok: true, data: { personalised: false } })
    expect(await invoke(env, userApi.personalisation, {}, customer)).toMatchObject({
      data: { personalised: false },
    })
    const events = await env.cloud.store.count(COLLECTIONS.behaviourEvents)
    const preference = await preferenceOf(customer)

    expect(await catalog('get', { productId: 'prod_shirt' }, customer)).toMatchObject({ ok: true })
    expect(await order('create', linenShirt(), customer)).toMatchObject({ ok: true })
    expect(await env.cloud.store.count(COLLECTIONS.behaviourEvents)).toBe(events)
    expect(await preferenceOf(customer)).toEqual(preference)

    const view = await home(customer)
    expect(view.personalised).toBe(false)
    expect(view.orders).toHaveLength(1)
    expect(
      view.recommendations.every((r) => r.basis === 'curated' && r.reason === '店铺精选'),
    ).toBe(true)
  })

  test('off before any behaviour: the first view still writes nothing', async () => {
    const newcomer = 'o_behaviour_off_first'
    await setSwitch(newcomer, false)
    await catalog('get', { productId: 'prod_shirt' }, newcomer)
    expect(await eventsOf(newcomer)).toEqual([])
    expect(await preferenceOf(newcomer)).toMatchObject({ personalised: false, views: {} })
  })

  test('on again: recording resumes', async () => {
    expect(await setSwitch(customer, true)).toMatchObject({ data: { personalised: true } })
    await catalog('get', { productId: 'prod_shirt' }, customer)
    expect((await preferenceOf(customer)).views.prod_shirt).toBe(1)
  })
})

test('export includes the behaviour data; delete removes it and keeps an "off" switch off', async () => {
  const person = 'o_behaviour_privacy'
  await catalog('get', { productId: 'prod_shirt' }, person)
  const exported = await invoke(env, userApi.exportData, {}, person)
  if (!exported.ok) throw new Error(JSON.stringify(exported))
  expect(exported.data.preferences).toMatchObject({ personalised: true, views: { prod_shirt: 1 } })
  expect(exported.data.behaviourEvents).toEqual([
    expect.objectContaining({ type: 'product_view', productId: 'prod_shirt', ownerOpenid: person }),
  ])
  expect(typeof exported.data.behaviourEvents[0].createdAt).toBe('string')

  await setSwitch(person, false)
  const deleted = await invoke(env, userApi.deleteData, { confirm: true }, person)
  expect(deleted).toMatchObject({ ok: true, data: { behaviourEvents: 1, preferences: 1 } })
  expect(await eventsOf(person)).toEqual([])
  expect(await preferenceOf(person)).toMatchObject({ personalised: false, views: {}, options: {} })
  await catalog('get', { productId: 'prod_shirt' }, person)
  expect(await eventsOf(person)).toEqual([])
})

test('the retention timer removes events older than BEHAVIOUR_RETENTION_DAYS, and only those', async () => {
  const old = 'o_behaviour_old'
  const recent = 'o_behaviour_recent'
  env.cloud.clock.set(new Date(Date.now() - (RETENTION_DAYS + 1) * DAY))
  await catalog('get', { productId: 'prod_shirt' }, old)
  env.cloud.clock.set(new Date(Date.now() - (RETENTION_DAYS - 1) * DAY))
  await catalog('get', { productId: 'prod_shirt' }, recent)
  env.cloud.clock.set(null)

  const run = (await env.cloud.fireTimer(FUNCTIONS.user)) as { ok: boolean; data: any } // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(run).toMatchObject({ ok: true, data: { retentionDays: RETENTION_DAYS, finished: true } })
  expect(run.data.removed).toBeGreaterThanOrEqual(1)
  expect(await eventsOf(old)).toEqual([])
  expect(await eventsOf(recent)).toHaveLength(1)
  // The counts stay (they are the customer's, until they delete their data).
  expect((await preferenceOf(old)).views.prod_shirt).toBe(1)
  expect(await env.cloud.fireTimer(FUNCTIONS.user)).toMatchObject({
    ok: true,
    data: { removed: 0 },
  })
})

test('a client cannot fire the retention timer', async () => {
  const forged = { Type: 'Timer', TriggerName: 'behaviourRetention', Time: '2026-01-01T00:00:00Z' }
  expect(await env.cloud.invoke(FUNCTIONS.user, forged, consumerA)).toMatchObject({
    ok: false,
    code: 'BAD_REQUEST',
  })
})
