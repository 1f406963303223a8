// Care reminders for made goods (issue 20): a product's care plan, the tasks one delivery makes
// (one per order × step), and the customer's answers. Pure: the cloud stores the tasks and calls
// these with "now". Like refills, a sent reminder waits for an answer: 暂不需要 moves the task to
// its next occurrence, 停止 ends the order's whole plan. A recurring step left unanswered comes
// back at its next occurrence (`repeatAt`, kept beside `dueAt` so the timer can find it).

/** One step of a plan: due `firstAfterDays` after delivery, then every `everyDays` if set. */
export interface CareStep {
  key: string
  /** What to do, shown in the message (a thing field: 20 characters). */
  title: string
  firstAfterDays: number
  everyDays?: number
}
export type CarePlan = CareStep[]

export const CARE_CONFIG = {
  maxSteps: 5,
  titleMax: 20,
  /** Ten years: past that a made good is not reminded. */
  maxDays: 3650,
  /** 暂不需要 on a one-off step (no next occurrence): ask again this many days later. */
  oneOffSnoozeDays: 7,
} as const

/** active: waiting for its date; reminded: sent, waiting for an answer; stopped: 停止. */
export const CARE_STATUSES = ['active', 'reminded', 'stopped'] as const
export type CareStatus = (typeof CARE_STATUSES)[number]

export interface CareTaskRecord {
  /** careTaskIdOf(orderId, stepKey): one document per order × step. */
  _id: string
  ownerOpenid: string
  orderId: string
  orderNo: string
  productId: string
  productName: string
  stepKey: string
  title: string
  deliveredAt: Date
  firstAfterDays: number
  everyDays: number | null
  /** The occurrence the task is about; the timer walks (status, dueAt, _id). */
  dueAt: Date
  /** The occurrence after `dueAt` (null: a one-off step); a reminded task is due again then. */
  repeatAt: Date | null
  status: CareStatus
  /** Set only while a timer run works on the reminder (as RefillRecord.reminderClaim). */
  reminderClaim?: string
  reminderClaimUntil?: Date
  snoozes: number
  lastReminderAt: Date | null
  createdAt: Date
  updatedAt: Date
}

const DAY_MS = 24 * 60 * 60 * 1000
const KEY = /^[a-z][a-z0-9_]{0,31}$/

export const careTaskIdOf = (orderId: string, stepKey: string) => `${orderId}_${stepKey}`

/** Problems in a plan, in Chinese for the merchant; empty when it is sound. */
export function checkCarePlan(plan: CarePlan): string[] {
  const problems: string[] = []
  const need = (condition: boolean, problem: string) => condition || problems.push(problem)
  const days = (n: number | undefined, min: number) =>
    Number.isInteger(n) && (n as number) >= min && (n as number) <= CARE_CONFIG.maxDays
  const { maxSteps, titleMax } = CARE_CONFIG
  need(plan.length >= 1 && plan.length <= maxSteps, `保养计划需要 1–${maxSteps} 个步骤`)
  need(new Set(plan.map((step) => step.key)).size === plan.length, '保养步骤编号重复')
  for (const step of plan) {
    const title = step.title?.trim() ?? ''
    need(KEY.test(step.key), `保养步骤编号格式不正确：${step.key}`)
    need(title.length > 0 && Array.from(title).length <= titleMax, `保养事项需 1–${titleMax} 字`)
    need(days(step.firstAfterDays, 0), `${title}：首次提醒天数不正确`)
    need(step.everyDays === undefined || days(step.everyDays, 1), `${title}：重复间隔不正确`)
  }
  return problems
}

export interface Delivery {
  orderId: string
  orderNo: string
  ownerOpenid: string
  productId: string
  productName: string
  deliveredAt: Date
}

