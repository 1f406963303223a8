// order.create with a saved measurement profile, and order.reorder: a past order's selection
// and address, re-validated and re-priced against the product as it is now.
import { COLLECTIONS } from '@/domain/names'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import {
  ADDRESS,
  consumerA,
  consumerB,
  createPayload,
  curtainSelection,
  makeClient,
  merchant,
  rid,
  shirtSelection,
  startOrderCloud,
} from './order-helpers'

const env = startOrderCloud()
const { call, create, find, snapshot, sql } = makeClient(env)

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
      await expect(call('create', createPayload({ profileId }), consumerA)).resolves.toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      })
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
