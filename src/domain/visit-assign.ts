// Who takes a visit, which windows a customer may pick, and whether one person would be in two
// places at once. Pure: the cloud reads the staff, their day's availability and their holding
// visits (HOLDING_VISIT_NODES), asks here, then claims the chosen time (`slotClaimIds`) inside the
// assignment's transaction, which is what makes a concurrent second claim fail (docs/visits.md).
// Choice: skill, then district, then working hours, then no clash (with travel time), then the
// lowest load that day; ties go to the lower staff id, so the answer never depends on read order.
import { chinaDateOf, chinaDayRange, type ChinaDate } from './china-date'
import { formatChinaTime } from './time'
import { SKILL_LABELS } from './visit-labels'
import {
  withinSpans,
  workingSpans,
  type AvailabilityOverride,
  type WeeklyHours,
} from './visit-hours'
import type { TimeWindow, VisitKind } from './visit-types'

/** Travel time kept free between two visits of one person, after each visit. */
export const TRAVEL_BUFFER_MINUTES = 30
/** A claim covers the visit and its travel time in cells this long (docs/visits.md). */
export const CLAIM_CELL_MINUTES = 30
export const DEFAULT_WINDOW_MINUTES = 120
export const DEFAULT_STEP_MINUTES = 60

export interface StaffMember {
  id: string
  /** How customers and the dispatch view call them, e.g. 张师傅. */
  name: string
  skills: readonly VisitKind[]
  districts: readonly string[]
  weeklyHours: readonly WeeklyHours[]
  active: boolean
}

/** A visit that holds a staff member's time (scheduled, on the way or arrived). */
export interface BookedVisit {
  id: string
  staffId: string
  window: TimeWindow
}

export interface VisitRequest {
  kind: VisitKind
  district: string
  window: TimeWindow
  /** The visit being assigned again (reschedule, reassign): its own booking is not a clash. */
  visitId?: string
}

export interface AssignOptions {
  bufferMinutes?: number
  overrides?: readonly AvailabilityOverride[]
}

export interface Candidate {
  staffId: string
  name: string
  /** Visits they already hold that China day. */
  load: number
  /** 张师傅：会安装，负责浦东新区，当天 2 单 */
  explanation: string
}
export interface Rejection {
  staffId: string
  name: string
  /** 李师傅：不负责徐汇区 */
  explanation: string
}
export interface Assignment {
  choice: Candidate | null
  /** Everyone else, in staff id order, each with why not. */
  rejected: Rejection[]
}

