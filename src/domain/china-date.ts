// China calendar dates ('YYYY-MM-DD', Asia/Shanghai, fixed +08:00 as in time.ts) for ETAs and
// daily quotas. A date string is a calendar day, not an instant, so day arithmetic on it is
// plain UTC-midnight arithmetic and never shifts stored instants.
import { formatChinaTime, CHINA_UTC_OFFSET_MINUTES } from './time'

export type ChinaDate = string

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 24 * 60 * 60 * 1000

/** The China calendar day an instant falls on. */
export function chinaDateOf(instant: Date | string | number): ChinaDate {
  return formatChinaTime(instant, 'YYYY-MM-DD')
}

/** True for a real calendar day written as 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isChinaDate(value: unknown): value is ChinaDate {
  if (typeof value !== 'string') return false
  const match = DATE_PATTERN.exec(value)
  if (!match) return false
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return new Date(time).toISOString().slice(0, 10) === value
}

export function addDays(date: ChinaDate, days: number): ChinaDate {
  if (!isChinaDate(date)) throw new RangeError(`不是有效的日期：${date}`)
  const [year, month, day] = date.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The day of the week of a calendar day: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: ChinaDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: ChinaDate, to: ChinaDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

/** The UTC instants bounding a China day, [start, end): for "today's" database queries. */
export function chinaDayRange(date: ChinaDate): { start: Date; end: Date } {
  const start = Date.parse(`${date}T00:00:00Z`) - CHINA_UTC_OFFSET_MINUTES * 60 * 1000
  return { start: new Date(start), end: new Date(start + DAY_MS) }
}
