// What refill.careTasks and the care answers return: one care task as the 保养提醒 page shows
// it. Dates are Date on the server and ISO strings after the JSON trip to the page.
import type { CareStatus, CareTaskRecord } from './care'

export interface CareTaskView<Instant = Date> {
  id: string
  orderId: string
  orderNo: string
  productName: string
  title: string
  /** Days between occurrences; null: a one-off step. */
  everyDays: number | null
  dueAt: Instant
  status: CareStatus
  lastReminderAt: Instant | null
}

export interface CareTaskList<Instant = Date> {
  tasks: CareTaskView<Instant>[]
}

export function toCareTaskView(task: CareTaskRecord): CareTaskView {
  return {
    id: task._id,
    orderId: task.orderId,
    orderNo: task.orderNo,
    productName: task.productName,
    title: task.title,
    everyDays: task.everyDays,
    dueAt: task.dueAt,
    status: task.status,
    lastReminderAt: task.lastReminderAt,
  }
}

export const CARE_STATUS_LABELS: Record<CareStatus, string> = {
  active: '按时提醒',
  reminded: '已提醒',
  stopped: '已停止提醒',
}

/** The page a care reminder opens (subpackage `service`): the order's care tasks. */
export function carePageOf(orderId: string): string {
  return `service/pages/care/index?orderId=${orderId}`
}
