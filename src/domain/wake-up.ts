// Waking quiet customers (issue 20): a customer with no visit and no order for QUIET_DAYS (the
// user function's WAKE_UP_QUIET_DAYS, default 90) who holds a 好久不见 (wake_up) credit gets at
// most one message per China quarter — the outbox key names the quarter, so a second run, or a
// second reason, in the same quarter finds the row and writes nothing. The message always carries
// a reason to come back; with none, nothing is sent.
import { carePageOf } from './care-view'
import { chinaDateOf, daysBetween } from './china-date'
import type { MessageDraft } from './message-drafts'

export const DEFAULT_QUIET_DAYS = 90
export const QUIET_DAYS_ENV = 'WAKE_UP_QUIET_DAYS'
/** A refill or a care task counts as a reason from this many days before it is due. */
export const REFILL_REASON_DAYS = 14

/** The quiet period from the environment; anything but a whole 30–730 is the default. */
export function quietDaysOf(value: string | undefined): number {
  const days = Number(value)
  return Number.isInteger(days) && days >= 30 && days <= 730 ? days : DEFAULT_QUIET_DAYS
}

export type WakeUpReason =
  | { kind: 'refill_due'; productId: string; productName: string; runOutAt: Date }
  | { kind: 'care_due'; productName: string; title: string; orderId: string; dueAt: Date }
  | { kind: 'new_batch'; productId: string; productName: string }

/** Neither a visit nor an order within the quiet period (a customer never seen is not quiet). */
export function isQuiet(
  lastSeenAt: Date | null,
  lastOrderAt: Date | null,
  now: Date,
  quietDays: number,
): boolean {
  if (!lastSeenAt) return false
  const last = Math.max(
    new Date(lastSeenAt).getTime(),
    lastOrderAt ? new Date(lastOrderAt).getTime() : 0,
  )
  return daysBetween(chinaDateOf(last), chinaDateOf(now)) >= quietDays
}

/** The China quarter of an instant, e.g. 2026-Q4. */
export function quarterOf(now: Date): string {
  const [year, month] = chinaDateOf(now).split('-').map(Number)
  return `${year}-Q${Math.ceil(month / 3)}`
}

/** A refill running out soon first, then a care task due soon, then a new batch. */
export function pickReason(reasons: WakeUpReason[], now: Date): WakeUpReason | null {
  const soon = now.getTime() + REFILL_REASON_DAYS * 24 * 60 * 60 * 1000
  const timeOf = (reason: WakeUpReason) =>
    new Date(
      reason.kind === 'refill_due'
        ? reason.runOutAt
        : reason.kind === 'care_due'
          ? reason.dueAt
          : 0,
    ).getTime()
  const dueSoon = (kind: WakeUpReason['kind']) =>
    reasons
      .filter((reason) => reason.kind === kind && timeOf(reason) <= soon)
      .sort((a, b) => timeOf(a) - timeOf(b))[0]
  return (
    dueSoon('refill_due') ??
    dueSoon('care_due') ??
    reasons.find((reason) => reason.kind === 'new_batch') ??
    null
  )
}

const REASON_TEXT: Record<WakeUpReason['kind'], string> = {
  refill_due: '常用耗材快用完了',
  care_due: '到了保养的时候',
  new_batch: '你买过的商品新一批开团了',
}

function pageOf(reason: WakeUpReason): string {
  if (reason.kind === 'refill_due') return `pages/refills/index?productId=${reason.productId}`
  if (reason.kind === 'care_due') return carePageOf(reason.orderId)
  return `pages/product/index?id=${reason.productId}`
}

/** One wake-up per customer and China quarter: the message's outbox key. */
export function wakeUpKeyOf(openid: string, now: Date): string {
  return `wake_up:${openid}:${quarterOf(now)}`
}

export function wakeUpDraft(openid: string, reason: WakeUpReason, now: Date): MessageDraft {
  return {
    purpose: 'wake_up',
    toOpenid: openid,
    key: wakeUpKeyOf(openid, now),
    page: pageOf(reason),
    values: {
      reasonText: REASON_TEXT[reason.kind],
      productName: reason.productName,
      tip: reason.kind === 'care_due' ? reason.title : '好久不见，点此查看',
    },
  }
}
