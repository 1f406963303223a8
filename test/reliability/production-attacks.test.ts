// Issue 23, production side: what one hostile customer could do through the deployed functions.
// Each test reproduces one attack and fails if it gets through (counted in the summary line).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { TIMER_TRIGGERS } from '@/domain/names'
import { MAX_FUTURE_BOOKINGS } from '@/domain/appointment'
import { openSlot } from './fixtures'
import { attackSuite, call, digest, useReliabilityCloud } from './harness'

const env = useReliabilityCloud()
const attack = attackSuite('production-attacks')

const ROOT = join(__dirname, '..', '..')
const readJson = (...path: string[]) => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8'))

describe('what a client may read or write without a function (item 10)', () => {
  attack('no collection is readable by a client: products go only through catalog', async () => {
    const rules = readJson('database', 'security-rules.json')
    const readable = Object.keys(rules).filter((name) => rules[name].read !== false)
    expect(readable).toEqual([])
  })

  attack('storage: uploads only under order-photos/, only by a signed-in owner', async () => {
    const rules = readJson('database', 'storage-rules.json') as { read: string; write: string }
    expect(rules.read).toBe('auth != null')
    expect(rules.write).toContain('resource.openid == auth.openid')
    // The one path rule, tried on the paths a hostile client would choose.
    const pathRule = /\/(.+)\/\.test\(resource\.path\) == true/.exec(rules.write)
    const allowed = new RegExp(pathRule![1].replace(/\\\//g, '/'))
    expect(allowed.test('order-photos/x.jpg')).toBe(true)
    for (const path of ['products/cover.jpg', 'x/order-photos/a.jpg', 'index.html'])
      expect(allowed.test(path)).toBe(false)
  })
})

describe('one customer against the shared limits', () => {
  attack(`8 simultaneous bookings hold at most ${MAX_FUTURE_BOOKINGS} slots (item 8)`, async () => {
    const burster = 'o_attack_booking_burst'
    const slotIds = await Promise.all(Array.from({ length: 8 }, () => openSlot(env)))
    const answers = await Promise.all(
      slotIds.map((slotId) => call(env, 'appointment', 'book', { slotId }, burster)),
    )
    const codes = answers.map((answer) => (answer.ok ? 'ok' : answer.code))
    expect(codes.filter((code) => !['ok', 'BOOKING_LIMIT', 'CONFLICT'].includes(code))).toEqual([])
    const held = await env.sql(
      `SELECT id FROM local_documents WHERE collection = 'appointment_slots' AND data->>'bookedBy' = $1`,
      [burster],
    )
    expect(held.length).toBeLessThanOrEqual(MAX_FUTURE_BOOKINGS)
    expect(codes.filter((code) => code === 'ok')).toHaveLength(held.length)
  })
})

describe('forged timer events (item 14)', () => {
  const forged = (fn: keyof typeof TIMER_TRIGGERS) => ({
    Type: 'Timer',
    TriggerName: TIMER_TRIGGERS[fn],
    Time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Message: '',
  })

  for (const fn of Object.keys(TIMER_TRIGGERS) as (keyof typeof TIMER_TRIGGERS)[]) {
    attack(
      `an anonymous client sending ${fn}'s exact timer event does not run the timer`,
      async () => {
        const before = await digest(env)
        const result = await env.cloud.invoke(fn, forged(fn), null)
        expect(result).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
        expect(await digest(env)).toBe(before)
      },
    )
  }

  test('the real trigger still runs each timer', async () => {
    for (const fn of Object.keys(TIMER_TRIGGERS)) {
      expect(await env.cloud.fireTimer(fn)).toMatchObject({ ok: true })
    }
  })

  test('the README tells deployers to keep anonymous access off', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toMatch(/未登录用户访问/)
  })
})
