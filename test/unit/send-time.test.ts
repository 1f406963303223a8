import { messageOpenedSignal } from '@/domain/behaviour'
import { chinaHourOf, MIN_OPENS, preferredHour, sendAtFor } from '@/domain/send-time'

/** hh:mm China time on 2026-11-23. */
const china = (hours: number, minutes = 0, day = 0) =>
  new Date(Date.parse('2026-11-23T00:00:00+08:00') + ((day * 24 + hours) * 60 + minutes) * 60_000)
const QUIET = { start: '22:00', end: '08:00' }

test.each([
  [undefined, null],
  [{}, null],
  [{ 20: 2 }, null],
  [{ 20: MIN_OPENS }, 20],
  [{ 9: 2, 20: 2 }, 9],
  // 19 and 21 each count half toward 20.
  [{ 19: 2, 20: 1, 21: 2, 9: 2 }, 20],
  // Midnight wraps: 23 and 1 support 0.
  [{ 23: 1, 0: 1, 1: 1 }, 0],
  [{ 20: -5, 9: 3 }, 9],
  [{ 20: 'x', 9: 3 } as unknown as Record<string, number>, 9],
])('preferredHour(%j) = %s', (openHours, hour) => {
  expect(preferredHour(openHours)).toBe(hour)
})

test.each([
  ['no preference: now', china(11), null, china(11)],
  ['inside the hour: now', china(20, 40), 20, china(20, 40)],
  ['later today', china(11), 20, china(20)],
  ['passed today: tomorrow', china(21), 20, china(20, 0, 1)],
  ['an hour inside quiet hours: when they end', china(11), 23, china(8, 0, 1)],
  ['an early hour inside quiet hours, passed: the next morning', china(11), 6, china(8, 0, 1)],
])('sendAtFor: %s', (_, now, hour, expected) => {
  expect(sendAtFor(now, hour, QUIET)).toEqual(expected)
})

// The notifier asks only outside quiet hours (it defers for them first).
test('a message waits at most a day, and never into quiet hours', () => {
  for (let hour = 0; hour < 24; hour += 1)
    for (let nowHour = 8; nowHour < 22; nowHour += 1) {
      const now = china(nowHour, 17)
      const at = sendAtFor(now, hour, QUIET)
      expect(at.getTime()).toBeGreaterThanOrEqual(now.getTime())
      expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(24 * 3600_000)
      if (at.getTime() > now.getTime())
        expect(chinaHourOf(at) >= 8 && chinaHourOf(at) < 22).toBe(true)
    }
})

test('an open counts under its China hour', () => {
  const signal = messageOpenedSignal(
    { _id: 'm1', purpose: 'refill_reminder', orderId: null, values: {} },
    china(20, 5),
  )
  expect(signal.counts).toEqual([{ path: ['openHours', '20'], by: 1 }])
  expect(chinaHourOf(new Date('2026-11-23T16:30:00Z'))).toBe(0)
})
