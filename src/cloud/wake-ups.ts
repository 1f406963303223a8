// Wake-ups for quiet customers (issue 20), run by the user function's daily timer. Candidates are
// only customers holding a wake_up credit (indexed reads of subscriptions in `_id` order, pages of
// 100, at most 500 a run), so the work follows who asked for it, not the size of the shop. Per
// candidate, in parallel: the user document (last visit), the newest order, their active refills,
// their care task due first; then the batch of the newest order's product. The rows go through
// queueMessagesOnce: the key names the China quarter, so a repeated or concurrent run adds
// nothing, and the message timer sends them like any other (spending the credit).
import type { OrderRecord } from '../domain/order-types'
import type { BatchState } from '../domain/batch'
import type { CareTaskRecord } from '../domain/care'
import type { SubscriptionRecord } from '../domain/message-policy'
import { COLLECTIONS } from '../domain/names'
import type { RefillRecord } from '../domain/refill'
import { isQuiet, pickReason, wakeUpDraft, type WakeUpReason } from '../domain/wake-up'
import { command, db, readDoc, readList } from './database'
import { queueMessagesOnce, QUEUE_BATCH_MAX } from './outbox'

/** Candidates read per run; more are left for the next day's run (their order is by `_id`). */
export const WAKE_UP_CANDIDATES_MAX = 500

async function reasonsFor(
  openid: string,
  now: Date,
  quietDays: number,
): Promise<WakeUpReason | null> {
  const [user, [lastOrder], refills, [care]] = await Promise.all([
    readDoc<{ lastSeenAt?: Date }>(db.collection(COLLECTIONS.users).doc(openid)),
    readList<Pick<OrderRecord, 'createdAt' | 'productId' | 'productSnapshot'>>(
      db
        .collection(COLLECTIONS.orders)
        .where({ ownerOpenid: openid })
        .field({ createdAt: true, productId: true, productSnapshot: true })
        .orderBy('createdAt', 'desc')
        .limit(1),
    ),
    readList<Pick<RefillRecord, 'productId' | 'productName' | 'runOutAt'>>(
      db
        .collection(COLLECTIONS.refills)
        .where({ ownerOpenid: openid, status: 'active' })
        .field({ productId: true, productName: true, runOutAt: true })
        .limit(20),
    ),
    readList<Pick<CareTaskRecord, 'orderId' | 'productName' | 'title' | 'dueAt'>>(
      db
        .collection(COLLECTIONS.careTasks)
        .where({ ownerOpenid: openid, status: 'active' })
        .field({ orderId: true, productName: true, title: true, dueAt: true })
        .orderBy('dueAt', 'asc')
        .limit(1),
    ),
  ])
  if (!isQuiet(user?.lastSeenAt ?? null, lastOrder?.createdAt ?? null, now, quietDays)) return null
  const reasons: WakeUpReason[] = refills.map((refill) => ({ kind: 'refill_due', ...refill }))
  if (care) reasons.push({ kind: 'care_due', ...care })
  if (lastOrder) {
    const batch = await readDoc<Pick<BatchState, 'openedAt'>>(
      db.collection(COLLECTIONS.batches).doc(lastOrder.productId),
    )
    if (batch && new Date(batch.openedAt).getTime() > new Date(lastOrder.createdAt).getTime())
      reasons.push({
        kind: 'new_batch',
        productId: lastOrder.productId,
        productName: lastOrder.productSnapshot.name,
      })
  }
  return pickReason(reasons, now)
}

/** Holders of a wake-up credit after `afterId`, a page of at most 100 (one get's limit). */
function holdersAfter(afterId: string | null) {
  const holding = { purpose: 'wake_up', enabled: true, credits: command.gt(0) }
  return readList<Pick<SubscriptionRecord, '_id' | 'ownerOpenid'>>(
    db
      .collection(COLLECTIONS.subscriptions)
      .where(afterId === null ? holding : { ...holding, _id: command.gt(afterId) })
      .field({ _id: true, ownerOpenid: true })
      .orderBy('_id', 'asc')
      .limit(QUEUE_BATCH_MAX),
  )
}

export async function queueWakeUps(now: Date, quietDays: number) {
  let candidates = 0
  let queued = 0
  let afterId: string | null = null
  // Pages by `_id`: a get returns at most 100 rows, so one read of 500 would stop at 100.
  while (candidates < WAKE_UP_CANDIDATES_MAX) {
    const page = await holdersAfter(afterId)
    if (page.length === 0) break
    candidates += page.length
    afterId = page[page.length - 1]._id
    const reasons = await Promise.all(page.map((h) => reasonsFor(h.ownerOpenid, now, quietDays)))
    const drafts = page.flatMap((holder, index) => {
      const reason = reasons[index]
      return reason ? [wakeUpDraft(holder.ownerOpenid, reason, now)] : []
    })
    queued += (await queueMessagesOnce(drafts, now)).added.length
    if (page.length < QUEUE_BATCH_MAX) break
  }
  return { candidates, queued }
}
