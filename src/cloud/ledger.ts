// Writes the money ledger (src/domain/ledger.ts) inside the transaction that records the money
// moving on the order: a payment applied, a refund WeChat paid out. The row's id is WeChat's
// number, and `set` on that id writes the same row again at most, so a repeated callback, a
// retried transaction or the timer racing a callback never adds a second row.
import { ledgerEntriesOf, type LedgerEntry } from '../domain/ledger'
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { db, type Transaction } from './database'

export const ledger = () => db.collection(COLLECTIONS.paymentLedger)

/** Adds the ledger rows the write from `before` to `after` makes; call inside its transaction. */
export async function recordMoney(
  transaction: Transaction,
  before: OrderRecord,
  after: OrderRecord,
  now: Date,
): Promise<LedgerEntry[]> {
  const entries = ledgerEntriesOf(before, after, now)
  for (const { _id, ...row } of entries)
    await transaction.collection(COLLECTIONS.paymentLedger).doc(_id).set({ data: row })
  return entries
}
