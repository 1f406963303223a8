// The local cloud's round-trip counter: calls made together count once on the critical path.
import { HOLD_MS, RoundTripCounter } from '../../tools/local-cloud/round-trips'

test('calls made together share a step; a call after an answer starts the next', () => {
  const counter = new RoundTripCounter()
  counter.open('r1', true)
  const product = counter.begin('r1', 'get products')
  const placed = counter.begin('r1', 'get orders')
  product.answered()
  // Started after the product answered, though the other read is still in flight.
  const start = counter.begin('r1', 'startTransaction')
  placed.answered()
  start.answered()
  const commit = counter.begin('r1', 'commitTransaction')
  commit.answered()
  expect(counter.close('r1')).toEqual({
    roundTrips: 4,
    criticalPath: 3,
    calls: ['1 get products', '1 get orders', '2 startTransaction', '3 commitTransaction'],
  })
})

test('only traced invocations hold answers back; unknown ones count nothing', () => {
  const counter = new RoundTripCounter()
  counter.open('traced', true)
  counter.open('plain', false)
  expect(counter.begin('traced', 'get').holdMs).toBe(HOLD_MS)
  expect(counter.begin('plain', 'get').holdMs).toBe(0)
  expect(counter.begin(undefined, 'get').holdMs).toBe(0)
  expect(counter.close('plain')).toMatchObject({ roundTrips: 1, criticalPath: 1 })
  expect(counter.close('gone')).toEqual({ roundTrips: 0, criticalPath: 0, calls: [] })
})
