// The rules the notifier applies: the ledger (accept +1, send -1, 43101 -> 0, never negative),
// quiet hours across midnight in China time, the daily cap, backoff, error classification.
import fc from 'fast-check'
import {
  afterAlwaysSetting,
  afterAuthorization,
  classifySend,
  counterId,
  creditGone,
  emptySubscription,
  HELD_LABELS,
  heldLabelOf,
  holdReasonOf,
  MAX_ATTEMPTS,
  MAX_CREDITS_PER_PURPOSE,
  quietUntil,
  refundCredit,
  retryDelayMs,
  spendCredit,
} from '@/domain/message-policy'
import { HOLD_REASON_CODES } from '@/domain/messages'
import { outboxIdOf, orderMessageKey } from '@/domain/message-drafts'

const now = new Date('2026-11-22T03:00:00Z')
const fresh = () => emptySubscription('o_user', 'shipped', now)
const WINDOW = { start: '22:00', end: '08:00' }
const china = (clock: string, day = '2026-11-22') => new Date(`${day}T${clock}:00+08:00`)

describe('ledger', () => {
  test('each accept adds one credit; reject and filter add none', () => {
    let record = fresh()
    record = afterAuthorization(record, 'accept', undefined, now)
    record = afterAuthorization(record, 'accept', undefined, now)
    record = afterAuthorization(record, 'reject', undefined, now)
    record = afterAuthorization(record, 'filter', undefined, now)
    expect(record).toMatchObject({ credits: 2, acceptedTotal: 2, refused: false })
  })
  test('ban, or reject with "always", marks the kind refused; a later accept clears it', () => {
    expect(afterAuthorization(fresh(), 'ban', undefined, now).refused).toBe(true)
    expect(afterAuthorization(fresh(), 'reject', 'reject', now)).toMatchObject({
      refused: true,
      always: 'reject',
    })
    expect(afterAuthorization(fresh(), 'reject', undefined, now).refused).toBe(false)
    const again = afterAuthorization(
      afterAuthorization(fresh(), 'ban', undefined, now),
      'accept',
      'accept',
      now,
    )
    expect(again).toMatchObject({ refused: false, credits: 1, always: 'accept' })
  })
  test('a bare accept (no getSetting view) neither clears a refusal nor adds a credit', () => {
    const banned = afterAuthorization(fresh(), 'ban', undefined, now)
    expect(afterAuthorization(banned, 'accept', undefined, now)).toMatchObject({
      refused: true,
      credits: 0,
    })
  })
  test(`credits stop at ${MAX_CREDITS_PER_PURPOSE} per purpose; the accept's source is kept`, () => {
    let record = fresh()
    for (let i = 0; i < 40; i += 1)
      record = afterAuthorization(record, 'accept', undefined, now, 'wx_devtools')
    expect(record).toMatchObject({
      credits: MAX_CREDITS_PER_PURPOSE,
      acceptedTotal: 40,
      lastAcceptSource: 'wx_devtools',
    })
  })
  test('an "always" choice reported without a popup: reject or ban refuses, accept clears', () => {
    expect(afterAlwaysSetting(fresh(), 'reject', now)).toMatchObject({
      refused: true,
      always: 'reject',
      credits: 0,
    })
    expect(afterAlwaysSetting(fresh(), 'ban', now).refused).toBe(true)
    expect(afterAlwaysSetting({ ...fresh(), refused: true }, 'accept', now).refused).toBe(false)
  })
  test('43101 sets the ledger to 0; a refund gives back one spent credit', () => {
    const two = { ...fresh(), credits: 2 }
    expect(creditGone(two, now).credits).toBe(0)
    expect(refundCredit(spendCredit(two, now), now)).toMatchObject({ credits: 2, sentTotal: 0 })
  })
  test('any sequence of accepts and sends: credits = accepts - sends while sends only spend what exists, never < 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('accept', 'send', 'gone'), { maxLength: 60 }),
        (steps) => {
          let record = fresh()
          let expected = 0
          for (const step of steps) {
            if (step === 'accept') {
              record = afterAuthorization(record, 'accept', undefined, now)
              expected = Math.min(expected + 1, MAX_CREDITS_PER_PURPOSE)
            } else if (step === 'send' && holdReasonOf(record, 0, 5) === null) {
              record = spendCredit(record, now)
              expected -= 1
            } else if (step === 'gone') {
              record = creditGone(record, now)
              expected = 0
            }
            expect(record.credits).toBe(expected)
            expect(record.credits).toBeGreaterThanOrEqual(0)
          }
        },
      ),
    )
  })
})

