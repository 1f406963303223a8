// Reading and writing a preorder batch's count in shards (domain/batch-shards.ts states the
// invariants). Only a transaction that moves a batch on writes its BatchState (with every shard
// when it ends a batch unfilled); an ordinary join writes its home shard. A join reads, in its
// transaction, the state and that shard (so what it writes is exact); the other shards' counts
// come from one read before (the quote's count, and whether this order reaches the minimum);
// when the plan would move the batch on, every shard is read in the transaction and it plans
// again on exact counts. After a join commits, its order checks (outside the transaction)
// whether the batch filled, and if so one conditional transaction moves it on: of the orders and
// timer runs that try, exactly one finds the batch still at that sequence, and that one releases
// it. The order timer (closeFullBatches) is the backstop for a crash between the commit and that
// check.
import { batchIdOf, movedOnState, type BatchState } from '../domain/batch'
import {
  BATCH_SHARDS,
  batchShardId,
  batchShardIds,
  countBatch,
  planJoin,
  planLeave,
  type BatchCount,
  type BatchShard,
  type JoinInput,
  type JoinPlan,
  type ShardWrite,
} from '../domain/batch-shards'
import { COLLECTIONS } from '../domain/names'
import { instanceShard } from './shard-affinity'
import {
  command,
  db,
  inTransaction,
  readDoc,
  readList,
  type Transaction,
  withoutId,
} from './database'

type Handle = Pick<Transaction, 'collection'>
const states = (on: Handle = db) => on.collection(COLLECTIONS.batches)
const shardsOf = (on: Handle = db) => on.collection(COLLECTIONS.batchShards)
/** Products whose shards one read covers (a read returns at most 100 documents). */
const PRODUCTS_PER_READ = Math.floor(100 / BATCH_SHARDS)

/** The state and the shards of a product, by id (in a transaction: one get each, at once). */
export async function readBatchDocs(
  on: Handle,
  productId: string,
): Promise<{ state: BatchState | null; shards: Array<BatchShard | null> }> {
  const [state, ...shards] = await Promise.all([
    readDoc<BatchState>(states(on).doc(productId)),
    ...batchShardIds(productId).map((id) => readDoc<BatchShard>(shardsOf(on).doc(id))),
  ])
  return { state, shards }
}

/**
 * Inside a transaction: the state (if given) and the shards, all at once, the state first (the
 * order every transaction writes them in: lock-order.ts).
 */
export async function writeBatchDocs(
  transaction: Handle,
  productId: string,
  state: BatchState | null,
  shards: ShardWrite[],
  now: Date,
): Promise<void> {
  await Promise.all([
    state &&
      states(transaction)
        .doc(productId)
        .set({ data: withoutId(state) }),
    ...shards.map(({ k, ...shard }) =>
      shardsOf(transaction)
        .doc(batchShardId(productId, k))
        .set({ data: { productId, ...shard, updatedAt: now } }),
    ),
  ])
}

/** Outside the order's transaction (one read): where its join looks for free places. */
export const readShardEstimate = async (productId: string) =>
  (await readShards([productId])).get(productId) ?? []

type Shards = Array<BatchShard | null>

/**
 * Inside the order's transaction: where the order joins, on exact counts (header). The state and
 * the home shard are read first; every shard only when the order would move the batch on.
 */
export async function prepareBatchJoin(
  transaction: Transaction,
  estimate: Shards,
  input: Omit<JoinInput, 'state' | 'shards'>,
): Promise<JoinPlan> {
  const productId = input.product._id
  const [state, home] = await Promise.all([
    readDoc<BatchState>(states(transaction).doc(productId)),
    readDoc<BatchShard>(shardsOf(transaction).doc(batchShardId(productId, input.home))),
  ])
  const merged = Array.from({ length: BATCH_SHARDS }, (_, k) =>
    k === input.home ? home : (estimate[k] ?? null),
  )
  const plan = planJoin({ ...input, state, shards: merged })
  if (plan.closes.length === 0) return plan
  const all = await Promise.all(
    batchShardIds(productId).map((id, k) =>
      k === input.home ? home : readDoc<BatchShard>(shardsOf(transaction).doc(id)),
    ),
  )
  return planJoin({ ...input, state, shards: all })
}

