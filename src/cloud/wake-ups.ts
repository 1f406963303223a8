// Wake-ups for quiet customers (issue 20), run by the user function's daily timer. Candidates are
// only customers holding a wake_up credit (one indexed read of subscriptions, in pages of 100), so
// the work follows who asked for it, not the size of the shop. Per candidate, in parallel: the
// user document (last visit), the newest order, their active refills, their care task due first;
// then the batch of the
// newest order's product. The rows go through queueMessagesOnce: the key names the China quarter,
// so a repeated or concurrent run adds nothing, and the message timer sends them like any other.
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

export async function queueWakeUps(now: Date, quietDays: number) {
  const holders = await readList<Pick<SubscriptionRecord, 'ownerOpenid'>>(
    db
      .collection(COLLECTIONS.subscriptions)
      .where({ purpose: 'wake_up', enabled: true, credits: command.gt(0) })
      .field({ ownerOpenid: true })
      .orderBy('_id', 'asc')
      .limit(WAKE_UP_CANDIDATES_MAX),
  )
  let queued = 0
  for (let start = 0; start < holders.length; start += QUEUE_BATCH_MAX) {
    const page = holders.slice(start, start + QUEUE_BATCH_MAX)
    const reasons = await Promise.all(page.map((h) => reasonsFor(h.ownerOpenid, now, quietDays)))
    const drafts = page.flatMap((holder, index) => {
      const reason = reasons[index]
      return reason ? [wakeUpDraft(holder.ownerOpenid, reason, now)] : []
    })
    queued += (await queueMessagesOnce(drafts, now)).added.length
  }
  return { candidates: holders.length, queued }
}
