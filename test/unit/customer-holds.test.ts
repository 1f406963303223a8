import { DEFAULT_ORDER_LIMITS, holdsId, mergeHolds, orderLimitCheck } from '@/domain/customer-holds'

const limits = { openOrders: 2, openUnits: 10 }

test('mergeHolds keeps each id once, and only what `keep` accepts', () => {
  const merged = mergeHolds(
    [
      { id: 'a', units: 1 },
      { id: 'b', units: 2 },
    ],
    [
      { id: 'b', units: 2 },
      { id: 'c', units: 0 },
    ],
    (hold) => hold.units > 0,
  )
  expect(merged.map((hold) => hold.id)).toEqual(['a', 'b'])
})

test('orderLimitCheck refuses the order beyond the count, then beyond the units', () => {
  expect(orderLimitCheck([{ id: 'a', units: 1 }], 9, limits).ok).toBe(true)
  expect(orderLimitCheck([{ id: 'a', units: 1 }], 10, limits)).toMatchObject({
    ok: false,
    code: 'ORDER_LIMIT',
    message: expect.stringContaining('现有 1 件'),
  })
  const two = [
    { id: 'a', units: 1 },
    { id: 'b', units: 1 },
  ]
  expect(orderLimitCheck(two, 1, limits)).toMatchObject({
    code: 'ORDER_LIMIT',
    message: expect.stringContaining('2 个待商家确认的订单'),
  })
})

test('defaults leave room for a family order and cap a hoarder; ids are per customer and kind', () => {
  expect(DEFAULT_ORDER_LIMITS).toEqual({ openOrders: 10, openUnits: 100 })
  expect(holdsId('o_a', 'orders')).not.toBe(holdsId('o_a', 'bookings'))
})
