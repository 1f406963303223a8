// The reminder a due care task queues (config/message-templates.json care: productName, task,
// dueDate, tip). Its key names the task and its occurrence, so the outbox keeps one message per
// occurrence however often the timer runs.
import { careReminderKeyOf, type CareTaskRecord } from './care'
import { carePageOf } from './care-view'
import type { MessageDraft } from './message-drafts'

/** The fields of a task a reminder needs (all the timer reads). */
export type CareReminderSource = Pick<
  CareTaskRecord,
  '_id' | 'ownerOpenid' | 'orderId' | 'orderNo' | 'productName' | 'title' | 'dueAt'
>

/** The tip under the task (a thing field: 20 characters). */
export const CARE_TIP = '按时保养更耐用，点此查看'

export function careDraft(task: CareReminderSource): MessageDraft {
  return {
    purpose: 'care',
    toOpenid: task.ownerOpenid,
    key: careReminderKeyOf(task),
    page: carePageOf(task.orderId),
    values: {
      orderId: task.orderId,
      orderNo: task.orderNo,
      productName: task.productName,
      task: task.title,
      dueDate: task.dueAt,
      tip: CARE_TIP,
    },
  }
}
