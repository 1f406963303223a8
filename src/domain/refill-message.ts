// The reminder message a due refill queues (config/message-templates.json refill_reminder:
// productName, dueDate, tip). Its key names the refill and its reminder time, so the outbox
// keeps one message per reminder however often the timer runs.
import type { MessageDraft } from './message-drafts'
import { reminderKeyOf, type RefillRecord } from './refill'
import { refillPageOf } from './refill-view'

/** The fields of a refill a reminder message needs (all the timer reads). */
export type ReminderSource = Pick<
  RefillRecord,
  '_id' | 'ownerOpenid' | 'productId' | 'productName' | 'runOutAt' | 'nextReminderAt'
>

export function reminderDraft(record: ReminderSource): MessageDraft {
  return {
    purpose: 'refill_reminder',
    toOpenid: record.ownerOpenid,
    key: reminderKeyOf(record),
    page: refillPageOf(record.productId),
    values: {
      productName: record.productName,
      dueDate: record.runOutAt,
      tip: '快用完了，点此一键补货',
    },
  }
}
