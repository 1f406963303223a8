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
  inDays,
  makeClient,
  rid,
  shirtSelection,
  today,
  startOrderCloud,
} from './order-helpers'

const env = startOrderCloud()
const { call, create, find, stored, snapshot, sql } = makeClient(env)

/** The demo shirt: egyptian +12000 fen / +3 days, french cuff +3000 / +1, base 39900 / 12 days. */
const SHIRT_PRICE = 39900 + 12000 + 3000
const SHIRT_LEAD = 12 + 3

describe('quote', () => {
  test('anyone (even anonymous) gets the server price, lead time and urgent availability', async () => {
    const result = await call(
      'quote',
      { productId: 'prod_shirt', selection: shirtSelection() },
      null,
    )
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
    const silk = shirtSelection({
      options: { fabric: ['silk'], collar: ['spread'], cuff: ['barrel'] },
    })
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
    expect(again).toMatchObject({
      ok: true,
      data: { order: { _id: first._id, orderNo: first.orderNo } },
    })
    expect(again.data.order.selection.quantity).toBe(1)
    expect(await find(COLLECTIONS.orders, { requestId })).toHaveLength(1)
    // The key is per caller: another customer's same requestId is another order.
    const other = await create(consumerB, { requestId })
    expect(other._id).not.toBe(first._id)
    expect(other.ownerOpenid).toBe(consumerB)
    expect(await find(COLLECTIONS.orders, { requestId })).toHaveLength(2)
  })

  test('10 concurrent identical urgent creates make one order and take one urgent slot', async () => {
    const payload = createPayload({
      requestId: rid('burst'),
      selection: shirtSelection({ urgent: true }),
    })
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

  test('6 concurrent urgent orders for 3 free slots: exactly 3 placed, 3 URGENT_SOLD_OUT', async () => {
    await env.cloud.store.insertMany(COLLECTIONS.products, [
      { ...DEMO_PRODUCTS[0], _id: 'prod_shirt_rush', sort: 99 },
    ])
    const results = await Promise.all(
      [consumerA, consumerB, consumerA, consumerB, consumerA, consumerB].map((who) =>
        call(
          'create',
          createPayload({
            productId: 'prod_shirt_rush',
            selection: shirtSelection({ urgent: true }),
          }),
          who,
        ),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(
      Array(3).fill('URGENT_SOLD_OUT'),
    )
    expect(await find(COLLECTIONS.orders, { productId: 'prod_shirt_rush' })).toHaveLength(3)
    const [quota] = await find(COLLECTIONS.urgentQuotas, {
      _id: urgentQuotaId('prod_shirt_rush', today()),
    })
    expect(quota.count).toBe(3)
  })

  test('a retry after the product was taken off sale still returns the placed order', async () => {
    await env.cloud.store.insertMany(COLLECTIONS.products, [
      { ...DEMO_PRODUCTS[0], _id: 'prod_shirt_last', sort: 98 },
    ])
    const payload = createPayload({ productId: 'prod_shirt_last' })
    const first = await call('create', payload, consumerA)
    expect(first.ok).toBe(true)
    await sql(
      `UPDATE local_documents SET data = jsonb_set(data, '{active}', 'false')
       WHERE collection = 'products' AND id = $1`,
      [JSON.stringify('prod_shirt_last')],
    )
    const retry = await call('create', payload, consumerA)
    expect(retry).toMatchObject({ ok: true, data: { order: { _id: first.data.order._id } } })
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
