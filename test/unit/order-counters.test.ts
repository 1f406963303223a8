// The order counters' rules (domain/order-counters.ts): which keys a write changes, the shard an
// order counts in, sums over shards and 逾期 from them.
import {
  counterDelta,
  newOrderCounter,
  overdueFrom,
  sumOrderCounters,
  writesOf,
} from '@/domain/order-counters'
import type { OrderRecord } from '@/domain/order-types'

const order = (node: OrderRecord['node'], kind?: 'delayed' | 'out_of_stock') =>
  ({ node, exception: kind ? { kind } : null }) as Pick<OrderRecord, 'node' | 'exception'>

test.each([
  ['a new order', null, order('submitted'), { submitted: 1 }],
  ['a move', order('submitted'), order('confirmed'), { submitted: -1, confirmed: 1 }],
  ['a write that keeps the node', order('production'), order('production'), {}],
  ['an exception flagged', order('materials'), order('materials', 'delayed'), { exceptions: 1 }],
  ['an exception resolved', order('materials', 'delayed'), order('materials'), { exceptions: -1 }],
  [
    'a flagged order cancelled (out of the workshop: no longer an open exception)',
    order('confirmed', 'out_of_stock'),
    order('cancelled', 'out_of_stock'),
    { confirmed: -1, cancelled: 1, exceptions: -1 },
  ],
  [
    'an exception kept on a shipped order counts nothing',
    order('shipped', 'delayed'),
    null,
    { shipped: -1 },
  ],
] as const)('%s', (_name, before, after, delta) => {
  expect(counterDelta(before, after)).toEqual(delta)
})

test('sums over shards (missing keys count 0), writes, and 逾期 from open orders not yet due', () => {
  const shards = [
    newOrderCounter(0, { submitted: 2, exceptions: 1 }),
    newOrderCounter(3, { submitted: -1, production: 4 }),
    { counts: { confirmed: 1 } },
  ]
  const counts = sumOrderCounters(shards)
  expect(counts).toMatchObject({
    submitted: 1,
    confirmed: 1,
    production: 4,
    exceptions: 1,
    shipped: 0,
  })
  expect(
    writesOf(
      [newOrderCounter(0, { submitted: 2 }), newOrderCounter(1, { submitted: 1 })],
      'submitted',
    ),
  ).toBe(2)
  expect(overdueFrom(counts, 2)).toBe(4) // 6 open (submitted, confirmed, production), 2 not yet due
  expect(overdueFrom(counts, 9)).toBe(0) // read a moment apart: never below 0
})
