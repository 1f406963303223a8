// Reading and writing a customer's counter (domain/customer-holds.ts) inside the transaction that
// adds to it, and confirming counted items against their own documents when the limit is near.
import { holdsId, type Holds, type HoldsKind } from '../domain/customer-holds'
import { COLLECTIONS, type CollectionName } from '../domain/names'
import { readDoc, type Transaction } from './database'

/** The counter's items, and the write that replaces them (to run with the transaction's writes). */
export async function readHolds<T>(
  transaction: Transaction,
  openid: string,
  kind: HoldsKind,
): Promise<{ items: T[]; save: (items: T[]) => Promise<void> }> {
  const ref = transaction.collection(COLLECTIONS.customerHolds).doc(holdsId(openid, kind))
  const items = (await readDoc<Holds<T>>(ref))?.items ?? []
  return {
    items,
    save: async (next) => {
      await ref.set({ data: { items: next } })
    },
  }
}

/** A counted item may be stale (cancelled, confirmed since): keep those its document confirms. */
export async function stillHeld<T extends { id: string }, D>(
  transaction: Transaction,
  collection: CollectionName,
  held: readonly T[],
  confirms: (doc: D | null) => boolean,
): Promise<T[]> {
  const docs = transaction.collection(collection)
  const current = await Promise.all(held.map((item) => readDoc<D>(docs.doc(item.id))))
  return held.filter((_, index) => confirms(current[index]))
}