const MINUTE_MS = 60 * 1000
const byId = <T extends { id: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
const clock = (window: TimeWindow) =>
  `${formatChinaTime(window.start, 'HH:mm')}–${formatChinaTime(window.end, 'HH:mm')}`

/** Two windows of one person clash when either starts before the other's end plus travel time. */
export function windowsClash(a: TimeWindow, b: TimeWindow, bufferMinutes: number): boolean {
  const buffer = bufferMinutes * MINUTE_MS
  return (
    a.start.getTime() < b.end.getTime() + buffer && b.start.getTime() < a.end.getTime() + buffer
  )
}

/** The staff member's visits that clash with the window, earliest first: the cloud's conflict check. */
export function conflictsOf(
  staffId: string,
  window: TimeWindow,
  booked: readonly BookedVisit[],
  {
    bufferMinutes = TRAVEL_BUFFER_MINUTES,
    exceptVisitId,
  }: { bufferMinutes?: number; exceptVisitId?: string } = {},
): BookedVisit[] {
  return booked
    .filter(
      (visit) =>
        visit.staffId === staffId &&
        visit.id !== exceptVisitId &&
        windowsClash(visit.window, window, bufferMinutes),
    )
    .sort((a, b) => a.window.start.getTime() - b.window.start.getTime() || (a.id < b.id ? -1 : 1))
}

type Assessment = { ok: true; load: number } | { ok: false; reason: string }

function assess(
  staff: StaffMember,
  request: VisitRequest,
  booked: readonly BookedVisit[],
  { bufferMinutes = TRAVEL_BUFFER_MINUTES, overrides = [] }: AssignOptions,
): Assessment {
  if (!staff.active) return { ok: false, reason: '已停用' }
  if (!staff.skills.includes(request.kind))
    return { ok: false, reason: `不会${SKILL_LABELS[request.kind]}` }
  if (!staff.districts.includes(request.district))
    return { ok: false, reason: `不负责${request.district}` }
  const date: ChinaDate = chinaDateOf(request.window.start)
  if (!withinSpans(request.window, workingSpans(staff, date, overrides)))
    return { ok: false, reason: `${clock(request.window)} 不在工作时间` }
  const except = { bufferMinutes, exceptVisitId: request.visitId }
  const [clash] = conflictsOf(staff.id, request.window, booked, except)
  if (clash)
    return {
      ok: false,
      reason: `与 ${clock(clash.window)} 的上门冲突（含路程 ${bufferMinutes} 分钟）`,
    }
  const load = booked.filter(
    (visit) =>
      visit.staffId === staff.id &&
      visit.id !== request.visitId &&
      chinaDateOf(visit.window.start) === date,
  ).length
  return { ok: true, load }
}

type Best = { member: StaffMember; load: number }

/** Why a staff member is not the choice: their own reason, or that `best` was less busy. */
function whyNot(verdict: Assessment, best: Best | null): string {
  if (!verdict.ok) return verdict.reason
  // An eligible member lost, so there is a best one.
  const winner = best as Best
  return verdict.load > winner.load
    ? `当天 ${verdict.load} 单，多于${winner.member.name}的 ${winner.load} 单`
    : `当天同为 ${verdict.load} 单，按编号排在${winner.member.name}之后`
}

/** The staff member to send, with why, and why not everyone else. */
export function chooseStaff(
  request: VisitRequest,
  staff: readonly StaffMember[],
  booked: readonly BookedVisit[],
  options: AssignOptions = {},
): Assignment {
  const assessed = byId(staff).map((member) => ({
    member,
    verdict: assess(member, request, booked, options),
  }))
  let best: Best | null = null
  for (const { member, verdict } of assessed)
    if (verdict.ok && (!best || verdict.load < best.load)) best = { member, load: verdict.load }
  const choice: Candidate | null = best && {
    staffId: best.member.id,
    name: best.member.name,
    load: best.load,
    explanation: `${best.member.name}：会${SKILL_LABELS[request.kind]}，负责${request.district}，当天 ${best.load} 单`,
  }
  const rejected = assessed
    .filter(({ member }) => member.id !== choice?.staffId)
    .map(({ member, verdict }) => ({
      staffId: member.id,
      name: member.name,
      explanation: `${member.name}：${whyNot(verdict, best)}`,
    }))
  return { choice, rejected }
}

export interface OpenWindow {
  window: TimeWindow
  /** How many staff members could take it: 1 means the last one. */
  staffCount: number
}

export interface WindowQuery extends AssignOptions {
  date: ChinaDate
  kind: VisitKind
  district: string
  /** Windows starting before this are not offered (now plus the shop's booking lead). */
  notBefore: Date
  windowMinutes?: number
  /** Window starts lie on this grid from China midnight. */
  stepMinutes?: number
}

/** The windows a customer may pick that day: someone eligible is free for each, in time order. */
export function openWindows(
  query: WindowQuery,
  staff: readonly StaffMember[],
  booked: readonly BookedVisit[],
): OpenWindow[] {
  const { windowMinutes = DEFAULT_WINDOW_MINUTES, stepMinutes = DEFAULT_STEP_MINUTES } = query
  const midnight = chinaDayRange(query.date).start.getTime()
  const open: OpenWindow[] = []
  for (let offset = 0; offset + windowMinutes <= 24 * 60; offset += stepMinutes) {
    const start = new Date(midnight + offset * MINUTE_MS)
    if (start < query.notBefore) continue
    const window = { start, end: new Date(start.getTime() + windowMinutes * MINUTE_MS) }
    const request = { kind: query.kind, district: query.district, window }
    const staffCount = staff.filter((member) => assess(member, request, booked, query).ok).length
    if (staffCount > 0) open.push({ window, staffCount })
  }
  return open
}

/**
 * The claim documents' ids for one person's visit: every CLAIM_CELL_MINUTES cell that the window
 * plus travel time touches. Two clashing visits of one person always share a cell, so creating
 * them in the assignment's transaction lets only one of two racing assignments commit.
 */
export function slotClaimIds(
  staffId: string,
  window: TimeWindow,
  bufferMinutes = TRAVEL_BUFFER_MINUTES,
): string[] {
  const cell = CLAIM_CELL_MINUTES * MINUTE_MS
  const first = Math.floor(window.start.getTime() / cell)
  const last = Math.ceil((window.end.getTime() + bufferMinutes * MINUTE_MS) / cell)
  const ids: string[] = []
  for (let index = first; index < last; index += 1)
    ids.push(`${staffId}__${formatChinaTime(index * cell, 'YYYYMMDDHHmm')}`)
  return ids
}
