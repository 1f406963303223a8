// Pins the database round trips per merchant action that docs/actions.md states (counted by the
// local cloud per invocation), for a small shop: an action that starts making more calls fails.
import { FUNCTIONS } from '@/domain/names'
import { consumerA, merchant, payOrder, useDemoCloud } from '../helpers/demo-cloud'
import { createPayload, linenSelection } from './order-helpers'

const env = useDemoCloud()

async function counted(fn: string, action: string, payload: unknown, openid = merchant) {
  const { result, roundTrips } = await env.cloud.invokeCounted(fn, { action, payload }, openid)
  expect({ action, result }).toMatchObject({ result: { ok: true } })
  return { data: (result as { data: any }).data, roundTrips } // eslint-disable-line @typescript-eslint/no-explicit-any
}

test('each merchant action makes the documented number of database calls', async () => {
  const placed = await counted(FUNCTIONS.order, 'create', createPayload(), consumerA)
  const other = await counted(FUNCTIONS.order, 'create', createPayload(), consumerA)
  await counted(
    FUNCTIONS.order,
    'create',
    createPayload({ productId: 'prod_linen_batch', selection: linenSelection(2) }),
    consumerA,
  )
  const ids = [placed.data.order._id, other.data.order._id]
  const trips: Record<string, number> = {}
  trips['order.create (2 materials)'] = placed.roundTrips
  trips['order.board'] = (await counted(FUNCTIONS.order, 'board', {})).roundTrips
  trips['order.board (search)'] = (
    await counted(FUNCTIONS.order, 'board', { search: '5678' })
  ).roundTrips
  // Not pinned here (the outbox adds calls on notifying events): order.act's stock part is
  // 4 calls per material an order holds, when it enters production, ships or is cancelled.
  await payOrder(env, ids[0], consumerA)
  await counted(FUNCTIONS.order, 'act', { orderId: ids[0], event: 'confirm' })
  trips['merchant.actMany (2 orders)'] = (
    await counted(FUNCTIONS.merchant, 'actMany', {
      orderIds: ids,
      event: 'set_eta',
      input: { eta: '2099-01-01', note: '调整' },
    })
  ).roundTrips
  trips['merchant.stock (5 materials)'] = (
    await counted(FUNCTIONS.merchant, 'stock', undefined)
  ).roundTrips
  trips['merchant.adjustStock'] = (
    await counted(FUNCTIONS.merchant, 'adjustStock', {
      materialId: 'mat_shirting',
      delta: 10,
      reason: 'restock',
    })
  ).roundTrips
  trips['merchant.saveMaterial (new)'] = (
    await counted(FUNCTIONS.merchant, 'saveMaterial', {
      name: '衬布',
      unit: '米',
      safetyLevel: 1,
      quantity: 100,
      usage: [{ productId: 'prod_shirt', perUnit: 1 }],
    })
  ).roundTrips
  trips['merchant.flagStockOut (none short)'] = (
    await counted(FUNCTIONS.merchant, 'flagStockOut', {
      materialId: 'mat_shirting',
      offered: [{ type: 'cancel' }],
    })
  ).roundTrips
  trips['merchant.batches (1 batch)'] = (
    await counted(FUNCTIONS.merchant, 'batches', {})
  ).roundTrips
  trips['merchant.dashboard'] = (
    await counted(FUNCTIONS.merchant, 'dashboard', undefined)
  ).roundTrips
  trips['merchant.merchants'] = (
    await counted(FUNCTIONS.merchant, 'merchants', undefined)
  ).roundTrips
  trips['merchant.addMerchant'] = (
    await counted(FUNCTIONS.merchant, 'addMerchant', { openid: 'o_new_merchant_02', name: '店员' })
  ).roundTrips
  trips['merchant.refundOrder (partial)'] = (
    await counted(FUNCTIONS.merchant, 'refundOrder', {
      orderId: ids[0],
      amountFen: 100,
      reason: '其他',
      requestId: 'req_trips_refund',
    })
  ).roundTrips
  await env.cloud.pay.drain()
  trips['merchant.reconciliation'] = (
    await counted(FUNCTIONS.merchant, 'reconciliation', {})
  ).roundTrips
  trips['merchant.failedRefunds'] = (
    await counted(FUNCTIONS.merchant, 'failedRefunds', undefined)
  ).roundTrips
  trips['merchant.removeMerchant'] = (
    await counted(FUNCTIONS.merchant, 'removeMerchant', { openid: 'o_new_merchant_02' })
  ).roundTrips

  expect(trips).toEqual({
    // The customer's first recorded behaviour creates their preference document, in the order's
    // own transaction (as later orders write it there: no extra round trip).
    'order.create (2 materials)': 20, // + the order counter's increment
    'order.board': 5, // the order counters, not one count per node
    'order.board (search)': 4,
    // Per order: its message claimed in the order's transaction (the customer's settings, credit
    // and day count read beside the event's reads), so nothing claims it after the commit.
    'merchant.actMany (2 orders)': 20, // set_eta: no node changes, so no counter
    'merchant.stock (5 materials)': 4,
    // The first restock spreads the material over its 32 shards (one write each, in order).
    'merchant.adjustStock': 39,
    'merchant.saveMaterial (new)': 8, // + the material count (the limit), beside the product names
    // + the shards of the material, spread by the restock above.
    'merchant.flagStockOut (none short)': 3,
    'merchant.batches (1 batch)': 5, // + the shards (the deadline), beside the orders
    'merchant.dashboard': 62, // the order counters' shards and the not-yet-due count (2); five count held messages per hold reason; 29 opened (overall, and sent + opened for each of the 14 purposes); one failed refunds; three after-sales; one ratings; one 为你推荐 counters; one home visits
    'merchant.merchants': 2,
    'merchant.addMerchant': 3,
    'merchant.removeMerchant': 7,
    'merchant.refundOrder (partial)': 6, // with its audit row; + 1 cloudPay.refund after the commit
    'merchant.reconciliation': 2, // one ledger read per 100 rows of the day
    'merchant.failedRefunds': 2,
  })
})
