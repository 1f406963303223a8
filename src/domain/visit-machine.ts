// The visit state machine: ONE table of { from, event, roles, guard, to }, as order-machine.ts.
// Pages ask `availableVisitEvents` which buttons to show; the cloud asks `canVisit` before writing.
// Rows are tried in order; the first whose role matches and whose guard passes wins.
// Identity is strict: a consumer acts only on their own visit and a staff member only on the visit
// assigned to them, so a call without that identity is refused. The owner's account is checked by
// the cloud. Decisions: the customer cancels or reschedules only up to the shop's notice before the
// window; a staff member sets out on the visit's China day, never earlier; the timer marks a visit
// missed MISSED_GRACE_MINUTES after its window if nobody arrived; a missed visit is booked again by
// the owner only. A new window's availability is the assignment's business (visit-assign.ts).
import type { ErrorCode } from './errors'
import { chinaDateOf } from './china-date'
import { VISIT_EVENT_LABELS, VISIT_NODE_LABELS, VISIT_ROLE_LABELS } from './visit-labels'
import {
  VISIT_EVENTS,
  type VisitEvent,
  type VisitNode,
  type VisitRecord,
  type VisitRole,
} from './visit-types'

/** The shop's rule for customers' changes. */
export interface VisitRules {
  /** A customer may cancel or reschedule until this many hours before the window starts. */
  changeNoticeHours: number
}
export const DEFAULT_VISIT_RULES: VisitRules = { changeNoticeHours: 24 }
/** Minutes after the window's end before the timer calls a visit missed (a late arrival still counts). */
export const MISSED_GRACE_MINUTES = 30

const HOUR_MS = 60 * 60 * 1000
const MINUTE_MS = 60 * 1000

/** What the table reads of a visit. */
export type VisitFacts = Pick<VisitRecord, 'node' | 'ownerOpenid' | 'staffId' | 'window'>

export interface VisitGuardContext {
  /** The consumer's OPENID; must own the visit. */
  openid?: string
  /** The staff member's id (from their account, never the payload); must be the assigned one. */
  staffId?: string
  /** Needed by every time-based guard; without it they refuse. */
  now?: Date
  rules?: VisitRules
}
/** null = allowed, otherwise the Chinese reason shown to the user. */
export type VisitGuard = (visit: VisitFacts, ctx: VisitGuardContext) => string | null

export interface VisitTransitionRow {
  from: VisitNode | readonly VisitNode[]
  event: VisitEvent
  roles: readonly VisitRole[]
  guard?: VisitGuard
  to: VisitNode | 'same'
}

const withinNotice: VisitGuard = (visit, { now, rules = DEFAULT_VISIT_RULES }) => {
  const hours = rules.changeNoticeHours
  if (!now) return '缺少当前时间'
  return now.getTime() <= visit.window.start.getTime() - hours * HOUR_MS
    ? null
    : `距上门不足 ${hours} 小时，请联系商家改约或取消`
}
const notStarted: VisitGuard = (visit, { now }) =>
  now && now.getTime() < visit.window.start.getTime() ? null : '预约时段已开始，请先改约时间'
const visitDay: VisitGuard = (visit, { now }) =>
  now && chinaDateOf(now) >= chinaDateOf(visit.window.start) ? null : '上门当天才能出发'
const windowOver: VisitGuard = (visit, { now }) => {
  const due = visit.window.end.getTime() + MISSED_GRACE_MINUTES * MINUTE_MS
  return now && now.getTime() >= due ? null : '预约时段尚未结束'
}
const hasStaff: VisitGuard = (visit) => (visit.staffId ? null : '尚未指派师傅')
const noStaff: VisitGuard = (visit) => (visit.staffId ? '已指派师傅' : null)

const OPEN: readonly VisitNode[] = ['requested', 'scheduled']
const NOT_ARRIVED: readonly VisitNode[] = ['requested', 'scheduled', 'on_the_way']

