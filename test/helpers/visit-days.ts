// Days for visit tests: staff work weekdays, and each test takes a day of its own.
import { addDays, chinaDateOf, weekdayOf, type ChinaDate } from '@/domain/china-date'

/** The first weekday (China time) at least `from` days after today. */
export function weekdayAhead(from: number): ChinaDate {
  let day = addDays(chinaDateOf(new Date()), from)
  while ([0, 6].includes(weekdayOf(day))) day = addDays(day, 1)
  return day
}
