// The database handle every function shares, plus typed reads: wx-server-sdk types `get()` as
// `Promise<…> | void | string` (its callback overloads), which hides the document type.
import * as cloud from 'wx-server-sdk'

// DYNAMIC_CURRENT_ENV: the environment the function is deployed in (or the local cloud's).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

/** Missing documents read as `{ data: null }` instead of a thrown error. */
export const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0])
export const command = db.command

type Collection = ReturnType<typeof db.collection>
type DocumentRef = ReturnType<Collection['doc']>
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

const isConflict = (error: unknown) =>
  /DATABASE_TRANSACTION_CONFLICT/.test(
    [error, (error as { code?: unknown })?.code, (error as { errMsg?: unknown })?.errMsg]
      .map(String)
      .join(' '),
  )

/** Runs `work` in a database transaction; conflicts are retried by the SDK, then TransactionConflict. */
export function inTransaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
  return db.runTransaction(work).catch((error: unknown) => {
    throw isConflict(error) ? new TransactionConflict(error) : error
  })
}
