// Instants are stored as UTC and shown in China time only at the edge. China has no daylight
// saving, so a fixed +08:00 offset is exact and avoids relying on Intl time-zone data, which
// some mini program runtimes lack.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { CHINA_UTC_OFFSET_MINUTES } from './china-date'

dayjs.extend(utc)

export { CHINA_UTC_OFFSET_MINUTES }

export function formatChinaTime(
  instant: string | number | Date,
  pattern = 'YYYY-MM-DD HH:mm',
): string {
  return dayjs(instant).utcOffset(CHINA_UTC_OFFSET_MINUTES).format(pattern)
}
