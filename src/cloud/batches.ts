// Releasing reached preorder batches. Exactly one transaction moves a batch on (batch-shards.ts:
// the order reaching it, or the one closing check that finds it still at its sequence); this
// then fires `batch_reached` on each waiting order, one transaction each, so a retry or the timer
// running alongside can only move an order once (the state machine refuses an order already moved).
import { batchIdOf, ordersToRelease, type BatchState } from '../domain/batch'
import { batchExpired, countBatch, emptyShards, type BatchShard } from '../domain/batch-shards'
import { collectingBatchId, endCollectingBatch } from '../domain/batch-admin'
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { fail, ok, type Result } from '../domain/result'
import { command, db, inTransaction, readList } from './database'
import { applySystemEvent, orders } from './orders'
import {
  countsOf,
  moveOnIfFull,
  readBatchDocs,
  readBatchStates,
  writeBatchDocs,
} from './batch-shards'

const WAITING_NODES = ['submitted', 'confirmed']
/** Orders released per query; the timer picks up whatever one run leaves. */
const RELEASE_PAGE = 100

/**
 * A few orders at a time: each is its own transaction, and they share only stock and counter
 * shards, so the invocation that moved a batch on (it answers its own customer) is not held up
 * by twenty transactions one after another.
 */
const RELEASING_AT_ONCE = 4