describe('holding', () => {
  const withCredit = { ...fresh(), credits: 1 }
  test.each([
    [null, 0, 'no_credit'],
    [fresh(), 0, 'no_credit'],
    [{ ...withCredit, enabled: false }, 0, 'disabled'],
    [withCredit, 5, 'daily_cap'],
    [withCredit, 4, null],
  ] as const)('%j with %i sent today -> %s', (record, sentToday, reason) => {
    expect(holdReasonOf(record, sentToday, 5)).toBe(reason)
  })
  test('a held message says its own reason; only a missing credit says 订阅次数不足', () => {
    expect(HOLD_REASON_CODES.map(heldLabelOf)).toEqual([
      '未推送：订阅次数不足',
      '未推送：你关闭了此类消息',
      '未推送：你关闭了订阅消息',
      '未推送：已达今日消息上限',
      '未推送：发送中断，未重发',
    ])
    expect(new Set(Object.values(HELD_LABELS)).size).toBe(HOLD_REASON_CODES.length)
    // Rows held before the reason was stored do not claim a reason they may not have.
    expect(heldLabelOf(null)).toBe('未推送：仅在小程序内显示')
  })
  test('the daily counter is per China day', () => {
    expect(counterId('o_user', china('23:59'))).toBe('o_user__2026-11-22')
    expect(counterId('o_user', china('00:01', '2026-11-23'))).toBe('o_user__2026-11-23')
  })
})

describe('quiet hours (China time, crossing midnight)', () => {
  test.each([
    ['21:59', null],
    ['22:00', china('08:00', '2026-11-23')],
    ['23:30', china('08:00', '2026-11-23')],
    ['07:59', china('08:00')],
    ['08:00', null],
    ['12:00', null],
  ])('%s -> %s', (clock, until) => {
    expect(quietUntil(china(clock), WINDOW)).toEqual(until)
  })
  test('a window inside one day, and an empty one', () => {
    expect(quietUntil(china('13:00'), { start: '12:00', end: '14:00' })).toEqual(china('14:00'))
    expect(quietUntil(china('15:00'), { start: '12:00', end: '14:00' })).toBeNull()
    expect(quietUntil(china('23:00'), { start: '00:00', end: '00:00' })).toBeNull()
  })
  test('the end is always in the future, within 24 hours, and outside the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 * 24 * 60 }), (minutes) => {
        const at = new Date(now.getTime() + minutes * 60_000)
        const until = quietUntil(at, WINDOW)
        if (!until) return
        expect(until.getTime()).toBeGreaterThan(at.getTime())
        expect(until.getTime() - at.getTime()).toBeLessThanOrEqual(10 * 60 * 60_000)
        expect(quietUntil(until, WINDOW)).toBeNull()
      }),
    )
  })
})

describe('sending', () => {
  test.each([
    [0, 'sent'],
    [43101, 'credit_gone'],
    [45009, 'retry'],
    [null, 'retry'],
    [-501001, 'retry'],
    [-1, 'retry'],
    [47003, 'dead'],
    [40003, 'dead'],
    [41030, 'dead'],
    [40037, 'dead'],
    [-604101, 'dead'],
    [61234, 'dead'],
  ])('errcode %p -> %s', (errcode, kind) => {
    const outcome = classifySend(errcode)
    expect(outcome.kind).toBe(kind)
    if (outcome.kind !== 'sent') expect(outcome.reason).not.toBe('')
  })
  test('backoff grows and is capped; attempts are bounded', () => {
    const delays = Array.from({ length: MAX_ATTEMPTS + 2 }, (_, index) => retryDelayMs(index + 1))
    for (let index = 1; index < delays.length; index += 1)
      expect(delays[index]).toBeGreaterThanOrEqual(delays[index - 1])
    expect(Math.max(...delays)).toBeLessThanOrEqual(2 * 60 * 60_000)
  })
  test('outbox ids are stable per key and differ between keys', () => {
    const key = orderMessageKey({ _id: 'ord_1', node: 'shipped', version: 6 })
    expect(key).toBe('order:ord_1:shipped:v6')
    expect(outboxIdOf(key)).toBe(outboxIdOf(key))
    expect(outboxIdOf(key)).toMatch(/^msg_[0-9a-f]{16}$/)
    const ids = new Set(
      Array.from({ length: 5000 }, (_, index) => outboxIdOf(`refill:r${index}:2026-11-22`)),
    )
    expect(ids.size).toBe(5000)
  })
})
