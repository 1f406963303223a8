// The 预约提醒 a scheduled visit gets the China day before (issue 18; config/message-templates.json
// appointment_reminder: subject, startAt, tip). Its key names the visit and its window start, so a
// timer rerun queues nothing new and a reschedule to another time gets its own reminder.
import { addDays, chinaDateOf, chinaDayRange } from './china-date'
import { orderPage, outboxIdOf, type MessageDraft } from './message-drafts'
import { VISIT_KIND_LABELS } from './visit-labels'
import type { VisitRecord } from './visit-types'

export type VisitReminderSource = Pick<
  VisitRecord,
  '_id' | 'kind' | 'orderId' | 'ownerOpenid' | 'window' | 'node'
>

export const visitReminderKeyOf = (visit: Pick<VisitRecord, '_id' | 'window'>) =>
  `visit:${visit._id}:reminder:${visit.window.start.toISOString()}`

/** The window starts the timer reminds at `now`: those on the next China day, [start, end). */
export function reminderWindowStarts(now: Date): { start: Date; end: Date } {
  return chinaDayRange(addDays(chinaDateOf(now), 1))
}

/** Scheduled, and starting on the China day after `now`'s. */
export function remindsNow(visit: VisitReminderSource, now: Date): boolean {
  const { start, end } = reminderWindowStarts(now)
  const at = visit.window.start.getTime()
  return visit.node === 'scheduled' && at >= start.getTime() && at < end.getTime()
}

/** Queued rows a change may withdraw: not claimed by a send; a held one too, as its in-app entry names the old time. */
export const WITHDRAWABLE_REMINDER_STATUSES = ['pending', 'retry', 'held'] as const

/**
 * The outbox id of a 预约提醒 the change makes wrong (another time or person, or no visit any
 * more), when the timer may already have queued it: the visit was scheduled for today or tomorrow.
 * Null when nothing can be queued or the reminder still says the truth.
 */
export function staleReminderId(
  before: Pick<VisitRecord, '_id' | 'node' | 'window' | 'staffName'>,
  after: Pick<VisitRecord, 'node' | 'window' | 'staffName'>,
  now: Date,
): string | null {
  const queuedBy = reminderWindowStarts(now).end.getTime()
  if (before.node !== 'scheduled' || before.window.start.getTime() >= queuedBy) return null
  const unchanged =
    after.node === 'scheduled' &&
    after.window.start.getTime() === before.window.start.getTime() &&
    after.staffName === before.staffName
  return unchanged ? null : outboxIdOf(visitReminderKeyOf(before))
}

export function visitReminderDraft(
  visit: VisitReminderSource,
  { productName, staffName }: { productName: string; staffName: string },
): MessageDraft {
  return {
    purpose: 'appointment_reminder',
    toOpenid: visit.ownerOpenid,
    key: visitReminderKeyOf(visit),
    page: orderPage(visit.orderId),
    values: {
      subject: `${VISIT_KIND_LABELS[visit.kind]} · ${productName}`,
      startAt: visit.window.start,
      tip: `明天${staffName}上门，请留人在家`,
    },
  }
}
