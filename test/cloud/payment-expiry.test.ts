// Unpaid orders and the customer's open-order hold: an order that expires unpaid stops counting
// against the limit, like one the customer cancelled. Also PAY_WITHIN_MINUTES from the function's
// environment. (Own cloud: the limits and the payment window are environment variables.)
import { FUNCTIONS } from '@/domain/names'
import { chinaDaytimeToday } from '../helpers/local-cloud'
import {
  consumerB,
  createPayload,
  filterSelection,
  makeClient,
  startOrderCloud,
} from './order-helpers'

const env = startOrderCloud({
  OPEN_ORDERS_PER_CUSTOMER: '2',
  OPEN_UNITS_PER_CUSTOMER: '100',
  PAY_WITHIN_MINUTES: '15',
})
const { call, create, stored } = makeClient(env)
const MINUTE = 60_000

afterEach(() => env.cloud.clock.set(null))

test('PAY_WITHIN_MINUTES sets the payment window', async () => {
  env.cloud.clock.set(chinaDaytimeToday())
  const order = await create(consumerB, {}, { paid: false })
  expect(new Date(order.payment.dueBy).getTime() - new Date(order.createdAt).getTime()).toBe(
    15 * MINUTE,
  )
  await call('act', { orderId: order._id, event: 'cancel' }, consumerB)
})

test('orders that expired unpaid give the customer their open-order places back', async () => {
  const start = chinaDaytimeToday()
  env.cloud.clock.set(start)
  const held = [
    await create(consumerB, {}, { paid: false }),
    await create(consumerB, {}, { paid: false }),
  ]
  await expect(call('create', { ...payloadFor() }, consumerB)).resolves.toMatchObject({
    ok: false,
    code: 'ORDER_LIMIT',
  })
  env.cloud.clock.set(new Date(start.getTime() + 16 * MINUTE))
  await env.cloud.fireTimer(FUNCTIONS.order)
  for (const order of held)
    expect(await stored(order._id)).toMatchObject({
      node: 'cancelled',
      payment: { state: 'closed' },
    })
  await expect(call('create', payloadFor(), consumerB)).resolves.toMatchObject({ ok: true })
})

/** A one-unit filter order, so the open-order count, not the unit count, is what binds. */
const payloadFor = () =>
  createPayload({ productId: 'prod_filter', selection: { ...filterSelection(), quantity: 1 } })
