// Ending a preorder batch: the merchant closing it below the minimum (production starts anyway),
// or the merchant or the timer (past its deadline) cancelling it (every order in it is cancelled;
// its id is kept so an order left live in it is cancelled later, never released). Either way the
// next batch starts collecting at once, so no new order joins the one being ended (the cloud
// writes the state with every batch shard emptied: batch-shards.ts, invariant 3).
import { batchIdOf, CANCELLED_KEPT, progressFromOrders, type BatchState } from './batch'
import type { BatchStatus, BatchView } from './merchant-views'
import type { OrderRecord } from './order-types'

export function endCollectingBatch(
  state: BatchState,
  how: 'close' | 'cancel',
  now: Date,
): BatchState {
  const ended: BatchState = {
    ...state,
    sequence: state.sequence + 1,
    openedAt: now,
    lastReachedAt: how === 'close' ? now : state.lastReachedAt,
    updatedAt: now,
  }
  if (how === 'close') return ended
  const cancelled = [...(state.cancelledBatches ?? []), collectingBatchId(state)]
  return {
    ...ended,
    cancelledBatches: cancelled.slice(-CANCELLED_KEPT),
    lastCancelledAt: now,
  }
}

export const collectingBatchId = (state: BatchState) => batchIdOf(state.productId, state.sequence)

/** `deadlineAt`: the collecting batch's (batch-shards.ts countBatch). */
export function toBatchView(
  batchId: string,
  state: BatchState,
  deadlineAt: Date | null,
  productName: string,
  status: BatchStatus,
  orders: Pick<OrderRecord, '_id' | 'orderNo' | 'node' | 'selection'>[],
): BatchView {
  const progress = progressFromOrders(state.minQuantity, orders)
  return {
    batchId,
    productId: state.productId,
    productName,
    status,
    ...progress,
    reached: status === 'reached' || progress.reached,
    orders: orders.map((o) => ({
      orderId: o._id,
      orderNo: o.orderNo,
      quantity: o.selection.quantity,
      node: o.node,
    })),
    openedAt: state.openedAt,
    deadlineAt: status === 'collecting' ? deadlineAt : null,
  }
}
