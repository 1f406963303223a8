// Releasing reached preorder batches. The order transaction that fills a batch closes it
// exactly once (the batch document is read and written inside it); this then fires
// `batch_reached` on each waiting order, one transaction each, so a retry or the timer running
// alongside can only move an order once (the state machine refuses an order already moved).
import { batchIdOf, ordersToRelease, type BatchState } from '../domain/batch'
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { ok } from '../domain/result'
import { command, db, readList } from './database'
import { applyOrderEvent, orders, SYSTEM } from './orders'

const WAITING_NODES = ['submitted', 'confirmed']
/** Orders released per query; the timer picks up whatever one run leaves. */
const RELEASE_PAGE = 100

async function release(waiting: OrderRecord[], now: Date): Promise<number> {
  let moved = 0
  for (const order of ordersToRelease(waiting)) {
    const result = await applyOrderEvent({
      orderId: order._id,
      event: 'batch_reached',
      input: {},
      actorFor: () => ok(SYSTEM),
      now,
    })
    if (result.ok) moved += 1
  }
  return moved
}

/** Moves the waiting orders of one reached batch into production. */
export async function releaseBatch(batchId: string, now: Date): Promise<number> {
  const waiting = await readList<OrderRecord>(
    orders()
      .where({ batchId, node: command.in(WAITING_NODES) })
      .limit(RELEASE_PAGE),
  )
  return release(waiting, now)
}

/** Timer: waiting orders of batches that were reached earlier but not fully released. */
export async function releaseLeftoverBatches(now: Date): Promise<number> {
  // Only batches reached at least once can have leftovers (index batches.last_reached).
  const states = await readList<BatchState>(
    db
      .collection(COLLECTIONS.batches)
      .where({ lastReachedAt: command.gt(new Date(0)) })
      .limit(100),
  )
  let moved = 0
  for (const state of states) {
    const collecting = batchIdOf(state.productId, state.sequence)
    const waiting = await readList<OrderRecord>(
      orders()
        .where({
          productId: state.productId,
          node: command.in(WAITING_NODES),
          batchId: command.neq(collecting),
        })
        .limit(RELEASE_PAGE),
    )
    moved += await release(waiting, now)
  }
  return moved
}