/** The shards of these products, indexed by k, outside a transaction (by id: no index). */
async function readShards(productIds: string[]): Promise<Map<string, Array<BatchShard | null>>> {
  const chunks: string[][] = []
  for (let at = 0; at < productIds.length; at += PRODUCTS_PER_READ)
    chunks.push(productIds.slice(at, at + PRODUCTS_PER_READ))
  const lists = await Promise.all(
    chunks.map((ids) => {
      const shardIds = ids.flatMap(batchShardIds)
      return readList<BatchShard>(
        shardsOf()
          .where({ _id: command.in(shardIds) })
          .limit(shardIds.length),
      )
    }),
  )
  const byProduct = new Map(
    productIds.map((id) => [id, Array<BatchShard | null>(BATCH_SHARDS).fill(null)]),
  )
  for (const shard of lists.flat()) {
    const k = Number(/-s(\d+)$/.exec(shard._id)?.[1])
    const list = byProduct.get(shard.productId)
    if (list && k < BATCH_SHARDS) list[k] = shard
  }
  return byProduct
}

/** The batch states of these products (those that have one), outside a transaction. */
export const readBatchStates = (productIds: string[]) =>
  readList<BatchState>(
    states()
      .where({ _id: command.in(productIds) })
      .limit(productIds.length),
  )

/**
 * The collecting batch's count per product that has a batch state (the quote, the catalog, the
 * merchant's batches): states and shards read at once, 2 reads for up to 6 products.
 */
export async function readBatchCounts(productIds: string[]): Promise<Map<string, BatchCount>> {
  if (productIds.length === 0) return new Map()
  const [found, shards] = await Promise.all([readBatchStates(productIds), readShards(productIds)])
  return new Map(found.map((state) => [state._id, countBatch(state, shards.get(state._id) ?? [])]))
}

/** The same for states already read: their shards only. */
export async function countsOf(found: BatchState[]): Promise<Map<string, BatchCount>> {
  const shards = await readShards(found.map((state) => state._id))
  return new Map(found.map((state) => [state._id, countBatch(state, shards.get(state._id) ?? [])]))
}

/**
 * Inside a cancel's transaction: the write taking the order's units off the instance's shard
 * (any will do: the count is their sum) while its batch still collects (nothing otherwise: a
 * reached batch stays reached).
 */
export async function prepareBatchLeave(
  transaction: Transaction,
  order: { _id: string; productId: string },
  leave: { batchId: string; quantity: number },
  now: Date,
): Promise<(() => Promise<void>) | null> {
  const k = instanceShard(BATCH_SHARDS)
  const [state, shard] = await Promise.all([
    readDoc<BatchState>(states(transaction).doc(order.productId)),
    readDoc<BatchShard>(shardsOf(transaction).doc(batchShardId(order.productId, k))),
  ])
  const write = state && planLeave(state, shard, k, leave)
  return write && (() => writeBatchDocs(transaction, order.productId, null, [write], now))
}

/**
 * After the order's commit: the batches its transaction moved on, and the one it joined if that
 * has filled meanwhile and this call moved it on (closeIfFull). A failure of that check is
 * logged: the order stands, and the order timer moves a full batch on (closeFullBatches).
 */
export async function movedOnAfterJoin(
  productId: string,
  plan: JoinPlan,
  nextMinQuantity: number | undefined,
  now: Date,
): Promise<string[]> {
  if (plan.closes.includes(plan.batchId)) return plan.closes
  const closed = await closeIfFull(productId, plan, nextMinQuantity, now).catch(
    (error: unknown) => {
      console.error('[batch] the check after an order failed; the order timer will do it', error)
      return null
    },
  )
  return closed ? [...plan.closes, closed] : plan.closes
}

/**
 * After a join of `batch` committed: moves it on if it has filled (the state and the shards read
 * at once; only when full, the conditional transaction). Returns the id of the batch moved on
 * here, or null. A batch reached while the order joined it has moved on already: the order is
 * released once its 定金 is paid, as any order paid after its batch filled (payments.ts).
 */
export async function closeIfFull(
  productId: string,
  batch: { sequence: number; minQuantity: number },
  nextMinQuantity: number | undefined,
  now: Date,
): Promise<string | null> {
  const count = (await readBatchCounts([productId])).get(productId)
  if (count?.sequence !== batch.sequence || count.quantity < batch.minQuantity) return null
  return moveOnIfFull(productId, batch.sequence, nextMinQuantity, now)
}

/**
 * One transaction: if batch `sequence` still collects and has reached its minimum, it moves on
 * (its state written; the shards' older sequence counts 0 in the next batch). Racing callers
 * conflict on the state: one moves it on.
 */
export function moveOnIfFull(
  productId: string,
  sequence: number,
  nextMinQuantity: number | undefined,
  now: Date,
): Promise<string | null> {
  return inTransaction(async (transaction) => {
    const { state, shards } = await readBatchDocs(transaction, productId)
    if (!state || state.sequence !== sequence) return null
    if (countBatch(state, shards).quantity < state.minQuantity) return null
    const next = movedOnState(state, nextMinQuantity, now)
    await writeBatchDocs(transaction, productId, next, [], now)
    return batchIdOf(productId, sequence)
  })
}
