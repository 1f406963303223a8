// Preorder batches (C2M). One BatchState document per batch product (collection `batches`,
// `_id` = product id) counts the units of the batch now collecting. The cloud updates it inside
// the order transaction (joinBatch on create, leaveBatch on a cancel's `batchLeave`), because a
// transaction can read documents but not run queries. When a join reaches the minimum, that
// batch closes (the state moves on to the next sequence) and the cloud fires `batch_reached`
// (role system) on each of its orders that `ordersToRelease` returns, one transaction each;
// repeats are harmless since the machine refuses orders already in production.
// Once reached, a batch stays reached: later cancellations do not stop production.
import { balanceToOpen, fullyPaid } from './order-payments'
import type { ProductRecord } from './product-schema'
import type { OrderRecord } from './order-types'

export interface BatchState {
  _id: string
  productId: string
  minQuantity: number
  /** 1, 2, …: the batch collecting now. */
  sequence: number
  /** Units of live (not cancelled) orders in the collecting batch. */
  quantity: number
  openedAt: Date
  lastReachedAt: Date | null
  /**
   * Products with `collectDays`: set when the first order joins the collecting batch; a batch
   * still collecting then is cancelled by the order timer (every payment refunded).
   */
  deadlineAt?: Date | null
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
    quantity: 0,
    openedAt: now,
    lastReachedAt: null,
    updatedAt: now,
  }
}

/**
 * Adds an order's units to the collecting batch. Returns the id the order joins, whether this
 * join reached the minimum, and the state to write (already moved to the next batch if so).
 */
export function joinBatch(
  state: BatchState | null,
  product: ProductRecord,
  quantity: number,
  now: Date,
): { state: BatchState; batchId: string; reached: boolean } {
  const current = state ?? newBatchState(product, now)
  const batchId = batchIdOf(current.productId, current.sequence)
  const total = current.quantity + quantity
  if (total < current.minQuantity)
    return {
      state: {
        ...current,
        quantity: total,
        deadlineAt: deadlineOf(current, product, now),
        updatedAt: now,
      },
      batchId,
      reached: false,
    }
  return {
    state: {
      ...current,
      // The minimum comes from the product at the time the next batch opens.
      minQuantity: product.batch?.minQuantity ?? current.minQuantity,
      sequence: current.sequence + 1,
      quantity: 0,
      openedAt: now,
      lastReachedAt: now,
      deadlineAt: null,
      updatedAt: now,
    },
    batchId,
    reached: true,
  }
}

/** The collecting batch's deadline: kept once set, else counted from this first join. */
function deadlineOf(state: BatchState, product: ProductRecord, now: Date): Date | null {
  if (state.deadlineAt) return state.deadlineAt
  const days = product.batch?.collectDays
  return days ? new Date(now.getTime() + days * 24 * 60 * 60 * 1000) : null
}

/** The collecting batch is past its deadline without having filled. */
export const batchExpired = (state: BatchState, now: Date) =>
  !!state.deadlineAt && state.deadlineAt.getTime() <= now.getTime()

/** Removes a cancelled order's units, only if its batch is still the one collecting. */
export function leaveBatch(
  state: BatchState,
  batchId: string,
  quantity: number,
  now: Date,
): BatchState {
  if (batchId !== batchIdOf(state.productId, state.sequence)) return state
  return { ...state, quantity: Math.max(0, state.quantity - quantity), updatedAt: now }
}

export function progressOf(state: Pick<BatchState, 'quantity' | 'minQuantity'>): BatchProgress {
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