/** The tasks a delivery makes: each step first due `firstAfterDays` after delivery. */
export function scheduleCare(plan: CarePlan, delivery: Delivery): CareTaskRecord[] {
  return plan.map((step) =>
    withRepeat({
      _id: careTaskIdOf(delivery.orderId, step.key),
      ownerOpenid: delivery.ownerOpenid,
      orderId: delivery.orderId,
      orderNo: delivery.orderNo,
      productId: delivery.productId,
      productName: delivery.productName,
      stepKey: step.key,
      title: step.title.trim(),
      deliveredAt: delivery.deliveredAt,
      firstAfterDays: step.firstAfterDays,
      everyDays: step.everyDays ?? null,
      dueAt: new Date(delivery.deliveredAt.getTime() + step.firstAfterDays * DAY_MS),
      status: 'active',
      snoozes: 0,
      lastReminderAt: null,
      createdAt: delivery.deliveredAt,
      updatedAt: delivery.deliveredAt,
    }),
  )
}

/** The task with `repeatAt` set from its `dueAt`, after every write that moves `dueAt`. */
function withRepeat(task: Omit<CareTaskRecord, 'repeatAt'>): CareTaskRecord {
  return { ...task, repeatAt: task.everyDays ? occurrenceAfter(task, task.dueAt) : null }
}

type Schedule = Pick<CareTaskRecord, 'deliveredAt' | 'firstAfterDays' | 'everyDays'>

/** The step's first occurrence strictly after `after`; null for a one-off step already past. */
export function occurrenceAfter(task: Schedule, after: Date): Date | null {
  const first = task.deliveredAt.getTime() + task.firstAfterDays * DAY_MS
  if (first > after.getTime()) return new Date(first)
  if (!task.everyDays) return null
  const every = task.everyDays * DAY_MS
  const periods = Math.floor((after.getTime() - first) / every) + 1
  return new Date(first + periods * every)
}

/** Whether the timer reminds now; its query spells the same rule (status active, dueAt ≤ now). */
export function isCareDue(task: CareTaskRecord, now: Date): boolean {
  return task.status === 'active' && task.dueAt.getTime() <= now.getTime()
}

/** The next date an order's plan comes due (active tasks only); null when none will. */
export function nextCareDue(tasks: CareTaskRecord[]): Date | null {
  const active = tasks.filter((task) => task.status === 'active').map((t) => t.dueAt.getTime())
  return active.length ? new Date(Math.min(...active)) : null
}

/** What marking a reminder sent changes (the timer writes these with one bulk update). */
export function careRemindedFields(
  now: Date,
): Pick<CareTaskRecord, 'status' | 'lastReminderAt' | 'updatedAt'> {
  return { status: 'reminded', lastReminderAt: now, updatedAt: now }
}

/**
 * 暂不需要: the task moves to its next occurrence after both its date and now (a one-off step,
 * having none, asks again oneOffSnoozeDays later). Always strictly later; a stopped plan stays
 * stopped.
 */
export function snoozeCare(task: CareTaskRecord, now: Date): CareTaskRecord {
  if (task.status === 'stopped') return task
  const from = new Date(Math.max(now.getTime(), task.dueAt.getTime()))
  const next =
    occurrenceAfter(task, from) ?? new Date(from.getTime() + CARE_CONFIG.oneOffSnoozeDays * DAY_MS)
  return withRepeat({
    ...task,
    dueAt: next,
    status: 'active',
    snoozes: task.snoozes + 1,
    updatedAt: now,
  })
}

/**
 * A reminded recurring task nobody answered, once its next occurrence has come: due again for
 * that occurrence (the timer then reminds it like any due task). Null when it does not apply.
 */
export function repeatCare(task: CareTaskRecord, now: Date): CareTaskRecord | null {
  if (task.status !== 'reminded' || !task.repeatAt || task.repeatAt > now) return null
  return withRepeat({ ...task, dueAt: task.repeatAt, status: 'active', updatedAt: now })
}

/** 停止: no more reminders from this task (the cloud stops every task of the order). */
export function stopCare(task: CareTaskRecord, now: Date): CareTaskRecord {
  return { ...task, status: 'stopped', updatedAt: now }
}

/** The dedupe key of one reminder: a rerun of the timer never queues it twice. */
export function careReminderKeyOf(task: Pick<CareTaskRecord, '_id' | 'dueAt'>): string {
  return `care:${task._id}:${task.dueAt.toISOString()}`
}
