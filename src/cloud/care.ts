// Care-task writes shared by the order function (a delivery schedules the product's care plan)
// and the refill function (answers, the timer). The delivery runs inside the order's
// transaction and creates each task only if absent (its `_id` is order × step), so a repeated
// or retried delivery never makes a second task nor resets an answered one. The timer's claim
// and mark are conditional bulk updates (reminder-claims.ts); bringing back an unanswered
// reminder is one conditional update per task (repeatUnanswered).
import type { ProductRecord } from '../domain/catalog'
import { careRemindedFields, repeatCare, scheduleCare, type CareTaskRecord } from '../domain/care'
import type { CareReminderSource } from '../domain/care-message'
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { command, db, readDoc, readList, type Transaction, withoutId } from './database'
import { reminderClaims } from './reminder-claims'

export const careTasks = () => db.collection(COLLECTIONS.careTasks)

export function careTaskRef(transaction: Transaction, id: string) {
  return transaction.collection(COLLECTIONS.careTasks).doc(id)
}

/** Schedules the product's care plan for a delivered order: each task created if absent. */
export async function recordCareIn(
  transaction: Transaction,
  order: OrderRecord,
  product: ProductRecord | null,
  now: Date,
): Promise<void> {
  const plan = product?.carePlan
  if (!plan?.length) return
  const tasks = scheduleCare(plan, {
    orderId: order._id,
    orderNo: order.orderNo,
    ownerOpenid: order.ownerOpenid,
    productId: order.productId,
    productName: order.productSnapshot.name,
    deliveredAt: now,
  })
  const refs = tasks.map((task) => careTaskRef(transaction, task._id))
  // All reads before any write: a transaction may not read after a conflicted write.
  const existing = await Promise.all(refs.map((ref) => readDoc<CareTaskRecord>(ref)))
  for (const [i, task] of tasks.entries())
    if (!existing[i]) await refs[i].set({ data: withoutId(task) })
}

/** A due care task as the timer reads it: the reminder's key and its message's fields. */
export type DueCareTask = CareReminderSource

/** The timer's claim and mark on care tasks: due while active with `dueAt` ≤ now. */
export const careClaims = reminderClaims(COLLECTIONS.careTasks, 'dueAt', careRemindedFields)

/**
 * Before the timer's care pass: reminded recurring tasks nobody answered whose next occurrence
 * has come become due again for it (repeatCare), then the pass reminds them once as usual. Each
 * is one conditional update on the row as read (still reminded, same `repeatAt`), so of two runs,
 * or a run and an answer, only one changes it. Returns the rows read and how many it changed.
 */
export async function repeatUnanswered(now: Date, limit: number) {
  const rows = await readList<CareTaskRecord>(
    careTasks()
      .where({ status: 'reminded', repeatAt: command.lte(now) })
      .orderBy('repeatAt', 'asc')
      .limit(limit),
  )
  const changed = await Promise.all(
    rows.map(async (row) => {
      const next = repeatCare(row, now)
      if (!next) return 0
      const result = (await careTasks()
        .where({ _id: row._id, status: 'reminded', repeatAt: row.repeatAt })
        .update({
          data: {
            status: next.status,
            dueAt: next.dueAt,
            repeatAt: next.repeatAt,
            updatedAt: now,
          },
        })) as { stats: { updated: number } }
      return result.stats.updated
    }),
  )
  return { read: rows.length, repeated: changed.reduce((sum, n) => sum + n, 0) }
}
