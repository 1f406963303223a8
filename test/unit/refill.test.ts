// Replenishment prediction tables: first purchase, regular and irregular buyers, quantities,
// and the customer's answers (snooze, adjust, stop).
import {
  adjustCycle,
  isDue,
  learnedCycle,
  markReminded,
  parseCycleInput,
  recordPurchase,
  REFILL_CONFIG,
  reminderKeyOf,
  snooze,
  stop,
  type PurchaseInput,
  type RefillRecord,
} from '@/domain/refill'

const DAY = 24 * 60 * 60 * 1000
const T0 = new Date('2026-01-01T02:00:00.000Z')
const day = (n: number) => new Date(T0.getTime() + n * DAY)

const purchase = (n: number, overrides: Partial<PurchaseInput> = {}): PurchaseInput => ({
  openid: 'o_buyer',
  productId: 'prod_filter',
  productName: '净水器替换滤芯',
  defaultCycleDays: 90,
  orderId: `order-${n}`,
  quantity: 1,
  at: day(n),
  ...overrides,
})

/** Records purchases on the given days (quantity 1 unless [day, quantity]). */
function history(days: (number | [number, number])[], defaultCycleDays = 90): RefillRecord {
  let record: RefillRecord | null = null
  for (const entry of days) {
    const [n, quantity] = Array.isArray(entry) ? entry : [entry, 1]
    record = recordPurchase(record, purchase(n, { quantity, defaultCycleDays }))
  }
  return record!
}

const daysFromT0 = (at: Date) => Math.round(((at.getTime() - T0.getTime()) / DAY) * 10) / 10

describe('prediction', () => {
  test.each([
    // name, purchase days, expected cycle, source, run-out day, reminder day
    ['first purchase uses the default', [0], 90, 'default', 90, 85],
    ['first purchase of 2 lasts twice as long', [[0, 2]], 90, 'default', 180, 175],
    ['regular buyer every 60 days learns 60', [0, 60, 120, 180], 60, 'learned', 240, 235],
    [
      'regular buyer of 2 every 120 days learns 60 per unit',
      [
        [0, 2],
        [120, 2],
        [240, 2],
      ],
      60,
      'learned',
      360,
      355,
    ],
    // 10 and 400 days are clamped to 45 and 180 (0.5x and 2x the default); weights 1,2,3:
    // (45 + 2*180 + 3*90) / 6 = 112.5.
    ['irregular buyer: odd gaps are clamped', [0, 10, 410, 500], 112.5, 'learned', 612.5, 607.5],
  ] as const)('%s', (_name, days, cycle, source, runOutDay, remindDay) => {
    const record = history([...days] as (number | [number, number])[])
    expect(record.cycleDays).toBe(cycle)
    expect(record.cycleSource).toBe(source)
    expect(daysFromT0(record.runOutAt)).toBe(runOutDay)
    expect(daysFromT0(record.nextReminderAt)).toBe(remindDay)
    expect(record.status).toBe('active')
  })

  test('recent intervals weigh more than old ones', () => {
    expect(learnedCycle(history([0, 90, 150]).purchases, 90)).toBe(70) // (90 + 2*60) / 3
  })

  test('a very short cycle reminds at the purchase, never in the past', () => {
    const record = history([0], 3)
    expect(daysFromT0(record.nextReminderAt)).toBe(0)
  })

  test('the same order recorded twice changes nothing', () => {
    const once = history([0])
    expect(recordPurchase(once, purchase(0))).toBe(once)
  })

  test('only the last purchases are kept', () => {
    const record = history([0, 90, 180, 270, 360, 450, 540, 630])
    expect(record.purchases).toHaveLength(REFILL_CONFIG.historySize)
    expect(record.lastOrderId).toBe('order-630')
  })
})

describe('the customer answers', () => {
  test('snooze pushes the reminder and nudges the cycle up 10%', () => {
    const record = snooze(history([0]), day(85), 7)
    expect(daysFromT0(record.nextReminderAt)).toBe(92)
    expect(record.cycleDays).toBe(99)
    expect(record.cycleSource).toBe('learned')
    expect(record.snoozes).toBe(1)
    expect(record.status).toBe('active')
  })

  test('snooze before the reminder is due pushes it later, never earlier', () => {
    const record = snooze(history([0]), day(10), 3)
    expect(daysFromT0(record.nextReminderAt)).toBe(88)
  })

  test('snooze without days waits the default', () => {
    const record = snooze(history([0]), day(85))
    expect(daysFromT0(record.nextReminderAt)).toBe(85 + REFILL_CONFIG.snoozeDefaultDays)
  })

  test('adjust sets the cycle, and later purchases do not relearn it', () => {
    const adjusted = adjustCycle(history([0]), 30, day(1))
    expect(adjusted.cycleDays).toBe(30)
    expect(adjusted.cycleSource).toBe('customer')
    expect(daysFromT0(adjusted.nextReminderAt)).toBe(25)
    const after = recordPurchase(adjusted, purchase(40))
    expect(after.cycleDays).toBe(30)
    expect(daysFromT0(after.runOutAt)).toBe(70)
  })

  test('adjust to a date already past reminds tomorrow, not at once', () => {
    const adjusted = adjustCycle(history([0]), 10, day(20))
    expect(daysFromT0(adjusted.nextReminderAt)).toBe(21)
  })

  test('a snooze keeps a customer cycle as set', () => {
    const record = snooze(adjustCycle(history([0]), 30, day(1)), day(25), 5)
    expect(record.cycleDays).toBe(30)
    expect(record.cycleSource).toBe('customer')
  })

  test('stop ends reminders, and a later purchase keeps them stopped', () => {
    const stopped = stop(history([0]), day(1))
    expect(isDue(stopped, day(200))).toBe(false)
    expect(recordPurchase(stopped, purchase(50)).status).toBe('stopped')
  })
})

describe('reminders and attribution', () => {
  test('due only when active and the reminder time has come', () => {
    const record = history([0])
    expect(isDue(record, day(84))).toBe(false)
    expect(isDue(record, day(85))).toBe(true)
    expect(isDue(markReminded(record, day(85)), day(86))).toBe(false)
  })

  test('a purchase within 7 days of a reminder is attributed to it, later ones are not', () => {
    const reminded = markReminded(history([0]), day(85))
    const soon = recordPurchase(reminded, purchase(90))
    expect(soon.lastAttributedAt).toEqual(day(90))
    expect(soon.attributedReorders).toBe(1)
    expect(soon.status).toBe('active')
    const late = recordPurchase(reminded, purchase(93))
    expect(late.lastAttributedAt).toBeNull()
    expect(late.attributedReorders).toBe(0)
  })

  test('the reminder key names the refill and its reminder time', () => {
    const record = history([0])
    expect(reminderKeyOf(record)).toBe(`refill:o_buyer_prod_filter:${day(85).toISOString()}`)
  })
})

describe('the 调整周期 input', () => {
  test.each([
    ['30', { ok: true, days: 30 }],
    [' 7 ', { ok: true, days: 7 }],
    ['365', { ok: true, days: 365 }],
    ['0', { ok: false, message: '周期需在 1–365 天之间' }],
    ['366', { ok: false, message: '周期需在 1–365 天之间' }],
    ['7.5', { ok: false, message: '请输入整数天数' }],
    ['', { ok: false, message: '请输入整数天数' }],
    ['abc', { ok: false, message: '请输入整数天数' }],
  ])('%j', (text, expected) => {
    expect(parseCycleInput(text)).toEqual(expected)
  })
})
