// Every query the main journeys send is served by an index of database/indexes.json. The local
// cloud runs with its index check on (LOCAL_CLOUD_INDEX_CHECK=report semantics) and this test
// fails listing each uncovered query with its collection, fields and function.
import { FUNCTIONS } from '@/domain/names'
import type { ProductRecord } from '@/domain/catalog'
import { FUNCTIONS_ROOT } from '../../tools/build-cloudfunctions'
import { DEMO_USERS, seedDemo } from '../../tools/seed/demo'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { consumerA, merchant } from '../helpers/demo-cloud'

/**
 * The functions whose journeys run here in one place. Every other suite that runs the real
 * functions also fails on an uncovered query (test/helpers/local-cloud.ts).
 */
const CHECKED: string[] = [
  FUNCTIONS.user,
  FUNCTIONS.catalog,
  FUNCTIONS.profile,
  FUNCTIONS.appointment,
  FUNCTIONS.order,
  FUNCTIONS.payment,
]

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({
    functionsRoot: FUNCTIONS_ROOT,
    users: DEMO_USERS,
    indexCheck: 'report',
  })
  await seedDemo(cloud.store)
})
afterAll(() => cloud?.stop())

async function ok(fn: string, action: string, payload: unknown, openid: string | null) {
  const result = (await cloud.invoke(fn, { action, payload }, openid)) as { ok: boolean }
  expect({ fn, action, result }).toMatchObject({ result: { ok: true } })
  return (result as { data?: any }).data // eslint-disable-line @typescript-eslint/no-explicit-any
}

test('the user, catalog, profile, appointment and order journeys send only indexed queries', async () => {
  const [shirt] = (await cloud.store.find('products', { _id: 'prod_shirt' })) as ProductRecord[]
  const selection = {
    options: Object.fromEntries(
      shirt.optionGroups.filter((g) => g.required).map((g) => [g.id, [g.choices[0].id]]),
    ),
    measurements: Object.fromEntries(shirt.measurements.map((m) => [m.id, m.min])),
    texts: {},
    quantity: 1,
    urgent: false,
  }
  const address = {
    name: '林晓',
    phone: '13812345678',
    region: '上海市 徐汇区',
    detail: '漕溪北路 100 号',
  }

  await ok(FUNCTIONS.user, 'me', undefined, consumerA)
  await ok(FUNCTIONS.catalog, 'list', undefined, consumerA)
  await ok(FUNCTIONS.catalog, 'get', { productId: 'prod_shirt' }, consumerA)
  await ok(FUNCTIONS.profile, 'consent', { granted: true }, consumerA)
  await ok(FUNCTIONS.profile, 'save', { name: '日常', values: selection.measurements }, consumerA)
  await ok(FUNCTIONS.profile, 'list', {}, consumerA)

  const startsAt = new Date(Math.floor((Date.now() + 48 * 3600_000) / 60_000) * 60_000)
  const defined = await ok(
    FUNCTIONS.appointment,
    'defineSlots',
    { slots: [{ startsAt: startsAt.toISOString(), minutes: 30, designer: '周师傅' }] },
    merchant,
  )
  const slotId = defined.items[0].id
  await ok(FUNCTIONS.appointment, 'listSlots', {}, consumerA)
  await ok(FUNCTIONS.appointment, 'book', { slotId }, consumerA)
  await ok(FUNCTIONS.appointment, 'mine', {}, consumerA)
  await ok(
    FUNCTIONS.appointment,
    'bookings',
    { from: new Date().toISOString(), to: new Date(Date.now() + 7 * 86400_000).toISOString() },
    merchant,
  )
  await ok(FUNCTIONS.appointment, 'cancel', { slotId }, consumerA)

  await ok(FUNCTIONS.order, 'quote', { productId: 'prod_shirt', selection }, consumerA)
  const created = await ok(
    FUNCTIONS.order,
    'create',
    { requestId: 'req-cover-0001', productId: 'prod_shirt', selection, address },
    consumerA,
  )
  const orderId = created.order._id
  const paying = await ok(FUNCTIONS.order, 'pay', { orderId }, consumerA)
  await cloud.pay.complete(paying.outTradeNo, 'paid')
  await cloud.pay.drain()
  await ok(FUNCTIONS.order, 'detail', { orderId }, consumerA)
  const mine = await ok(FUNCTIONS.order, 'mine', {}, consumerA)
  if (mine.next) await ok(FUNCTIONS.order, 'mine', { after: mine.next }, consumerA)
  await ok(FUNCTIONS.order, 'board', {}, merchant)
  await ok(FUNCTIONS.order, 'act', { orderId, event: 'confirm' }, merchant)
  const again = await ok(
    FUNCTIONS.order,
    'reorder',
    { orderId, requestId: 'req-cover-0002' },
    consumerA,
  )
  // The timer's payment duties: an attempt to reconcile, a refund to resend.
  await ok(FUNCTIONS.order, 'pay', { orderId: again.order._id }, consumerA)
  await ok(FUNCTIONS.order, 'act', { orderId, event: 'cancel', input: { note: '测试' } }, merchant)
  await cloud.fireTimer(FUNCTIONS.order)

  const uncovered = cloud.uncovered.list().filter((entry) => CHECKED.includes(entry.fn))
  expect(uncovered).toEqual([])
})
