// Refill writes shared by the order function (a delivery records a purchase) and the refill
// function (answers, the timer). Each runs inside the caller's transaction and touches only
// the one refill document of its (customer, product), so a retried delivery or a concurrent
// answer re-reads and re-applies instead of losing an update.
import type { ProductRecord } from '../domain/catalog'
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import {
  isDue,
  markReminded,
  recordPurchase,
  refillIdOf,
  type RefillRecord,
} from '../domain/refill'
import { reminderDraft } from '../domain/refill-message'
import { db, inTransaction, readDoc, type Transaction } from './database'
import { queueMessage } from './outbox'

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

/**
 * Queues one due reminder and marks the refill reminded, in one transaction that re-reads it.
 * Returns the outbox row's id, or null when another run (or an answer) got there first.
 */
export function queueRefillReminder(refillId: string, now: Date): Promise<string | null> {
  return inTransaction(async (transaction) => {
    const ref = refillRef(transaction, refillId)
    const record = await readDoc<RefillRecord>(ref)
    if (!record || !isDue(record, now)) return null
    const messageId = await queueMessage(transaction, reminderDraft(record), now)
    await ref.set({ data: refillFields(markReminded(record, now)) })
    return messageId
  })
}
