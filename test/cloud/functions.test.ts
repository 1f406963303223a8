// The deployable functions (cloudfunctions/<fn>/index.js, built by `npm run build:cloud`) run
// by the unmodified wx-server-sdk against the local cloud on real PostgreSQL.
import { photoDirOf } from '@/cloud/photo-dir'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import { callerFor, consumerA, merchant, useDemoCloud } from '../helpers/demo-cloud'

const env = useDemoCloud()
const user = callerFor(env, FUNCTIONS.user)
const catalog = callerFor(env, FUNCTIONS.catalog)

const me = (openid: string | null, payload?: unknown) => user('me', payload, openid)

describe('user.me', () => {
  test('registers a new caller and counts each visit', async () => {
    const first = await me('o_visit_counter')
    expect(first).toMatchObject({ ok: true, data: { role: 'consumer', visits: 1 } })
    const second = await me('o_visit_counter')
    expect(second).toMatchObject({ ok: true, data: { visits: 2 } })
    const [stored] = await env.cloud.store.find(COLLECTIONS.users, { _id: 'o_visit_counter' })
    expect(stored.visits).toBe(2)
    expect(new Date(stored.firstSeenAt).getTime()).toBeLessThanOrEqual(
      new Date(stored.lastSeenAt).getTime(),
    )
  })

  test('the role comes from the merchants collection, not from the payload', async () => {
    await expect(me(merchant)).resolves.toMatchObject({ ok: true, data: { role: 'merchant' } })
    await expect(me(consumerA, { role: 'merchant' })).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  })

  test('parallel first visits of one user create one record and count every call', async () => {
    const calls = 10
    const results = await Promise.all(Array.from({ length: calls }, () => me('o_parallel')))
    expect(results.every((result) => (result as { ok: boolean }).ok)).toBe(true)
    const stored = await env.cloud.store.find(COLLECTIONS.users, { _id: 'o_parallel' })
    expect(stored).toHaveLength(1)
    expect(stored[0].visits).toBe(calls)
  })

  test('parallel callers never see each other (identity per invocation)', async () => {
    const users = ['o_iso_1', 'o_iso_2', 'o_iso_3', merchant]
    const results = (await Promise.all(users.map((openid) => me(openid)))) as {
      data: { role: string }
    }[]
    expect(results.map((result) => result.data.role)).toEqual([
      'consumer',
      'consumer',
      'consumer',
      'merchant',
    ])
  })

  test('user.role names the caller’s own photo folder, computed from their OPENID', async () => {
    const [a, m] = await Promise.all([user('role', {}, consumerA), user('role', {}, merchant)])
    expect(a).toEqual({ ok: true, data: { role: 'consumer', photoDir: photoDirOf(consumerA) } })
    expect(m).toEqual({ ok: true, data: { role: 'merchant', photoDir: photoDirOf(merchant) } })
    expect(photoDirOf(consumerA)).not.toBe(photoDirOf(merchant))
  })

  test('an anonymous caller is refused and nothing is written', async () => {
    const before = await env.cloud.store.count(COLLECTIONS.users)
    await expect(me(null)).resolves.toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(await env.cloud.store.count(COLLECTIONS.users)).toBe(before)
  })

  test.each([
    ['unknown field', { action: 'me', payload: { visits: 999 } }, 'INVALID_INPUT'],
    ['operator injection', { action: 'me', payload: { _id: { $ne: null } } }, 'INVALID_INPUT'],
    ['unknown action', { action: 'dropAll' }, 'UNKNOWN_ACTION'],
    ['missing action', { payload: {} }, 'BAD_REQUEST'],
  ])('bad input (%s) fails with a stable code and writes nothing', async (_case, event, code) => {
    const before = await env.cloud.store.find(COLLECTIONS.users, {})
    const result = await env.cloud.invoke(FUNCTIONS.user, event, 'o_bad_input')
    expect(result).toMatchObject({ ok: false, code })
    expect((result as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await env.cloud.store.find(COLLECTIONS.users, {})).toEqual(before)
  })
})

describe('catalog.list', () => {
  test('lists active products in shop order with prices in fen', async () => {
    const result = (await catalog('list', undefined, null)) as {
      ok: true
      data: { items: { id: string; priceFromFen: number }[] }
    }
    expect(result.ok).toBe(true)
    expect(result.data.items.map((item) => item.id)).toEqual(
      [...DEMO_PRODUCTS].sort((a, b) => a.sort - b.sort).map((product) => product._id),
    )
    expect(result.data.items[0]).toEqual({
      id: 'prod_shirt',
      name: '量体定制衬衫',
      kind: 'made_to_order',
      priceFromFen: 39900,
      leadDays: 12,
      image: '',
    })
  })

  test('a batch product shows its collecting batch towards the minimum', async () => {
    const progress = async () => {
      const result = (await catalog('list', undefined, null)) as {
        data: { items: { id: string; batch?: unknown }[] }
      }
      return result.data.items.find((item) => item.id === 'prod_linen_batch')?.batch
    }
    await expect(progress()).resolves.toEqual({
      quantity: 0,
      minQuantity: 20,
      remaining: 20,
      reached: false,
    })
    const now = new Date()
    await env.cloud.store.insertMany(COLLECTIONS.batches, [
      {
        _id: 'prod_linen_batch',
        productId: 'prod_linen_batch',
        minQuantity: 20,
        sequence: 2,
        openedAt: now,
        lastReachedAt: now,
        updatedAt: now,
      },
    ])
    // The count is the sum of the shards at the state's sequence; one left at an older counts 0.
    const shard = (k: number, sequence: number, quantity: number) => ({
      _id: `prod_linen_batch-s${k}`,
      productId: 'prod_linen_batch',
      sequence,
      quantity,
      deadlineAt: null,
      updatedAt: now,
    })
    await env.cloud.store.insertMany(COLLECTIONS.batchShards, [
      shard(0, 2, 9),
      shard(1, 1, 5),
      shard(2, 2, 4),
    ])
    await expect(progress()).resolves.toEqual({
      quantity: 13,
      minQuantity: 20,
      remaining: 7,
      reached: false,
    })
  })

  test('hides inactive products', async () => {
    await env.cloud.store.insertMany(COLLECTIONS.products, [
      { ...DEMO_PRODUCTS[0], _id: 'prod_retired', name: '停售款', sort: 1, active: false },
    ])
    const result = (await catalog('list', undefined, null)) as {
      data: { items: { id: string }[] }
    }
    expect(result.data.items.map((item) => item.id)).not.toContain('prod_retired')
  })
})

describe('catalog.get', () => {
  test('returns one active product with its whole schema, in one database call', async () => {
    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.catalog,
      { action: 'get', payload: { productId: 'prod_shirt' } },
      null,
    )
    // The record's own fields only: createdAt (新品) stays with the shop.
    const { createdAt, ...shirt } = DEMO_PRODUCTS.find((product) => product._id === 'prod_shirt')!
    expect(createdAt).toBeInstanceOf(Date)
    expect(result).toEqual({ ok: true, data: { product: shirt } })
    expect(roundTrips).toBe(1)
  })

  test('an unknown or inactive product answers NOT_FOUND; a bad payload INVALID_INPUT', async () => {
    await env.cloud.store.insertMany(COLLECTIONS.products, [
      { ...DEMO_PRODUCTS[0], _id: 'prod_hidden', active: false },
    ])
    for (const productId of ['prod_missing', 'prod_hidden']) {
      await expect(catalog('get', { productId }, null)).resolves.toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      })
    }
    await expect(
      catalog('get', { productId: 'prod_shirt', extra: 1 }, null),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    await expect(catalog('get', {}, null)).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'productId',
    })
  })
})
