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
import { db, readDoc, type Transaction, withoutId } from './database'
import { reminderClaims } from './reminder-claims'

export const refills = () => db.collection(COLLECTIONS.refills)

export function refillRef(transaction: Transaction, id: string) {
  return transaction.collection(COLLECTIONS.refills).doc(id)
}

/** Records a delivered consumable order on its refill; other orders change nothing. */
export async function recordRefillIn(
  transaction: Transaction,
  order: OrderRecord,
  product: ProductRecord | null,
  now: Date,
): Promise<void> {
  const defaultCycleDays = product?.consumable?.defaultCycleDays
  if (order.productSnapshot.kind !== 'consumable' || !defaultCycleDays) return
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
  if (next !== existing) await ref.set({ data: withoutId(next) })
}

/** A due refill as the timer reads it: the reminder's key and its message's fields. */
export type DueReminder = ReminderSource

/**
 * The timer's claim (step 1) and mark (step 3) on refills (reminder-claims.ts): a row is due
 * while active with `nextReminderAt` ≤ now; marking sets it reminded.
 */
export const refillClaims = reminderClaims(COLLECTIONS.refills, 'nextReminderAt', remindedFields)
