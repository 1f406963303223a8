// order.quote / create / reorder through the built function, the unmodified wx-server-sdk and the
// local cloud on PostgreSQL: server-side pricing, idempotency, urgent capacity, profile reuse.
import { COLLECTIONS } from '@/domain/names'
import { urgentQuotaId } from '@/domain/pricing'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import {
  ADDRESS,
  ISO,
  consumerA,
  consumerB,
  createPayload,
  curtainSelection,
  inDays,
  makeClient,
  merchant,
  rid,
  shirtSelection,
  today,
  useOrderCloud,
} from './order-helpers'

const env = useOrderCloud()
const { call, create, find, stored, snapshot, sql } = makeClient(env)

/** The demo shirt: egyptian +12000 fen / +3 days, french cuff +3000 / +1, base 39900 / 12 days. */
const SHIRT_PRICE = 39900 + 12000 + 3000
const SHIRT_LEAD = 12 + 3

describe('quote', () => {
  test('anyone (even anonymous) gets the server price, lead time and urgent availability', async () => {
    const result = await call('quote', { productId: 'prod_shirt', selection: shirtSelection() }, null)
    expect(result).toMatchObject({
      ok: true,
      data: {
        quote: {
          unitPriceFen: SHIRT_PRICE,
          priceFen: SHIRT_PRICE,
          leadDays: SHIRT_LEAD,
          etaDate: inDays(SHIRT_LEAD),
          etaBasis: 'order',
          quotedOn: today(),
          urgent: { requested: false, available: true, applied: false },
        },
      },
    })
    const urgent = await call(
      'quote',
      { productId: 'prod_shirt', selection: shirtSelection({ urgent: true }) },
      consumerA,
    )
    expect(urgent.data.quote).toMatchObject({ priceFen: SHIRT_PRICE + 10000, leadDays: 5 })
  })

  test('a choice outside the schema is refused with its field; unknown product is NOT_FOUND', async () => {
    const silk = shirtSelection({ options: { fabric: ['silk'], collar: ['spread'], cuff: ['barrel'] } })
    await expect(
      call('quote', { productId: 'prod_shirt', selection: silk }, null),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'options.fabric' })
    await expect(
      call('quote', { productId: 'prod_nope', selection: shirtSelection() }, null),
    ).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})

describe('create', () => {
  test('stores a submitted order priced and dated by the server, with its address', async () => {
    const before = await snapshot()
    const result = await call('create', createPayload(), consumerA)
    expect(result.ok).toBe(true)
    const order = result.data.order
    expect(order).toMatchObject({
      ownerOpenid: consumerA,
      productId: 'prod_shirt',
      node: 'submitted',
      version: 1,
      address: ADDRESS,
      eta: inDays(SHIRT_LEAD),
      batchId: null,
      exception: null,
      shipping: null,
      quote: { priceFen: SHIRT_PRICE, leadDays: SHIRT_LEAD },
      productSnapshot: { id: 'prod_shirt', name: '量体定制衬衫', kind: 'made_to_order' },
    })
    expect(order.orderNo).toMatch(/^\d{8}-[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(order.createdAt).toMatch(ISO)
    expect(order.timeline).toEqual([
      expect.objectContaining({ node: 'submitted', event: 'submit', actorRole: 'consumer' }),
    ])
    const saved = await stored(order._id)
    expect(saved).toMatchObject({ orderNo: order.orderNo, version: 1, address: ADDRESS })
    expect(saved.createdAt).toEqual(new Date(order.createdAt))
    const after = await snapshot()
    expect(after.orders).toHaveLength(before.orders.length + 1)
    // Creation is on the timeline; audit rows and notifications are for transitions only.
    expect(after.audit).toEqual(before.audit)
    expect(after.notifications).toEqual(before.notifications)
    expect(after.quotas).toEqual(before.quotas)
  })

  test('a client price is never accepted: priceFen is an unknown field anywhere', async () => {
    const before = await snapshot()
    const top = await call('create', { ...createPayload(), priceFen: 1 }, consumerA)
    expect(top).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(top.message).toContain('priceFen')
    const inner = await call(
      'create',
      createPayload({ selection: { ...shirtSelection(), priceFen: 1 } }),
      consumerA,
    )
    expect(inner).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'priceFen' })
    expect(await snapshot()).toEqual(before)
  })

  test('a sequential retry returns the same order, even with a changed payload', async () => {
    const requestId = rid('retry')
    const first = await create(consumerA, { requestId })
    const again = await call(
      'create',
      createPayload({ requestId, selection: shirtSelection({ quantity: 2 }) }),
      consumerA,
    )
    expect(again).toMatchObject({ ok: true, data: { order: { _id: first._id, orderNo: first.orderNo } } })
    expect(again.data.order.selection.quantity).toBe(1)
    expect(await find(COLLECTIONS.orders, { requestId })).toHaveLength(1)
    // The key is per caller: another customer's same requestId is another order.
    const other = await create(consumerB, { requestId })
    expect(other._id).not.toBe(first._id)
    expect(other.ownerOpenid).toBe(consumerB)
    expect(await find(COLLECTIONS.orders, { requestId })).toHaveLength(2)
  })

  test('10 concurrent identical urgent creates make one order and take one urgent slot', async () => {
    const payload = createPayload({ requestId: rid('burst'), selection: shirtSelection({ urgent: true }) })
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call('create', payload, consumerA)),
    )
    const failures = results.filter((r) => !r.ok)
    expect(failures).toEqual([])
    const ids = new Set(results.map((r) => r.data.order._id))
    const numbers = new Set(results.map((r) => r.data.order.orderNo))
    expect([ids.size, numbers.size]).toEqual([1, 1])
    expect(await find(COLLECTIONS.orders, { requestId: payload.requestId })).toHaveLength(1)
    const [order] = results.map((r) => r.data.order)
    expect(order.quote).toMatchObject({
      priceFen: SHIRT_PRICE + 10000,
      leadDays: 5,
      urgent: { requested: true, applied: true },
    })
    expect(order.eta).toBe(inDays(5))
    const quotas = await find(COLLECTIONS.urgentQuotas, {
      _id: urgentQuotaId('prod_shirt', today()),
    })
    expect(quotas).toHaveLength(1)
    expect(quotas[0].count).toBe(1)
  })

  test('the 4th urgent shirt of the China day is URGENT_SOLD_OUT and writes nothing', async () => {
    // The previous test took slot 1 of 3.
    await create(consumerA, { selection: shirtSelection({ urgent: true }) })
    await create(consumerB, { selection: shirtSelection({ urgent: true }) })
    const quota = async () =>
      (await find(COLLECTIONS.urgentQuotas, { _id: urgentQuotaId('prod_shirt', today()) }))[0]
    expect((await quota()).count).toBe(3)
    const before = await snapshot()
    const fourth = await call(
      'create',
      createPayload({ selection: shirtSelection({ urgent: true }) }),
      consumerB,
    )
    expect(fourth).toMatchObject({ ok: false, code: 'URGENT_SOLD_OUT' })
    expect(fourth.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await snapshot()).toEqual(before)
    const quoted = await call(
      'quote',
      { productId: 'prod_shirt', selection: shirtSelection({ urgent: true }) },
      null,
    )
    expect(quoted.data.quote.urgent).toMatchObject({ available: false, applied: false })
    expect(quoted.data.quote.urgent.reason).toBe('今日加急名额已满')
    // Non-urgent orders are unaffected.
    await expect(create(consumerB)).resolves.toMatchObject({ node: 'submitted' })
  })

  test('an inactive product is NOT_FOUND', async () => {
    await env.cloud.store.insertMany(COLLECTIONS.products, [
      { ...DEMO_PRODUCTS[0], _id: 'prod_retired_shirt', active: false },
    ])
    const before = await snapshot()
    await expect(
      call('create', createPayload({ productId: 'prod_retired_shirt' }), consumerA),
    ).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await snapshot()).toEqual(before)
  })
})

