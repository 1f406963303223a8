// The local cloud's round-trip counter: calls made together count once on the critical path.
import { RoundTripCounter } from '../../tools/local-cloud/round-trips'

test('calls made together share a step; a call after an answer starts the next', () => {
  const counter = new RoundTripCounter()
  counter.open('r1')
  const product = counter.begin('r1', 'get products')
  const placed = counter.begin('r1', 'get orders')
  product()
  // Started after the product answered, though the other read is still in flight.
  const start = counter.begin('r1', 'startTransaction')
  placed()
  start()
  counter.begin('r1', 'commitTransaction')()
  expect(counter.close('r1')).toEqual({
    roundTrips: 4,
    criticalPath: 3,
    calls: ['1 get products', '1 get orders', '2 startTransaction', '3 commitTransaction'],
  })
})

test("a worker's stamp wins: a call made beside others stays in their step however late", () => {
  const counter = new RoundTripCounter()
  counter.open('r2')
  counter.begin('r2', 'get orders', 1)()
  counter.begin('r2', 'get products', 1)()
  counter.begin('r2', 'startTransaction', 2)()
  expect(counter.close('r2')).toMatchObject({ roundTrips: 3, criticalPath: 2 })
  expect(counter.begin(undefined, 'unknown invocation')).toEqual(expect.any(Function))
  expect(counter.close('gone')).toEqual({ roundTrips: 0, criticalPath: 0, calls: [] })
})
