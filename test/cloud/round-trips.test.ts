// Pins the database round trips per action that docs/actions.md states, counted by the local
// cloud per invocation; an action that starts making more calls fails here first.
import { FUNCTIONS } from '@/domain/names'
import type { ProductRecord } from '@/domain/catalog'
import { FUNCTIONS_ROOT } from '../../tools/build-cloudfunctions'
import { DEMO_USERS, seedDemo } from '../../tools/seed/demo'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'

const CONSUMER = 'o_demo_consumer_a'
const MERCHANT = 'o_demo_merchant'
const ADDRESS = {
  name: '林晓',
  phone: '13812345678',
  region: '上海市 徐汇区',
  detail: '漕溪北路 100 号',
}

let cloud: TestCloud
let shirt: ProductRecord
beforeAll(async () => {
  cloud = await startTestCloud({ functionsRoot: FUNCTIONS_ROOT, users: DEMO_USERS })
  await seedDemo(cloud.store)
  ;[shirt] = (await cloud.store.find('products', { _id: 'prod_shirt' })) as ProductRecord[]
})
afterAll(() => cloud?.stop())

const shirtSelection = (urgent: boolean) => ({
  options: Object.fromEntries(
    shirt.optionGroups.filter((g) => g.required).map((g) => [g.id, [g.choices[0].id]]),
  ),
  measurements: Object.fromEntries(shirt.measurements.map((m) => [m.id, m.min])),
  texts: {},
  quantity: 1,
  urgent,
})

async function counted(fn: string, action: string, payload: unknown, openid: string) {
  const { result, roundTrips } = await cloud.invokeCounted(fn, { action, payload }, openid)
  expect(result).toMatchObject({ ok: true })
  return { data: (result as { data: { order?: { _id: string } } }).data, roundTrips }
}

test('each action makes the documented number of database calls', async () => {
  const order = (urgent: boolean, requestId: string) => ({
    requestId,
    productId: 'prod_shirt',
    selection: shirtSelection(urgent),
    address: ADDRESS,
  })
  const trips: Record<string, number> = {}
  trips['user.me'] = (await counted(FUNCTIONS.user, 'me', undefined, CONSUMER)).roundTrips
  trips['catalog.list'] = (await counted(FUNCTIONS.catalog, 'list', undefined, CONSUMER)).roundTrips
  trips['order.quote (urgent-capable product)'] = (
    await counted(
      FUNCTIONS.order,
      'quote',
      { productId: 'prod_shirt', selection: shirtSelection(false) },
      CONSUMER,
    )
  ).roundTrips
  const created = await counted(FUNCTIONS.order, 'create', order(false, 'req-rt-0001'), CONSUMER)
  trips['order.create'] = created.roundTrips
  trips['order.create (retry)'] = (
    await counted(FUNCTIONS.order, 'create', order(false, 'req-rt-0001'), CONSUMER)
  ).roundTrips
  trips['order.create (urgent)'] = (
    await counted(FUNCTIONS.order, 'create', order(true, 'req-rt-0002'), CONSUMER)
  ).roundTrips
  const orderId = created.data.order!._id
  trips['order.detail (owner)'] = (
    await counted(FUNCTIONS.order, 'detail', { orderId }, CONSUMER)
  ).roundTrips
  trips['order.detail (merchant)'] = (
    await counted(FUNCTIONS.order, 'detail', { orderId }, MERCHANT)
  ).roundTrips
  trips['order.mine'] = (await counted(FUNCTIONS.order, 'mine', {}, CONSUMER)).roundTrips
  trips['order.board'] = (await counted(FUNCTIONS.order, 'board', {}, MERCHANT)).roundTrips
  trips['order.act (with notification)'] = (
    await counted(FUNCTIONS.order, 'act', { orderId, event: 'confirm' }, MERCHANT)
  ).roundTrips
  trips['order.act'] = (
    await counted(FUNCTIONS.order, 'act', { orderId, event: 'purchase_materials' }, MERCHANT)
  ).roundTrips
  trips['order.reorder'] = (
    await counted(FUNCTIONS.order, 'reorder', { orderId, requestId: 'req-rt-0003' }, CONSUMER)
  ).roundTrips

  expect(trips).toEqual({
    'user.me': 5,
    'catalog.list': 1,
    'order.quote (urgent-capable product)': 3,
    'order.create': 7,
    'order.create (retry)': 1,
    'order.create (urgent)': 9,
    'order.detail (owner)': 1,
    'order.detail (merchant)': 2,
    'order.mine': 1,
    'order.board': 12,
    'order.act (with notification)': 7,
    'order.act': 6,
    'order.reorder': 8,
  })
})
