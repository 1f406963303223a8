// A preorder batch's count in BATCH_SHARDS documents (issue 21), so orders of one batch product
// arriving at once mostly write different documents. Collection batch_shards, `<productId>-s<k>`.
// Invariants, for the batch collecting now (sequence s on the product's BatchState):
//  1. Its count is the sum of `quantity` over the shards at sequence s; a shard at an older
//     sequence (or none yet) counts 0. A batch that moved on is recounted from its orders.
//  2. A batch's minimum is a floor: it moves on only once its count has reached it. A join takes
//     all its units on one shard (its home: the function instance's, cloud/shard-affinity.ts); orders joining at once each
//     count from what they read, so together they may take a batch past its minimum (by at most
//     what the orders in flight add), as a workshop gladly makes a few more. The order that sees
//     its units reach the minimum moves the batch on in its transaction.
//  3. A batch that reaches its minimum moves on by writing its BatchState alone: the shards of
//     the next batch start from 0 because their sequence is older (no shard is rewritten), so
//     the joins in flight do not all conflict with it. A join that read the old state and
//     commits after the move-on has joined the reached batch (2: a few more); it is released
//     when its 定金 is paid, as any order paid after its batch filled (cloud/payments.ts; the
//     order timer's releaseLeftoverBatches is the backstop). Ending a batch that did not
//     fill (the merchant, or the timer at its deadline) writes the state and every shard in one
//     transaction, so a join of it racing the end conflicts and retries into the next batch: no
//     order joins a batch that was ended.
// An ordinary join writes only its home shard (reads of the state do not conflict). Orders that
// reach the minimum at once, each counting less, leave the batch full but still collecting: the
// first to notice moves it on (a later join, the placing order's check after commit, or the order
// timer). Shares per shard (a batch filled to exactly its minimum) made the last places of every
// batch a race all its orders in flight ran for: 500 orders at once conflicted 2.6 times as often.
// So did rewriting every shard on reaching: each of the 25 batches 500 orders fill made the ~7
// joins in flight conflict.
import { batchIdOf, movedOnState, newBatchState, type BatchState } from './batch'
import type { ProductRecord } from './product-schema'

export const BATCH_SHARDS = 16
const SHARD_INDEXES = Array.from({ length: BATCH_SHARDS }, (_, k) => k)

export interface BatchShard {
  _id: string
  productId: string
  sequence: number
  quantity: number
  /** Products with `collectDays`: set by the first join of this shard in the batch. */
  deadlineAt: Date | null
  updatedAt: Date
}

export const batchShardId = (productId: string, k: number) => `${productId}-s${k}`
export const batchShardIds = (productId: string) =>
  SHARD_INDEXES.map((k) => batchShardId(productId, k))

type Shards = ReadonlyArray<Pick<BatchShard, 'sequence' | 'quantity' | 'deadlineAt'> | null>

const atSequence = (shards: Shards, sequence: number) =>
  SHARD_INDEXES.map((k) => (shards[k]?.sequence === sequence ? shards[k] : null))

/** The collecting batch's count and deadline (the earliest of its shards'). */
export interface BatchCount {
  batchId: string
  sequence: number
  quantity: number
  minQuantity: number
  deadlineAt: Date | null
}

export function countBatch(state: BatchState, shards: Shards): BatchCount {
  const current = atSequence(shards, state.sequence)
  const deadlines = current
    .map((shard) => (shard?.deadlineAt ? new Date(shard.deadlineAt).getTime() : Infinity))
    .filter((time) => time < Infinity)
  return {
    batchId: batchIdOf(state.productId, state.sequence),
    sequence: state.sequence,
    quantity: current.reduce((sum, shard) => sum + (shard?.quantity ?? 0), 0),
    minQuantity: state.minQuantity,
    deadlineAt: deadlines.length ? new Date(Math.min(...deadlines)) : null,
  }
}

