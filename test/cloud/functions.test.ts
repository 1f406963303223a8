// The deployable functions (cloudfunctions/<fn>/index.js, built by `npm run build:cloud`) run
// by the unmodified wx-server-sdk against the local cloud on real PostgreSQL.
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { FUNCTIONS_ROOT } from '../../tools/build-cloudfunctions'
import { DEMO_PRODUCTS, DEMO_USERS, seedDemo } from '../../tools/seed/demo'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'

const consumer = DEMO_USERS.find((user) => user.role === 'consumer')!.openid
const merchant = DEMO_USERS.find((user) => user.role === 'merchant')!.openid

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ functionsRoot: FUNCTIONS_ROOT, users: DEMO_USERS })
  await seedDemo(cloud.store)
})
afterAll(() => cloud?.stop())

const me = (openid: string | null, payload?: unknown) =>
  cloud.invoke(FUNCTIONS.user, { action: ACTIONS.user.me, payload }, openid)

describe('user.me', () => {
  test('registers a new caller and counts each visit', async () => {
    const first = await me('o_visit_counter')
    expect(first).toMatchObject({ ok: true, data: { role: 'consumer', visits: 1 } })
    const second = await me('o_visit_counter')
    expect(second).toMatchObject({ ok: true, data: { visits: 2 } })
    const [stored] = await cloud.store.find(COLLECTIONS.users, { _id: 'o_visit_counter' })
    expect(stored.visits).toBe(2)
    expect(new Date(stored.firstSeenAt).getTime()).toBeLessThanOrEqual(
      new Date(stored.lastSeenAt).getTime(),
    )
  })

  test('the role comes from the merchants collection, not from the payload', async () => {
    await expect(me(merchant)).resolves.toMatchObject({ ok: true, data: { role: 'merchant' } })
    await expect(me(consumer, { role: 'merchant' })).resolves.toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  })

  test('parallel first visits of one user create one record and count every call', async () => {
    const calls = 10
    const results = await Promise.all(Array.from({ length: calls }, () => me('o_parallel')))
    expect(results.every((result) => (result as { ok: boolean }).ok)).toBe(true)
    const stored = await cloud.store.find(COLLECTIONS.users, { _id: 'o_parallel' })
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

  test('an anonymous caller is refused and nothing is written', async () => {
    const before = await cloud.store.count(COLLECTIONS.users)
    await expect(me(null)).resolves.toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    expect(await cloud.store.count(COLLECTIONS.users)).toBe(before)
  })

  test.each([
    ['unknown field', { action: 'me', payload: { visits: 999 } }, 'INVALID_INPUT'],
    ['operator injection', { action: 'me', payload: { _id: { $ne: null } } }, 'INVALID_INPUT'],
    ['unknown action', { action: 'dropAll' }, 'UNKNOWN_ACTION'],
    ['missing action', { payload: {} }, 'BAD_REQUEST'],
  ])('bad input (%s) fails with a stable code and writes nothing', async (_case, event, code) => {
    const before = await cloud.store.find(COLLECTIONS.users, {})
    const result = await cloud.invoke(FUNCTIONS.user, event, 'o_bad_input')
    expect(result).toMatchObject({ ok: false, code })
    expect((result as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await cloud.store.find(COLLECTIONS.users, {})).toEqual(before)
  })
})

describe('catalog.list', () => {
  test('lists active products in shop order with prices in fen', async () => {
    const result = (await cloud.invoke(
      FUNCTIONS.catalog,
      { action: ACTIONS.catalog.list },
      null,
    )) as {
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

  test('hides inactive products', async () => {
    await cloud.store.insertMany(COLLECTIONS.products, [
      { ...DEMO_PRODUCTS[0], _id: 'prod_retired', name: '停售款', sort: 1, active: false },
    ])
    const result = (await cloud.invoke(
      FUNCTIONS.catalog,
      { action: ACTIONS.catalog.list },
      null,
    )) as {
      data: { items: { id: string }[] }
    }
    expect(result.data.items.map((item) => item.id)).not.toContain('prod_retired')
  })
})
