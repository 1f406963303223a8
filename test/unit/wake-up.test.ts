import {
  DEFAULT_QUIET_DAYS,
  isQuiet,
  pickReason,
  quarterOf,
  quietDaysOf,
  wakeUpDraft,
  type WakeUpReason,
} from '@/domain/wake-up'

const NOW = new Date('2026-12-03T03:00:00Z')
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000)

test.each([
  [daysAgo(90), null, true],
  [daysAgo(89), null, false],
  [daysAgo(200), daysAgo(30), false],
  [daysAgo(200), daysAgo(95), true],
  [null, daysAgo(200), false],
])('isQuiet(seen %s, ordered %s) = %s', (seen, ordered, quiet) => {
  expect(isQuiet(seen, ordered, NOW, 90)).toBe(quiet)
})

test.each([
  ['2026-12-31T15:59:59Z', '2026-Q4'],
  ['2026-12-31T16:00:00Z', '2027-Q1'], // midnight in China
  ['2027-04-01T00:00:00Z', '2027-Q2'],
])('quarterOf(%s) = %s', (instant, quarter) => {
  expect(quarterOf(new Date(instant))).toBe(quarter)
})

test.each([
  [undefined, DEFAULT_QUIET_DAYS],
  ['60', 60],
  ['7', DEFAULT_QUIET_DAYS],
  ['abc', DEFAULT_QUIET_DAYS],
])('quietDaysOf(%s) = %s', (value, days) => {
  expect(quietDaysOf(value)).toBe(days)
})

const refill = (inDays: number): WakeUpReason => ({
  kind: 'refill_due',
  productId: `p${inDays}`,
  productName: '滤芯',
  runOutAt: new Date(NOW.getTime() + inDays * 86_400_000),
})
const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000)
const care = {
  kind: 'care_due' as const,
  productName: '窗帘',
  title: '清洗窗帘',
  orderId: 'o1',
  dueAt: inDays(-1),
}
const batch: WakeUpReason = { kind: 'new_batch', productId: 'b', productName: '床品' }

test('the reason: the refill running out first, then care, then a new batch; none, no message', () => {
  expect(pickReason([batch, refill(10), refill(-3), care], NOW)).toEqual(refill(-3))
  expect(pickReason([batch, refill(30), care], NOW)).toBe(care)
  expect(pickReason([refill(30), batch], NOW)).toBe(batch)
  expect(pickReason([refill(30)], NOW)).toBeNull()
  expect(pickReason([{ ...care, dueAt: inDays(30) }], NOW)).toBeNull()
})

test('one key per customer and quarter, whatever the reason', () => {
  const a = wakeUpDraft('o1', batch, NOW)
  const b = wakeUpDraft('o1', refill(1), daysAgo(-20))
  expect(a.key).toBe('wake_up:o1:2026-Q4')
  expect(b.key).toBe(a.key)
  expect(wakeUpDraft('o1', care, NOW)).toMatchObject({
    page: 'service/pages/care/index?orderId=o1',
    values: { reasonText: '到了保养的时候', productName: '窗帘', tip: '清洗窗帘' },
  })
})