/** The collecting batch is past its deadline without having filled. */
export const batchExpired = (count: BatchCount, now: Date) =>
  !!count.deadlineAt && count.deadlineAt.getTime() <= now.getTime()

/** A shard's new content; its id is batchShardId(productId, k). */
export interface ShardWrite {
  k: number
  sequence: number
  quantity: number
  deadlineAt: Date | null
}

/** Every shard emptied for a batch just opened (written when a batch is ended unfilled). */
export const emptyShards = (sequence: number): ShardWrite[] =>
  SHARD_INDEXES.map((k) => ({ k, sequence, quantity: 0, deadlineAt: null }))

export interface JoinPlan {
  /** The batch the order joins. */
  batchId: string
  sequence: number
  minQuantity: number
  /** Units already in it before this order (the quote's `batchQuantity`). */
  before: number
  /** Batches this transaction moves on, to release after the commit. */
  closes: string[]
  /** The BatchState to write: moved on, or created by a product's first order; else null. */
  state: BatchState | null
  shards: ShardWrite[]
}

export interface JoinInput {
  state: BatchState | null
  /** Indexed by k, as read in the order's transaction. */
  shards: Shards
  product: ProductRecord
  quantity: number
  home: number
  now: Date
}

/** Where an order of `quantity` units joins, and what its transaction writes (invariants above). */
export function planJoin(input: JoinInput): JoinPlan {
  const { product, quantity, home, now } = input
  const current = input.state ?? newBatchState(product, now)
  const shards = atSequence(input.shards, current.sequence)
  const counts = shards.map((shard) => shard?.quantity ?? 0)
  const sum = counts.reduce((a, b) => a + b, 0)
  const batchId = batchIdOf(current.productId, current.sequence)
  const next = () => movedOnState(current, product.batch?.minQuantity, now)
  if (sum >= current.minQuantity) {
    // Full but still collecting (orders reached it at once, each counting less): moved on here,
    // and the order joins the next batch (its home shard's older sequence counts 0 there).
    const opened = next()
    const joined = planJoin({ ...input, state: opened })
    return { ...joined, closes: [batchId, ...joined.closes], state: joined.state ?? opened }
  }
  if (sum + quantity >= current.minQuantity) {
    return {
      batchId,
      sequence: current.sequence,
      minQuantity: current.minQuantity,
      before: sum,
      closes: [batchId],
      state: next(),
      shards: [],
    }
  }
  const deadline = deadlineOf(shards, product, now)
  return {
    batchId,
    sequence: current.sequence,
    minQuantity: current.minQuantity,
    before: sum,
    closes: [],
    state: input.state ? null : current,
    shards: [
      {
        k: home,
        sequence: current.sequence,
        quantity: counts[home] + quantity,
        deadlineAt: shards[home]?.deadlineAt ?? deadline,
      },
    ],
  }
}

/** The batch's deadline as its first join sets it: kept once any shard has one. */
function deadlineOf(shards: Shards, product: ProductRecord, now: Date): Date | null {
  const set = shards.find((shard) => shard?.deadlineAt)
  if (set?.deadlineAt) return set.deadlineAt
  const days = product.batch?.collectDays
  return days ? new Date(now.getTime() + days * 24 * 60 * 60 * 1000) : null
}

/**
 * A cancelled order's units taken off shard k, only if its batch is still the one collecting
 * (a shard may go below 0: the sum is what counts). Null: nothing to write.
 */
export function planLeave(
  state: BatchState,
  shard: BatchShard | null,
  k: number,
  leave: { batchId: string; quantity: number },
): ShardWrite | null {
  if (leave.batchId !== batchIdOf(state.productId, state.sequence)) return null
  const current = shard?.sequence === state.sequence ? shard : null
  return {
    k,
    sequence: state.sequence,
    quantity: (current?.quantity ?? 0) - leave.quantity,
    deadlineAt: current?.deadlineAt ?? null,
  }
}
