// China calendar dates ('YYYY-MM-DD', Asia/Shanghai) for ETAs and daily quotas. A date string is
// a calendar day, not an instant, so day arithmetic on it is plain UTC-midnight arithmetic and
// never shifts stored instants. China has no daylight saving, so a fixed +08:00 is exact: plain
// Date arithmetic here, without dayjs (time.ts), keeps dayjs out of the weapp main package.

export type ChinaDate = string

/** Asia/Shanghai is UTC+08:00 all year. */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 24 * 60 * 60 * 1000
const CHINA_OFFSET_MS = CHINA_UTC_OFFSET_MINUTES * 60 * 1000

/** China wall-clock time of an instant, 'YYYY-MM-DDTHH:mm:ss.sss', or null for an invalid one. */
function chinaClockOf(instant: Date | string | number): string | null {
  const time = new Date(instant).getTime()
  return Number.isNaN(time) ? null : new Date(time + CHINA_OFFSET_MS).toISOString()
}

/** 'YYYY-MM-DD HH:mm' in China time; 'Invalid Date' for an invalid instant, as dayjs says. */
export function chinaMinuteOf(instant: Date | string | number): string {
  return chinaClockOf(instant)?.slice(0, 16).replace('T', ' ') ?? 'Invalid Date'
}

/** The China calendar day an instant falls on. */
export function chinaDateOf(instant: Date | string | number): ChinaDate {
  return chinaClockOf(instant)?.slice(0, 10) ?? 'Invalid Date'
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
