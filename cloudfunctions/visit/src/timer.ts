// The visit function's timer (config.json, every 10 minutes; docs/visits.md):
// - 预约提醒: each visit scheduled for the next China day gets one appointment_reminder in the
//   outbox. The row's id comes from visitReminderKeyOf (visit + window start), so reruns and two
//   runs at once never queue it twice (a second add of the same id fails and the next run reads
//   it as present), and a reschedule to another time gets its own. The message timer sends it
//   with credits, preferences and quiet hours like every message.
// - Missed: visits nobody arrived at MISSED_GRACE_MINUTES after their window become `missed` as
//   the system, one transaction each (applyVisitEvent), which releases their slot claims.
// - Old claims: a done visit keeps its slot claims; CLAIM_KEEP_DAYS after their start they guard
//   nothing (bookings start from now plus the lead) and are removed, so the collection stays small.
import type { OrderRecord } from '@/domain/order-types'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { MISSED_GRACE_MINUTES } from '@/domain/visit-machine'
import { reminderWindowStarts, visitReminderDraft } from '@/domain/visit-reminder'
import type { VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { command, db, readList } from '@/cloud/database'
import { queueMessagesOnce, QUEUE_BATCH_MAX } from '@/cloud/outbox'
import { applyVisitEvent, visits, windowOf } from '@/cloud/visits'

/** Pages of tomorrow's visits one run reads at most: 2,000 visits a day. */
const REMINDER_PAGES = 20
const MISSED_PER_RUN = 50
const NOT_ARRIVED = ['requested', 'scheduled', 'on_the_way']
export const CLAIM_KEEP_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

async function queueReminders(now: Date): Promise<number> {
  const { start, end } = reminderWindowStarts(now)
  let queued = 0
  for (let page = 0; page < REMINDER_PAGES; page += 1) {
    const due = await readList<VisitRecord>(
      visits()
        .where({ node: 'scheduled', 'window.start': command.gte(start).and(command.lt(end)) })
        .orderBy('window.start', 'asc')
        .skip(page * QUEUE_BATCH_MAX)
        .limit(QUEUE_BATCH_MAX),
    )
    if (due.length === 0) break
    const orders = await readList<Pick<OrderRecord, '_id' | 'productSnapshot'>>(
      db
        .collection(COLLECTIONS.orders)
        .where({ _id: command.in([...new Set(due.map((visit) => visit.orderId))]) })
        .field({ _id: true, productSnapshot: true })
        .limit(QUEUE_BATCH_MAX),
    )
    const productOf = new Map(orders.map((order) => [order._id, order.productSnapshot.name]))
    const drafts = due.map((visit) =>
      visitReminderDraft(
        { ...visit, window: windowOf(visit) },
        { productName: productOf.get(visit.orderId) ?? '', staffName: visit.staffName ?? '师傅' },
      ),
    )
    queued += (await queueMessagesOnce(drafts, now)).added.length
    if (due.length < QUEUE_BATCH_MAX) break
  }
  return queued
}

async function markMissed(now: Date): Promise<number> {
  // Started before now − grace: a superset of the windows over (the table's guard decides).
  const before = new Date(now.getTime() - MISSED_GRACE_MINUTES * 60_000)
  const late = await readList<VisitRecord>(
    visits()
      .where({ node: command.in(NOT_ARRIVED), 'window.start': command.lt(before) })
      .orderBy('window.start', 'asc')
      .limit(MISSED_PER_RUN),
  )
  let missed = 0
  for (const visit of late) {
    const done = await applyVisitEvent(visit._id, {
      event: 'mark_missed',
      role: 'system',
      ctx: { now },
      actorOpenid: null,
      visible: () => true,
      note: '时段已过，师傅未到达',
    })
    if (done.ok && !done.data.already) missed += 1
  }
  return missed
}

/** One indexed remove (`start`); idempotent, so a run cut short leaves the rest to the next. */
async function removeOldClaims(now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - CLAIM_KEEP_DAYS * DAY_MS)
  const removed = (await db
    .collection(COLLECTIONS.slotClaims)
    .where({ start: command.lt(cutoff) })
    .remove()) as { stats: { removed: number } }
  return removed.stats.removed
}

export async function visitHousekeeping() {
  const now = currentTime()
  const reminded = await queueReminders(now)
  const missed = await markMissed(now)
  const claimsRemoved = await removeOldClaims(now)
  return ok({ reminded, missed, claimsRemoved })
}
