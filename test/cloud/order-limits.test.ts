// The open-order limits (issue 23 item 7) at their production defaults: what one customer may
// hold in orders the merchant has not confirmed yet, and how confirming or cancelling frees room.
import { DEFAULT_ORDER_LIMITS } from '@/domain/customer-holds'
import { defaultOrderLimitsEnv } from '../helpers/local-cloud'
import {
  consumerA,
  createPayload,
  filterSelection,
  makeClient,
  merchant,
  startOrderCloud,
} from './order-helpers'

const env = startOrderCloud(defaultOrderLimitsEnv())
const { call, create, act, snapshot } = makeClient(env)
const { openOrders, openUnits } = DEFAULT_ORDER_LIMITS

test(`the ${openOrders + 1}th open order is refused with ORDER_LIMIT and writes nothing; confirming or cancelling one frees a place`, async () => {
  const placed = []
  for (let i = 0; i < openOrders; i += 1) placed.push(await create(consumerA))
  const before = await snapshot()
  const refused = await call('create', createPayload(), consumerA)
  expect(refused).toMatchObject({ ok: false, code: 'ORDER_LIMIT' })
  expect(refused.message).toContain(`${openOrders} 个待商家确认的订单`)
  expect(await snapshot()).toEqual(before)

  expect(await act(consumerA, placed[0]._id, 'cancel')).toMatchObject({
    ok: true,
  })
  expect(await call('create', createPayload(), consumerA)).toMatchObject({ ok: true })
  expect(await call('create', createPayload(), consumerA)).toMatchObject({ code: 'ORDER_LIMIT' })

  expect(await act(merchant, placed[1]._id, 'confirm')).toMatchObject({ ok: true })
  expect(await call('create', createPayload(), consumerA)).toMatchObject({ ok: true })
})

test(`units across open orders stop at ${openUnits}; another customer is not affected`, async () => {
  const buyer = 'o_limits_units'
  const big = (quantity: number) =>
    call(
      'create',
      createPayload({ productId: 'prod_filter', selection: { ...filterSelection(), quantity } }),
      buyer,
    )
  expect(await big(90)).toMatchObject({ ok: true })
  const refused = await big(20)
  expect(refused).toMatchObject({ ok: false, code: 'ORDER_LIMIT' })
  expect(refused.message).toContain('现有 90 件')
  expect(await big(10)).toMatchObject({ ok: true })
  expect(
    await call(
      'create',
      createPayload({ productId: 'prod_filter', selection: filterSelection() }),
      'o_limits_other',
    ),
  ).toMatchObject({ ok: true })
})