async function release(waiting: OrderRecord[], now: Date): Promise<number> {
  const queue = ordersToRelease(waiting)
  let moved = 0
  const releaseNext = async (): Promise<void> => {
    for (let order = queue.shift(); order; order = queue.shift()) {
      const result = await applySystemEvent(order._id, 'batch_reached', now)
      if (result.ok) moved += 1
    }
  }
  await Promise.all(Array.from({ length: RELEASING_AT_ONCE }, releaseNext))
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

/**
 * Timer: waiting orders of ended batches. Those of a batch that was reached but not fully
 * released move on; those left live in a cancelled batch (a cancel that failed or never ran)
 * are cancelled now, with what they paid refunded.
 */
export async function releaseLeftoverBatches(now: Date): Promise<number> {
  // Only batches ended at least once can have leftovers (indexes last_reached, last_cancelled).
  const states = await readList<BatchState>(
    db
      .collection(COLLECTIONS.batches)
      .where(
        command.or([
          { lastReachedAt: command.gt(new Date(0)) },
          { lastCancelledAt: command.gt(new Date(0)) },
        ]),
      )
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
    const cancelled = new Set(state.cancelledBatches ?? [])
    moved += await release(
      waiting.filter((order) => !cancelled.has(order.batchId ?? '')),
      now,
    )
    moved += await cancelEach(
      waiting.filter((order) => cancelled.has(order.batchId ?? '')),
      BATCH_CANCELLED_NOTE,
      now,
    )
  }
  return moved
}

/** The system's cancel of each order (refunding what it paid); how many it cancelled. */
async function cancelEach(list: OrderRecord[], note: string, now: Date): Promise<number> {
  let cancelled = 0
  for (const order of list) {
    const result = await applySystemEvent(order._id, 'cancel', now, { note })
    if (result.ok) cancelled += 1
  }
  return cancelled
}

/** What the customer reads on an order left live in a cancelled batch, once the timer ends it. */
export const BATCH_CANCELLED_NOTE = '拼单已取消，订单已取消，已付款项将原路退回'

const BATCH_ID = /^(.+)-b(\d+)$/

/**
 * Ends the batch if it is the one collecting (and, with `onlyIfExpired`, past its deadline):
 * one transaction writing the product's batch state and every shard, so a merchant and the timer
 * cannot both end it, and no order joins it once ended. NOT_FOUND / INVALID_TRANSITION otherwise.
 */
export async function endBatch(
  batchId: string,
  how: 'close' | 'cancel',
  now: Date,
  onlyIfExpired = false,
): Promise<Result<BatchState>> {
  const productId = BATCH_ID.exec(batchId)?.[1]
  if (!productId) return fail('NOT_FOUND', '批次不存在')
  return inTransaction(async (transaction) => {
    const { state, shards } = await readBatchDocs(transaction, productId)
    if (!state) return fail('NOT_FOUND', '批次不存在')
    const expired = batchExpired(countBatch(state, shards), now)
    if (collectingBatchId(state) !== batchId || (onlyIfExpired && !expired))
      return fail('INVALID_TRANSITION', '该批次已成团或已结束')
    const ended = endCollectingBatch(state, how, now)
    await writeBatchDocs(transaction, productId, ended, emptyShards(ended.sequence), now)
    return ok({ ...state, _id: productId })
  })
}

/** What the customer reads on an order whose batch did not fill in time. */
export const BATCH_EXPIRED_NOTE = '拼单到期未成团，订单已取消，已付款项将原路退回'

/**
 * Timer: batches past their deadline that have not filled are cancelled, and so is each live
 * order in them (the system's cancel: refunds what was paid, releases what was held). An order
 * this misses (a failure, a crash after the batch ended) is cancelled by releaseLeftoverBatches
 * on a later run, as are those the merchant's cancelBatch misses.
 */
export async function cancelExpiredBatches(now: Date): Promise<number> {
  // A batch's deadline is its shards' earliest (index batch_shards.deadline).
  const due = await readList<BatchShard>(
    db
      .collection(COLLECTIONS.batchShards)
      .where({ deadlineAt: command.lte(now) })
      .limit(100),
  )
  const current = await clearReachedDeadlines(due)
  let cancelled = 0
  for (const batchId of new Set(
    current.map((shard) => batchIdOf(shard.productId, shard.sequence)),
  )) {
    const ended = await endBatch(batchId, 'cancel', now, true)
    if (!ended.ok) continue
    const live = await readList<OrderRecord>(
      orders()
        .where({ batchId, node: command.in(WAITING_NODES) })
        .limit(RELEASE_PAGE),
    )
    cancelled += await cancelEach(live, BATCH_EXPIRED_NOTE, now)
  }
  return cancelled
}

/**
 * The due shards of batches still collecting. A batch that reached its minimum leaves its shards
 * as they were (batch-shards.ts); their deadlines, no longer any batch's, are cleared here so
 * they do not fill the due query (only if the shard is still at that sequence: a join of the next
 * batch may have rewritten it).
 */
async function clearReachedDeadlines(due: BatchShard[]): Promise<BatchShard[]> {
  if (due.length === 0) return due
  const found = await readBatchStates([...new Set(due.map((shard) => shard.productId))])
  const sequences = new Map(found.map((state) => [state._id, state.sequence]))
  const isPast = (shard: BatchShard) => shard.sequence < (sequences.get(shard.productId) ?? 0)
  await Promise.all(
    due.filter(isPast).map((shard) =>
      db
        .collection(COLLECTIONS.batchShards)
        .where({ _id: shard._id, sequence: shard.sequence })
        .update({ data: { deadlineAt: null } }),
    ),
  )
  return due.filter((shard) => !isPast(shard))
}

/**
 * Timer: batches full but still collecting (a crash came between an order's commit and its
 * closing check) move on, one conditional transaction each; releaseLeftoverBatches, run after
 * this, releases their orders.
 */
export async function closeFullBatches(now: Date): Promise<number> {
  const states = await readList<BatchState>(
    db
      .collection(COLLECTIONS.batches)
      .where({ _id: command.gt('') })
      .orderBy('_id', 'asc')
      .limit(100),
  )
  const counts = await countsOf(states)
  let closed = 0
  for (const [productId, count] of counts)
    if (
      count.quantity >= count.minQuantity &&
      (await moveOnIfFull(productId, count.sequence, undefined, now))
    )
      closed += 1
  return closed
}
