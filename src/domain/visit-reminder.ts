// The 预约提醒 a scheduled visit gets the China day before (issue 18; config/message-templates.json
// appointment_reminder: subject, startAt, tip). Its key names the visit and its window start, so a
// timer rerun queues nothing new and a reschedule to another time gets its own reminder.
import { addDays, chinaDateOf, chinaDayRange } from './china-date'
import { orderPage, type MessageDraft } from './message-drafts'
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
