// Pins the database round trips per action that docs/actions.md states, counted by the local
// cloud per invocation; an action that starts making more calls fails here first.
import { FUNCTIONS } from '@/domain/names'
import type { ProductRecord } from '@/domain/catalog'
import { consumerA, merchant, useDemoCloud } from '../helpers/demo-cloud'
import { DEMO_ADDRESS } from '../../tools/seed/demo'

const ADDRESS = DEMO_ADDRESS

const env = useDemoCloud()
let shirt: ProductRecord
beforeAll(async () => {
  ;[shirt] = (await env.cloud.store.find('products', { _id: 'prod_shirt' })) as ProductRecord[]
})

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
  const { result, roundTrips } = await env.cloud.invokeCounted(fn, { action, payload }, openid)
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
  trips['user.me'] = (await counted(FUNCTIONS.user, 'me', undefined, consumerA)).roundTrips
  trips['catalog.list'] = (
    await counted(FUNCTIONS.catalog, 'list', undefined, consumerA)
  ).roundTrips
  trips['order.quote (urgent-capable product)'] = (
    await counted(
      FUNCTIONS.order,
      'quote',
      { productId: 'prod_shirt', selection: shirtSelection(false) },
      consumerA,
    )
  ).roundTrips
  const created = await counted(FUNCTIONS.order, 'create', order(false, 'req-rt-0001'), consumerA)
  trips['order.create'] = created.roundTrips
  trips['order.create (retry)'] = (
    await counted(FUNCTIONS.order, 'create', order(false, 'req-rt-0001'), consumerA)
  ).roundTrips
  trips['order.create (urgent)'] = (
    await counted(FUNCTIONS.order, 'create', order(true, 'req-rt-0002'), consumerA)
  ).roundTrips
  const orderId = created.data.order!._id
  // Paying: the action, then WeChat's callback (held back here, delivered by hand to count it).
  const paying = await env.cloud.invokeCounted(
    FUNCTIONS.order,
    { action: 'pay', payload: { orderId } },
    consumerA,
  )
  expect(paying.result).toMatchObject({ ok: true })
  trips['order.pay'] = paying.roundTrips
  const outTradeNo = (paying.result as { data: { outTradeNo: string } }).data.outTradeNo
  env.cloud.pay.script({ callback: 'lost' })
  await env.cloud.pay.complete(outTradeNo, 'paid')
  const notice = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo }
  const callback = await env.cloud.invokeCounted(FUNCTIONS.payment, notice, null)
  expect(callback.result).toEqual({ errcode: 0, errmsg: 'OK' })
  trips['payment callback (pay)'] = callback.roundTrips
  trips['payment callback (repeated)'] = (
    await env.cloud.invokeCounted(FUNCTIONS.payment, notice, null)
  ).roundTrips
  trips['order.detail (owner)'] = (
    await counted(FUNCTIONS.order, 'detail', { orderId }, consumerA)
  ).roundTrips
  trips['order.detail (merchant)'] = (
    await counted(FUNCTIONS.order, 'detail', { orderId }, merchant)
  ).roundTrips
  trips['order.mine'] = (await counted(FUNCTIONS.order, 'mine', {}, consumerA)).roundTrips
  trips['order.mine (first page, exception count)'] = (
    await counted(FUNCTIONS.order, 'mine', { tab: 'in_progress', countExceptions: true }, consumerA)
  ).roundTrips
  trips['order.board'] = (await counted(FUNCTIONS.order, 'board', {}, merchant)).roundTrips
  trips['order.act (with notification)'] = (
    await counted(FUNCTIONS.order, 'act', { orderId, event: 'confirm' }, merchant)
  ).roundTrips
  trips['order.act'] = (
    await counted(FUNCTIONS.order, 'act', { orderId, event: 'purchase_materials' }, merchant)
  ).roundTrips
  trips['order.reorder'] = (
    await counted(FUNCTIONS.order, 'reorder', { orderId, requestId: 'req-rt-0003' }, consumerA)
  ).roundTrips
  const cancelled = await counted(FUNCTIONS.order, 'act', { orderId, event: 'cancel' }, merchant)
  trips['order.act (cancel, paid: refund after commit)'] = cancelled.roundTrips

  expect(trips).toEqual({
    'user.me': 5,
    'catalog.list': 2,
    'order.quote (urgent-capable product)': 3,
    'order.create': 17,
    'order.create (retry)': 1,
    'order.create (urgent)': 19,
    'order.detail (owner)': 1,
    'order.detail (merchant)': 2,
    'order.mine': 1,
    'order.mine (first page, exception count)': 2,
    'order.board': 12,
    'order.act (with notification)': 15,
    'order.act': 6,
    'order.reorder': 18,
    // Database calls only; each also makes one cloudPay call (unifiedOrder, queryOrder, refund).
    'order.pay': 2,
    'payment callback (pay)': 7, // + its payment_ledger row, in the same transaction
    'payment callback (repeated)': 1,
    'order.act (cancel, paid: refund after commit)': 14,
  })
})
