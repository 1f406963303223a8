// When a non-urgent message goes out (issue 20): at each customer's preferred hour, learned from
// the China hours at which they opened sent messages (message.opened adds them to the preference
// document, only while 个性化推荐 is on). The prior: below MIN_OPENS opens there is no preferred
// hour and the message goes when due, as before. Only WAITS_FOR_OPEN_HOUR purposes wait (order
// nodes never do), and a message waits once, so a timer run that misses the hour never pushes it a
// second day.
import { chinaDateOf, chinaDayRange } from './china-date'
import type { MessagePurpose } from './messages'
import { quietUntil } from './message-policy'

export const WAITS_FOR_OPEN_HOUR: readonly MessagePurpose[] = ['refill_reminder', 'wake_up', 'care']
/** Opens needed before a customer's hour is trusted over sending when due. */
export const MIN_OPENS = 3

const HOUR_MS = 60 * 60 * 1000
const CHINA_OFFSET_MS = 8 * HOUR_MS

/** The China hour (0–23) of an instant: the key message.opened counts under. */
export function chinaHourOf(instant: Date): number {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).getUTCHours()
}

/**
 * The hour with the most opens, each neighbouring hour counting half (opens at 19:55 and 20:05
 * agree); ties go to the earlier hour. Null below MIN_OPENS opens.
 */
export function preferredHour(openHours: Record<string, number> | undefined): number | null {
  const counts = Array.from({ length: 24 }, (_, hour) => {
    const count = Number(openHours?.[String(hour)] ?? 0)
    return Number.isFinite(count) && count > 0 ? count : 0
  })
  if (counts.reduce((sum, count) => sum + count, 0) < MIN_OPENS) return null
  let best = 0
  let bestScore = -1
  counts.forEach((count, hour) => {
    const score = count + (counts[(hour + 23) % 24] + counts[(hour + 1) % 24]) / 2
    if (score > bestScore) [best, bestScore] = [hour, score]
  })
  return best
}

/**
 * When a message due at `now` goes out for a customer preferring `hour`: now within that hour or
 * with no preference; else the hour's next start, or the end of quiet hours if it falls inside
 * them.
 */
export function sendAtFor(
  now: Date,
  hour: number | null,
  quietHours: { start: string; end: string },
): Date {
  if (hour === null || chinaHourOf(now) === hour) return now
  let at = chinaDayRange(chinaDateOf(now)).start.getTime() + hour * HOUR_MS
  if (at <= now.getTime()) at += 24 * HOUR_MS
  return quietUntil(new Date(at), quietHours) ?? new Date(at)
}