// One row per line keeps the table readable as a table.
// prettier-ignore
export const VISIT_TRANSITIONS: readonly VisitTransitionRow[] = [
  { from: 'requested', event: 'assign', roles: ['owner', 'system'], guard: notStarted, to: 'scheduled' },
  { from: 'scheduled', event: 'reassign', roles: ['owner'], guard: notStarted, to: 'same' },
  { from: OPEN, event: 'reschedule', roles: ['consumer'], guard: withinNotice, to: 'same' },
  { from: OPEN, event: 'reschedule', roles: ['owner'], to: 'same' },
  // The staff member cannot make it after all: the owner books the visit again.
  { from: 'on_the_way', event: 'reschedule', roles: ['owner'], to: 'scheduled' },
  { from: 'missed', event: 'reschedule', roles: ['owner'], guard: hasStaff, to: 'scheduled' },
  { from: 'missed', event: 'reschedule', roles: ['owner'], guard: noStaff, to: 'requested' },
  { from: 'scheduled', event: 'set_out', roles: ['staff'], guard: visitDay, to: 'on_the_way' },
  { from: 'on_the_way', event: 'arrive', roles: ['staff'], to: 'arrived' },
  { from: 'arrived', event: 'finish', roles: ['staff'], to: 'done' },
  { from: OPEN, event: 'cancel', roles: ['consumer'], guard: withinNotice, to: 'cancelled' },
  // The owner at any time before arrival; the system when the visit's order is cancelled.
  { from: NOT_ARRIVED, event: 'cancel', roles: ['owner', 'system'], to: 'cancelled' },
  { from: NOT_ARRIVED, event: 'mark_missed', roles: ['system'], guard: windowOver, to: 'missed' },
]

export type VisitVerdict =
  | { ok: true; to: VisitNode }
  | { ok: false; code: Extract<ErrorCode, 'FORBIDDEN' | 'INVALID_TRANSITION'>; reason: string }

const fromNodes = (row: VisitTransitionRow): readonly VisitNode[] =>
  typeof row.from === 'string' ? [row.from] : row.from

/** Whose visit it is: a consumer's own, a staff member's assigned one; null when it is theirs. */
function notTheirs(visit: VisitFacts, role: VisitRole, ctx: VisitGuardContext): string | null {
  if (role === 'consumer' && (!ctx.openid || ctx.openid !== visit.ownerOpenid))
    return '只能操作自己的预约'
  if (role === 'staff' && (!ctx.staffId || ctx.staffId !== visit.staffId))
    return '只能操作指派给自己的上门任务'
  return null
}

export function canVisit(
  visit: VisitFacts,
  event: VisitEvent,
  role: VisitRole,
  ctx: VisitGuardContext = {},
): VisitVerdict {
  const rows = VISIT_TRANSITIONS.filter(
    (row) => row.event === event && fromNodes(row).includes(visit.node),
  )
  const what = VISIT_EVENT_LABELS[event]
  if (rows.length === 0)
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: `上门状态为「${VISIT_NODE_LABELS[visit.node]}」，不能${what}`,
    }
  const mine = rows.filter((row) => row.roles.includes(role))
  if (mine.length === 0)
    return { ok: false, code: 'FORBIDDEN', reason: `${VISIT_ROLE_LABELS[role]}不能${what}` }
  const stranger = notTheirs(visit, role, ctx)
  if (stranger) return { ok: false, code: 'FORBIDDEN', reason: stranger }
  let firstReason: string | null = null
  for (const row of mine) {
    const reason = row.guard ? row.guard(visit, ctx) : null
    if (reason === null) return { ok: true, to: row.to === 'same' ? visit.node : row.to }
    firstReason ??= reason
  }
  return { ok: false, code: 'INVALID_TRANSITION', reason: firstReason ?? `不能${what}` }
}

/** Events this role may fire now, in VISIT_EVENTS order: the buttons a page shows. */
export function availableVisitEvents(
  visit: VisitFacts,
  role: VisitRole,
  ctx: VisitGuardContext = {},
): VisitEvent[] {
  return VISIT_EVENTS.filter((event) => canVisit(visit, event, role, ctx).ok)
}
