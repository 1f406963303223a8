// Refill writes shared by the order function (a delivery records a purchase) and the refill
// function (answers, the timer). A purchase or an answer runs inside the caller's transaction
// and touches only the one refill document of its (customer, product), so a retried delivery or
// a concurrent answer re-reads and re-applies instead of losing an update. The timer's claim and
// mark are conditional bulk updates, applied by the database per document.
import type { ProductRecord } from '../domain/catalog'
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { recordPurchase, refillIdOf, remindedFields, type RefillRecord } from '../domain/refill'
import type { ReminderSource } from '../domain/refill-message'
import { command, db, readDoc, readList, type Transaction } from './database'

export const refills = () => db.collection(COLLECTIONS.refills)

export function refillRef(transaction: Transaction, id: string) {
  return transaction.collection(COLLECTIONS.refills).doc(id)
}

/** Records a delivered consumable order on its refill; other orders change nothing. */
export async function recordRefillIn(
  transaction: Transaction,
  order: OrderRecord,
  now: Date,
): Promise<void> {
  if (order.productSnapshot.kind !== 'consumable') return
  const product = await readDoc<ProductRecord>(
    transaction.collection(COLLECTIONS.products).doc(order.productId),
  )
  const defaultCycleDays = product?.consumable?.defaultCycleDays
  if (!defaultCycleDays) return
  const ref = refillRef(transaction, refillIdOf(order.ownerOpenid, order.productId))
  const existing = await readDoc<RefillRecord>(ref)
  const next = recordPurchase(existing, {
    openid: order.ownerOpenid,
    productId: order.productId,
    productName: order.productSnapshot.name,
    defaultCycleDays,
    orderId: order._id,
    quantity: order.selection.quantity,
    at: now,
  })
  if (next !== existing) await ref.set({ data: refillFields(next) })
}

/** The record without `_id`, for `set` (the reference carries the id). */
export function refillFields(record: RefillRecord): Omit<RefillRecord, '_id'> {
  const { _id, ...fields } = record
  void _id
  return fields
}

/** A due refill as the timer reads it: the reminder's key and its message's fields. */
export type DueReminder = ReminderSource

/**
 * Step 1 of the timer's batch (see cloudfunctions/refill/src/timer.ts): one conditional bulk
 * update gives `token` and a lease until `until` to each row that still holds the reminder read
 * (same `_id` and `nextReminderAt`), is still active, and is unclaimed or its claim has lapsed.
 * The database applies the condition and the update per document at once, so of two runs racing
 * for a reminder exactly one claims it. Returns the rows this call claimed: all of them when the
 * update counts them all, else the ones one read by token finds.
 */
export async function claimReminders(
  rows: DueReminder[],
  token: string,
  now: Date,
  until: Date,
): Promise<DueReminder[]> {
  if (rows.length === 0) return []
  const ids = rows.map((row) => row._id)
  const result = (await refills()
    .where(
      command.and([
        { _id: command.in(ids), status: 'active' },
        command.or(rows.map((row) => ({ _id: row._id, nextReminderAt: row.nextReminderAt }))),
        command.or([{ reminderClaimUntil: null }, { reminderClaimUntil: command.lte(now) }]),
      ]),
    )
    .update({ data: { reminderClaim: token, reminderClaimUntil: until } })) as UpdateResult
  if (result.stats.updated === rows.length) return rows
  if (result.stats.updated === 0) return []
  const mine = await readList<Pick<RefillRecord, '_id'>>(
    refills()
      .where({ _id: command.in(ids), reminderClaim: token })
      .field({ _id: true })
      .limit(rows.length),
  )
  const claimed = new Set(mine.map((row) => row._id))
  return rows.filter((row) => claimed.has(row._id))
}

/**
 * Step 3: marks the claimed reminders sent with one bulk update, on the rows that still carry
 * `token` and are still active and due (an answer or a purchase since the claim wins: it moved
 * the reminder past now, stopped it, or replaced the document without the token). Removes the
 * claim. Returns how many it marked.
 */
export async function markRemindersSent(ids: string[], token: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0
  const result = (await refills()
    .where({
      _id: command.in(ids),
      reminderClaim: token,
      status: 'active',
      nextReminderAt: command.lte(now),
    })
    .update({
      data: {
        ...remindedFields(now),
        reminderClaim: command.remove(),
        reminderClaimUntil: command.remove(),
      },
    })) as UpdateResult
  return result.stats.updated
}

/** What `where().update()` resolves to in wx-server-sdk. */
interface UpdateResult {
  stats: { updated: number }
}
