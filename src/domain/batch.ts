// Preorder batches (C2M). One BatchState document per batch product (collection `batches`,
// `_id` = product id) names the batch collecting now (`sequence`); its count lives in shards
// (batch-shards.ts, whose invariants say who may move a batch on). When a batch reaches its
// minimum it moves on to the next sequence and the cloud fires `batch_reached` (role system) on
// each of its orders that `ordersToRelease` returns, one transaction each; repeats are harmless
// since the machine refuses orders already in production.
// Once reached, a batch stays reached: later cancellations do not stop production.
import { balanceToOpen, fullyPaid } from './order-payments'
import type { ProductRecord } from './product-schema'
import type { OrderRecord } from './order-types'

export interface BatchState {
  _id: string
  productId: string
  minQuantity: number
  /** 1, 2, …: the batch collecting now. Its count and deadline: batch-shards.ts. */
  sequence: number
  openedAt: Date
  lastReachedAt: Date | null
  /**
   * Batches of this product that were cancelled (the latest CANCELLED_KEPT), and when the last
   * was: an order still live in one (its cancel failed or never ran) is cancelled by the timer,
   * never released.
   */
  cancelledBatches?: string[]
  lastCancelledAt?: Date | null
  updatedAt: Date
}

export const CANCELLED_KEPT = 20

export interface BatchProgress {
  quantity: number
  minQuantity: number
  remaining: number
  reached: boolean
}

export function batchIdOf(productId: string, sequence: number): string {
  return `${productId}-b${sequence}`
}

export function newBatchState(product: ProductRecord, now: Date): BatchState {
  if (!product.batch) throw new Error(`${product._id} is not a batch product`)
  return {
    _id: product._id,
    productId: product._id,
    minQuantity: product.batch.minQuantity,
    sequence: 1,
    openedAt: now,
    lastReachedAt: null,
    updatedAt: now,
  }
}

/** The state once the collecting batch reached its minimum: the next one collects. */
export function movedOnState(
  state: BatchState,
  nextMinQuantity: number | undefined,
  now: Date,
): BatchState {
  return {
    ...state,
    // The minimum comes from the product at the time the next batch opens.
    minQuantity: nextMinQuantity ?? state.minQuantity,
    sequence: state.sequence + 1,
    openedAt: now,
    lastReachedAt: now,
    updatedAt: now,
  }
}

export function progressOf(state: { quantity: number; minQuantity: number }): BatchProgress {
  const { quantity, minQuantity } = state
  return {
    quantity,
    minQuantity,
    remaining: Math.max(0, minQuantity - quantity),
    reached: quantity >= minQuantity,
  }
}

/** Recounts a batch from its orders (live = not cancelled), to audit or repair a BatchState. */
export function progressFromOrders(
  minQuantity: number,
  orders: Pick<OrderRecord, 'node' | 'selection'>[],
): BatchProgress {
  const quantity = orders
    .filter((order) => order.node !== 'cancelled')
    .reduce((sum, order) => sum + order.selection.quantity, 0)
  return progressOf({ quantity, minQuantity })
}

/**
 * The orders of a reached batch to send `batch_reached`: waiting (submitted / confirmed) and
 * without an open exception, and paid (in full: into production), or with the 定金 paid and the
 * 尾款 not yet asked for (asked now); the rest stay for the merchant (who may fire it by hand
 * later) or, unpaid, until they are paid (released then) or expire.
 */
export function ordersToRelease<
  T extends Pick<OrderRecord, 'node' | 'exception' | 'payment' | 'balance' | 'quote' | 'coupon'>,
>(orders: T[]): T[] {
  return orders.filter(
    (order) =>
      (order.node === 'submitted' || order.node === 'confirmed') &&
      order.exception === null &&
      (fullyPaid(order) || balanceToOpen(order)),
  )
}
