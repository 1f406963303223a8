// The database handle every function shares, plus typed reads: wx-server-sdk types `get()` as
// `Promise<…> | void | string` (its callback overloads), which hides the document type.
import * as cloud from 'wx-server-sdk'
import { moveInstanceShard } from './shard-affinity'

// DYNAMIC_CURRENT_ENV: the environment the function is deployed in (or the local cloud's).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

/** Missing documents read as `{ data: null }` instead of a thrown error. */
export const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0])
export const command = db.command

type Collection = ReturnType<typeof db.collection>
export type DocumentRef = ReturnType<Collection['doc']>
type Query = Pick<Collection, 'get'>

/** The part of a transaction we use (the SDK types it as `any`). */
export interface Transaction {
  collection(name: string): Collection
}

export async function readDoc<T>(ref: DocumentRef): Promise<T | null> {
  const { data } = (await ref.get()) as { data: unknown }
  return (data as T | null) ?? null
}

export async function readList<T>(query: Query): Promise<T[]> {
  const { data } = (await query.get()) as { data: unknown[] }
  return data as T[]
}

/** The most documents one get returns in a cloud function (notes/platform.md: assume 100). */
export const READ_MAX = 100

/**
 * Up to `max` documents of `query`, in its order with `_id` breaking ties: one get when they fit
 * in READ_MAX, else the further pages all at once (skip). A row written between the reads may
 * shift a page by one, so this is for lists and samples, not for money.
 */
export async function readUpTo<T>(
  query: ReturnType<Collection['where']>,
  max: number,
): Promise<T[]> {
  const ordered = query.orderBy('_id', 'asc')
  const page = (at: number) => readList<T>(ordered.skip(at).limit(Math.min(READ_MAX, max - at)))
  const first = await page(0)
  if (first.length < READ_MAX || max <= READ_MAX) return first
  const starts: number[] = []
  for (let at = READ_MAX; at < max; at += READ_MAX) starts.push(at)
  return [first, ...(await Promise.all(starts.map(page)))].flat()
}

/** Splits `_id` off a record for `set`, which takes the id from the document reference. */
export function withoutId<T extends { _id: string }>(record: T): Omit<T, '_id'> {
  const { _id, ...fields } = record
  void _id
  return fields
}

export async function countOf(query: Pick<Collection, 'count'>): Promise<number> {
  const { total } = (await query.count()) as { total: number }
  return total
}

/** A transaction still conflicting after the SDK's retries; the router answers CONFLICT. */
export class TransactionConflict extends Error {
  constructor(readonly cause: unknown) {
    super('transaction conflict after retries')
  }
}

/**
 * A commit that conflicted keeps the code DATABASE_TRANSACTION_CONFLICT. A statement that fails
 * inside the callback because its transaction already conflicted (typically a read after a
 * write another transaction got to first) reaches us through the SDK's document API, which
 * keeps only the message: `document.get:fail -501001 resource system error. database
 * transaction conflict, please retry. 事务冲突…`. Both are contention.
 */
export const isConflict = (error: unknown) =>
  /DATABASE_TRANSACTION_CONFLICT|transaction conflict|事务冲突/i.test(
    [error, (error as { code?: unknown })?.code, (error as { errMsg?: unknown })?.errMsg]
      .map(String)
      .join(' '),
  )

/**
 * Whole attempts of a transaction that conflicted. The SDK retries a conflicted commit itself,
 * but not a conflict thrown inside the callback, so those get fresh attempts here (the callback
 * must, as for the SDK's retries, start over cleanly).
 */
const CONFLICT_ATTEMPTS = 5
/** Full jitter, growing per attempt: conflicting callers spread out instead of meeting again. */
const conflictPause = (attempt: number) => Math.random() * Math.min(400, 25 * 2 ** attempt)

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `work` in a database transaction. Conflicts are retried (by the SDK, then here after a
 * growing random pause); still conflicting, it throws TransactionConflict, which the router
 * answers CONFLICT. The transaction is rolled back each time, so nothing is half-applied.
 */
export async function inTransaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
  let runs = 0
  // A run after the first follows a conflict: this instance's shards move (shard-affinity.ts).
  const run = (transaction: Transaction) => {
    runs += 1
    if (runs > 1) moveInstanceShard()
    return work(transaction)
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.runTransaction(run)
    } catch (error) {
      if (!isConflict(error)) throw error
      if (attempt >= CONFLICT_ATTEMPTS) throw new TransactionConflict(error)
      await pause(conflictPause(attempt))
    }
  }
}
