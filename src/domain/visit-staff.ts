// The owner's staff accounts (docs/visits.md → staff): the checks of a person's skills, districts
// and hours, the invite code a new person joins with, and which visits a change of hours would
// leave uncovered. Pure: the visit function and the 师傅管理 page share it.
import { addDays, daysBetween, weekdayOf, type ChinaDate } from './china-date'
import { minutesOf, withinSpans, type DailyHours, type WeeklyHours } from './visit-hours'
import { array, integer, invalid, object, oneOf, string, valid, type Check } from './validate'
import { VISIT_KINDS, type TimeWindow } from './visit-types'

/** No 0/O, 1/I/L: a code read out over the phone or copied by hand. */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const INVITE_LENGTH = 8
export const INVITE_DAYS = 7
/** How far ahead a day's own hours may be set (today counts as 0). */
export const HOURS_HORIZON_DAYS = 60
/** The days of own hours the `staff` list shows per person. */
export const STAFF_LIST_DAYS = 14
export const STAFF_NAME_MAX = 10
export const DISTRICT_MAX = 12
export const DISTRICTS_MAX = 20
export const HOURS_NOTE_MAX = 40
/** A row nobody has joined yet holds this in `openid`: the index is unique, and null clashes. */
const UNBOUND_PREFIX = 'invite:'

export interface StaffInvite {
  code: string
  expiresAt: Date
  /** Set when the person joined with it. */
  usedAt: Date | null
}

export const unboundOpenid = (staffId: string) => `${UNBOUND_PREFIX}${staffId}`
export const isJoined = (row: { openid: string }) => !row.openid.startsWith(UNBOUND_PREFIX)

/** A code of INVITE_LENGTH characters; `pick(n)` gives a random integer in [0, n). */
export function makeInviteCode(pick: (n: number) => number): string {
  return Array.from(
    { length: INVITE_LENGTH },
    () => INVITE_ALPHABET[pick(INVITE_ALPHABET.length)],
  ).join('')
}

const INVITE_SHAPE = new RegExp(`^[${INVITE_ALPHABET}]{6,${INVITE_LENGTH}}$`)

/** Typed codes are forgiving: spaces dropped, lower case raised. */
export const inviteCodeCheck: Check<string> = (value, path) => {
  const code = typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : ''
  return INVITE_SHAPE.test(code) ? valid(code) : invalid(path, '邀请码应为 6–8 位字母或数字')
}

const timeCheck: Check<string> = (value, path) =>
  typeof value === 'string' && minutesOf(value) !== null
    ? valid(value)
    : invalid(path, '时间应为 HH:mm')

/** Spans of one day that start before they end and do not overlap. */
function spansProblem(spans: readonly DailyHours[]): string | null {
  const sorted = [...spans].sort((a, b) => (minutesOf(a.from) ?? 0) - (minutesOf(b.from) ?? 0))
  for (let index = 0; index < sorted.length; index += 1) {
    const { from, to } = sorted[index]
    if ((minutesOf(from) ?? 0) >= (minutesOf(to) ?? 0)) return `${from}–${to} 的结束应晚于开始`
    const next = sorted[index + 1]
    if (next && (minutesOf(next.from) ?? 0) < (minutesOf(to) ?? 0))
      return `${from}–${to} 与 ${next.from}–${next.to} 重叠`
  }
  return null
}

const span = object({ from: timeCheck, to: timeCheck })

/** A day's own hours: [] is a day off. */
export const dailyHoursCheck: Check<DailyHours[]> = (value, path) => {
  const checked = array(span, { label: '工作时段', min: 0, max: 4 })(value, path)
  if (!checked.ok) return checked
  const problem = spansProblem(checked.value)
  return problem ? invalid(path, problem) : checked
}

/** Weekly hours, 0 = Sunday as visit-hours.ts; per weekday as a day's hours. */
export const weeklyHoursCheck: Check<WeeklyHours[]> = (value, path) => {
  const entry = object({
    weekday: integer({ label: '星期', min: 0, max: 6 }),
    from: timeCheck,
    to: timeCheck,
  })
  const checked = array(entry, { label: '每周工时', min: 0, max: 28 })(value, path)
  if (!checked.ok) return checked
  for (let weekday = 0; weekday < 7; weekday += 1) {
    const problem = spansProblem(checked.value.filter((item) => item.weekday === weekday))
    if (problem) return invalid(path, `${WEEKDAY_LABELS[weekday]}：${problem}`)
  }
  return checked
}

export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const

/** Each skill once, at least one. */
export const skillsCheck: Check<(typeof VISIT_KINDS)[number][]> = (value, path) => {
  const checked = array(oneOf('技能', VISIT_KINDS), { label: '技能', max: VISIT_KINDS.length })(
    value,
    path,
  )
  return checked.ok ? valid([...new Set(checked.value)]) : checked
}

/** Each district once, 1..DISTRICTS_MAX of 1..DISTRICT_MAX characters. */
export const districtsCheck: Check<string[]> = (value, path) => {
  const one = string({ label: '服务区域', max: DISTRICT_MAX, oneLine: true })
  const checked = array(one, { label: '服务区域', max: DISTRICTS_MAX })(value, path)
  return checked.ok ? valid([...new Set(checked.value)]) : checked
}

export const staffNameCheck = string({ label: '师傅姓名', max: STAFF_NAME_MAX, oneLine: true })

/** Whether `date` is one the owner or the person may set hours for: today..the horizon. */
export function hoursDateProblem(date: ChinaDate, today: ChinaDate): string | null {
  const ahead = daysBetween(today, date)
  if (ahead < 0) return '不能修改已经过去的日期'
  if (ahead > HOURS_HORIZON_DAYS) return `只能安排 ${HOURS_HORIZON_DAYS} 天内的工时`
  return null
}

/** 'HH:mm–HH:mm' per span, as 派单 shows hours. */
export const hoursText = (hours: readonly DailyHours[]) =>
  hours.map(({ from, to }) => `${from}–${to}`)

/** A person's hours on each of `days` dates from `today`: that day's own, or the weekly ones. */
export function upcomingHours(
  weeklyHours: readonly WeeklyHours[],
  own: ReadonlyMap<ChinaDate, DailyHours[]>,
  today: ChinaDate,
  days = STAFF_LIST_DAYS,
): { date: ChinaDate; hours: string[]; own: boolean }[] {
  return Array.from({ length: days }, (_, index) => {
    const date = addDays(today, index)
    const set = own.get(date)
    const hours = set ?? weeklyHours.filter((entry) => entry.weekday === weekdayOf(date))
    return { date, hours: hoursText(hours), own: set !== undefined }
  })
}

/** The visits a day's new spans no longer cover (the owner reassigns them first). */
export function uncoveredVisits<V extends { window: TimeWindow }>(
  held: readonly V[],
  spans: readonly TimeWindow[],
): V[] {
  return held.filter(({ window }) => !withinSpans(window, spans))
}

/** `availability/<staffId>__<YYYY-MM-DD>`: one document per person and day, so a retry replaces it. */
export const availabilityId = (staffId: string, date: ChinaDate) => `${staffId}__${date}`
