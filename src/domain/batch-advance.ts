// Which event moves a whole node's orders one step forward in a batch: the merchant's forward
// rows of the state machine table (TRANSITIONS) for that node. Shipping needs a tracking number
// per order, so it is done one order at a time; each order is still validated on the server.
import { TRANSITIONS } from './order-machine'
import type { OrderEvent, OrderNode } from './order-types'

const ONE_AT_A_TIME: readonly OrderEvent[] = ['ship', 'batch_reached']

export function batchEventsFor(node: OrderNode): OrderEvent[] {
  const events = TRANSITIONS.filter(
    (row) =>
      (typeof row.from === 'string' ? row.from === node : row.from.includes(node)) &&
      row.roles.includes('merchant') &&
      row.to !== 'same' &&
      row.to !== 'cancelled' &&
      !ONE_AT_A_TIME.includes(row.event),
  ).map((row) => row.event)
  return [...new Set(events)]
}
