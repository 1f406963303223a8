// Waking quiet customers (issue 20): a customer with no visit and no order for QUIET_DAYS (the
// user function's WAKE_UP_QUIET_DAYS, default 90) who holds a 好久不见 (wake_up) credit gets at
// most one message per China quarter — the outbox key names the quarter, so a second run, or a
// second reason, in the same quarter finds the row and writes nothing. The message always carries
// a reason to come back; with none, nothing is sent.
import { chinaDateOf, daysBetween } from './china-date'
import type { MessageDraft } from './message-drafts'

export const DEFAULT_QUIET_DAYS = 90
export const QUIET_DAYS_ENV = 'WAKE_UP_QUIET_DAYS'
/** A refill counts as a reason from this many days before it runs out. */
export const REFILL_REASON_DAYS = 14

/** The quiet period from the environment; anything but a whole 30–730 is the default. */
export function quietDaysOf(value: string | undefined): number {
  const days = Number(value)
  return Number.isInteger(days) && days >= 30 && days <= 730 ? days : DEFAULT_QUIET_DAYS
}

export type WakeUpReason =
  | { kind: 'refill_due'; productId: string; productName: string; runOutAt: Date }
  | { kind: 'care_due'; productName: string; title: string; orderId: string }
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

/** A refill due soon first (it is running out), then a care task, then a new batch. */
export function pickReason(reasons: WakeUpReason[], now: Date): WakeUpReason | null {
  const soon = now.getTime() + REFILL_REASON_DAYS * 24 * 60 * 60 * 1000
  const refills = reasons
    .filter((reason) => reason.kind === 'refill_due')
    .filter((reason) => new Date(reason.runOutAt).getTime() <= soon)
    .sort((a, b) => new Date(a.runOutAt).getTime() - new Date(b.runOutAt).getTime())
  return (
    refills[0] ??
    reasons.find((reason) => reason.kind === 'care_due') ??
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
  if (reason.kind === 'care_due') return `pages/order/index?id=${reason.orderId}`
  return `pages/product/index?id=${reason.productId}`
}

export function wakeUpDraft(openid: string, reason: WakeUpReason, now: Date): MessageDraft {
  return {
    purpose: 'wake_up',
    toOpenid: openid,
    key: `wake_up:${openid}:${quarterOf(now)}`,
    page: pageOf(reason),
    values: {
      reasonText: REASON_TEXT[reason.kind],
      productName: reason.productName,
      tip: reason.kind === 'care_due' ? reason.title : '好久不见，点此查看',
    },
  }
}