describe('create with a saved measurement profile', () => {
  beforeAll(async () => {
    const now = new Date()
    await env.cloud.store.insertMany(COLLECTIONS.measurementProfiles, [
      {
        _id: 'mp_a_daily',
        ownerOpenid: consumerA,
        name: '日常',
        values: { neck: 40, chest: 100, shoulder: 46, sleeve: 63, length: 77, waist: 80 },
        createdAt: now,
        updatedAt: now,
      },
      {
        _id: 'mp_b_daily',
        ownerOpenid: consumerB,
        name: '日常',
        values: { neck: 38, chest: 92, shoulder: 44, sleeve: 60, length: 72 },
        createdAt: now,
        updatedAt: now,
      },
    ])
  })

  test("the profile fills the product's measurements; typed values win", async () => {
    const { measurements: _omit, ...noMeasurements } = shirtSelection()
    const filled = await create(consumerA, { selection: noMeasurements, profileId: 'mp_a_daily' })
    expect(filled.selection.measurements).toEqual({
      neck: 40,
      chest: 100,
      shoulder: 46,
      sleeve: 63,
      length: 77,
    })
    const typed = await create(consumerA, {
      selection: shirtSelection({ measurements: { neck: 41.5 } }),
      profileId: 'mp_a_daily',
    })
    expect(typed.selection.measurements).toMatchObject({ neck: 41.5, chest: 100, length: 77 })
  })

  test("someone else's profile or a missing one is NOT_FOUND and writes nothing", async () => {
    const before = await snapshot()
    for (const profileId of ['mp_b_daily', 'mp_missing'])
      await expect(
        call('create', createPayload({ profileId }), consumerA),
      ).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await snapshot()).toEqual(before)
  })
})

describe('reorder', () => {
  test('a new order from the past selection and address, priced against the product now', async () => {
    await env.cloud.store.insertMany(COLLECTIONS.products, [
      { ...DEMO_PRODUCTS.find((p) => p._id === 'prod_curtain')!, _id: 'prod_curtain_re' },
    ])
    const address = { ...ADDRESS, detail: '复兴中路 8 号' }
    const past = await create(consumerA, {
      productId: 'prod_curtain_re',
      selection: curtainSelection(),
      address,
    })
    await sql(
      `UPDATE local_documents SET data = jsonb_set(data, '{basePriceFen}', '30900')
       WHERE collection = 'products' AND id = $1`,
      [JSON.stringify('prod_curtain_re')],
    )
    const requestId = rid('again')
    const result = await call('reorder', { orderId: past._id, requestId }, consumerA)
    expect(result.ok).toBe(true)
    const order = result.data.order
    expect(order._id).not.toBe(past._id)
    expect(order).toMatchObject({
      node: 'submitted',
      version: 1,
      ownerOpenid: consumerA,
      address,
      selection: past.selection,
      requestId,
    })
    expect(order.quote.priceFen).toBe(past.quote.priceFen + 5000)
    // Idempotent on requestId like create.
    const again = await call('reorder', { orderId: past._id, requestId }, consumerA)
    expect(again.data?.order?._id).toBe(order._id)
    expect(await find(COLLECTIONS.orders, { requestId })).toHaveLength(1)
  })

  test("another customer's order, or the merchant reordering it, is NOT_FOUND", async () => {
    const past = await create(consumerA)
    const before = await snapshot()
    for (const who of [consumerB, merchant])
      await expect(
        call('reorder', { orderId: past._id, requestId: rid() }, who),
      ).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await snapshot()).toEqual(before)
  })
})
