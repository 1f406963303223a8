// china-date formats instants with plain Date arithmetic (no dayjs, for the weapp main package):
// it must say what time.ts's dayjs formatting says, around midnight, year ends and leap days.
import { chinaDateOf, chinaMinuteOf } from '@/domain/china-date'
import { formatChinaTime } from '@/domain/time'

const INSTANTS: (string | number | Date)[] = [
  '2026-11-21T15:59:59.999Z',
  '2026-11-21T16:00:00.000Z',
  '2026-12-31T16:00:00Z',
  '2024-02-28T16:30:00.000Z',
  '2024-02-29T15:59:00.000Z',
  '2026-06-15T03:07:45.123+08:00',
  Date.UTC(2025, 0, 1, 0, 0),
  new Date(Date.UTC(1999, 11, 31, 23, 59)),
  0,
]

test.each(INSTANTS)('%p: the same day and minute as dayjs', (instant) => {
  expect(chinaMinuteOf(instant)).toBe(formatChinaTime(instant, 'YYYY-MM-DD HH:mm'))
  expect(chinaDateOf(instant)).toBe(formatChinaTime(instant, 'YYYY-MM-DD'))
})

test('16:00 UTC is midnight of the next China day', () => {
  expect(chinaMinuteOf('2026-11-21T16:00:00.000Z')).toBe('2026-11-22 00:00')
  expect(chinaDateOf('2026-11-21T15:59:59.999Z')).toBe('2026-11-21')
})

test('an invalid instant reads as dayjs reads it, not a thrown RangeError', () => {
  expect(chinaMinuteOf('not a time')).toBe(formatChinaTime('not a time'))
  expect(chinaDateOf(Number.NaN)).toBe('Invalid Date')
})
