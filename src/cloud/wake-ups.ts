// Wake-ups for quiet customers (issue 20), run by the user function's daily timer. Candidates are
// only customers holding a wake_up credit (indexed reads of subscriptions in `_id` order, pages of
// 100, at most 500 a run and while the run's time lasts), so the work follows who asked for it,
// not the size of the shop. A run goes on from where the last one stopped (a cursor in
// timer_cursors), so every holder is reached however many there are. Per page: one read of the holders' user documents (last visit), one
// of which quiet ones were woken this quarter; only the others go on, 20 at a time, each with, in
// parallel, the newest order, their active refills, their care task due first, then the batch of
// the newest order's product. The rows go through queueMessagesOnce: the key names the China
// quarter, so a repeated or concurrent run adds nothing, and the message timer sends them like
// any other (spending the credit).
import type { OrderRecord } from '../domain/order-types'
import type { BatchState } from '../domain/batch'
import type { CareTaskRecord } from '../domain/care'
import { outboxIdOf } from '../domain/message-drafts'
import type { SubscriptionRecord } from '../domain/message-policy'
import { COLLECTIONS } from '../domain/names'
import type { RefillRecord } from '../domain/refill'
import { isQuiet, pickReason, wakeUpDraft, wakeUpKeyOf, type WakeUpReason } from '../domain/wake-up'
import { command, db, readDoc, readList } from './database'
import { queueMessagesOnce, QUEUE_BATCH_MAX } from './outbox'

/** Candidates read per run; the next day's run goes on after them (their order is by `_id`). */
export const WAKE_UP_CANDIDATES_MAX = 500

const cursorDoc = () => db.collection(COLLECTIONS.timerCursors).doc('wake_ups')
/** Null: start from the first holder. */
async function savedCursor(): Promise<string | null> {
  return (await readDoc<{ afterId: string | null }>(cursorDoc()))?.afterId ?? null
}
function saveCursor(afterId: string | null, now: Date) {
  return cursorDoc().set({ data: { afterId, savedAt: now } })
}

async function reasonsFor(
  openid: string,
  lastSeenAt: Date,
  now: Date,
  quietDays: number,
): Promise<WakeUpReason | null> {
  const [[lastOrder], refills, [care]] = await Promise.all([
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
  if (!isQuiet(lastSeenAt, lastOrder?.createdAt ?? null, now, quietDays)) return null
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

/**
 * Holders not seen for `quietDays` (by their last visit; orders are checked after) and not yet
 * woken this quarter: a run cut short by its time starts over, and skips those in one read.
 */
async function quietAmong(openids: string[], now: Date, quietDays: number) {
  if (openids.length === 0) return []
  const users = await readList<{ _id: string; lastSeenAt?: Date }>(
    db
      .collection(COLLECTIONS.users)
      .where({ _id: command.in(openids) })
      .field({ _id: true, lastSeenAt: true })
      .limit(openids.length),
  )
  const quiet = users.flatMap((user) =>
    user.lastSeenAt && isQuiet(user.lastSeenAt, null, now, quietDays)
      ? [{ openid: user._id, lastSeenAt: user.lastSeenAt }]
      : [],
  )
  if (quiet.length === 0) return []
  const idOf = (openid: string) => outboxIdOf(wakeUpKeyOf(openid, now))
  const woken = await readList<{ _id: string }>(
    db
      .collection(COLLECTIONS.notificationQueue)
      .where({ _id: command.in(quiet.map((q) => idOf(q.openid))) })
      .field({ _id: true })
      .limit(quiet.length),
  )
  const done = new Set(woken.map((row) => row._id))
  return quiet.filter((q) => !done.has(idOf(q.openid)))
}

/** Quiet holders looked at together: their reads run in parallel, three each. */
const REASON_CHUNK = 20

/**
 * `stopAtMs`: real time to stop by (the function's timeout). A run cut short, by time or by the
 * candidates' cap, saves the start of the page it was on; one that reached the last holder saves
 * null, so the next run begins again from the first.
 */
export async function queueWakeUps(now: Date, quietDays: number, stopAtMs = Infinity) {
  let candidates = 0
  let queued = 0
  let afterId = await savedCursor()
  const inTime = () => Date.now() < stopAtMs
  const stop = async (finished: boolean) => {
    await saveCursor(finished ? null : afterId, now)
    return { candidates, queued, finished }
  }
  // Pages by `_id`: a get returns at most 100 rows, so one read of 500 would stop at 100.
  while (candidates < WAKE_UP_CANDIDATES_MAX && inTime()) {
    const page = await holdersAfter(afterId)
    candidates += page.length
    const quiet = await quietAmong(
      page.map((holder) => holder.ownerOpenid),
      now,
      quietDays,
    )
    for (let start = 0; start < quiet.length; start += REASON_CHUNK) {
      // The page is read again next time; those woken meanwhile are skipped by quietAmong.
      if (!inTime()) return stop(false)
      const chunk = quiet.slice(start, start + REASON_CHUNK)
      const reasons = await Promise.all(
        chunk.map((q) => reasonsFor(q.openid, q.lastSeenAt, now, quietDays)),
      )
      const drafts = chunk.flatMap((q, index) => {
        const reason = reasons[index]
        return reason ? [wakeUpDraft(q.openid, reason, now)] : []
      })
      queued += (await queueMessagesOnce(drafts, now)).added.length
    }
    if (page.length < QUEUE_BATCH_MAX) return stop(true)
    afterId = page[page.length - 1]._id
  }
  return stop(false)
}
