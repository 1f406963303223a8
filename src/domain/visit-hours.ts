// When a staff member works on a China day: their weekly hours, unless the `availability`
// collection holds that day's own hours (leave: none; overtime: more). Times are 'HH:mm' China
// time on the wall clock; spans come back as UTC instants.
import { chinaDayRange, weekdayOf, type ChinaDate } from './china-date'
import type { TimeWindow } from './visit-types'

export interface DailyHours {
  from: string
  to: string
}
export interface WeeklyHours extends DailyHours {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
}
/** One staff member's hours for one date, replacing their weekly hours that day. */
export interface AvailabilityOverride {
  staffId: string
  date: ChinaDate
  hours: DailyHours[]
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/
const MINUTE_MS = 60 * 1000

/** Minutes after China midnight of 'HH:mm' ('24:00' is the day's end), or null when malformed. */
export function minutesOf(time: string): number | null {
  if (time === '24:00') return 24 * 60
  const match = HH_MM.exec(time)
  return match ? Number(match[1]) * 60 + Number(match[2]) : null
}

/** The day's hours as instants, in time order; malformed or empty spans are dropped. */
export function workingSpans(
  staff: { id: string; weeklyHours: readonly WeeklyHours[] },
  date: ChinaDate,
  overrides: readonly AvailabilityOverride[] = [],
): TimeWindow[] {
  const override = overrides.find((entry) => entry.staffId === staff.id && entry.date === date)
  const weekday = weekdayOf(date)
  const hours = override?.hours ?? staff.weeklyHours.filter((entry) => entry.weekday === weekday)
  const midnight = chinaDayRange(date).start.getTime()
  return hours
    .flatMap(({ from, to }) => {
      const start = minutesOf(from)
      const end = minutesOf(to)
      if (start === null || end === null || end <= start) return []
      return [
        {
          start: new Date(midnight + start * MINUTE_MS),
          end: new Date(midnight + end * MINUTE_MS),
        },
      ]
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime())
}

/** True when the window lies wholly inside one of the spans. */
export function withinSpans(window: TimeWindow, spans: readonly TimeWindow[]): boolean {
  return spans.some((span) => span.start <= window.start && window.end <= span.end)
}
