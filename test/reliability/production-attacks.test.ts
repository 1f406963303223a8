// Issue 23, production side: what one hostile customer could do through the deployed functions.
// Each test reproduces one attack and fails if it gets through (counted in the summary line).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { TIMER_TRIGGERS } from '@/domain/names'
import { MAX_FUTURE_BOOKINGS } from '@/domain/appointment'
import { MAX_CREDITS_PER_PURPOSE } from '@/domain/message-policy'
import { DEFAULT_ORDER_LIMITS } from '@/domain/customer-holds'
import { createPayload, filterSelection } from '../cloud/order-helpers'
import { defaultOrderLimitsEnv } from '../helpers/local-cloud'
import { openSlot } from './fixtures'
import { attackSuite, call, digest, useReliabilityCloud } from './harness'

// The production defaults of every limit (test clouds raise the open-order limits).
const env = useReliabilityCloud(defaultOrderLimitsEnv())
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
    const allowed = new RegExp((pathRule?.[1] ?? '').replace(/\\\//g, '/'))
    expect(allowed.test('order-photos/x.jpg')).toBe(true)
    for (const path of ['products/cover.jpg', 'x/order-photos/a.jpg', 'index.html'])
      expect(allowed.test(path)).toBe(false)
  })
})

describe('one customer against the shared limits', () => {
  attack(
    '55 orders in a burst cannot hoard stock beyond the open-order limits (item 7)',
    async () => {
      const hoarder = 'o_attack_hoarder'
      const { openOrders, openUnits } = DEFAULT_ORDER_LIMITS
      const answers = await Promise.all(
        Array.from({ length: 55 }, () =>
          call(
            env,
            'order',
            'create',
            createPayload({
              productId: 'prod_filter',
              selection: { ...filterSelection(), quantity: 90 },
            }),
            hoarder,
          ),
        ),
      )
      const codes = answers.map((answer) => (answer.ok ? 'ok' : String(answer.code)))
      expect(codes.filter((code) => !['ok', 'ORDER_LIMIT', 'CONFLICT'].includes(code))).toEqual([])
      const placed = await env.cloud.store.find('orders', { ownerOpenid: hoarder })
      const units = placed.reduce((sum, order) => sum + order.selection.quantity, 0)
      expect(placed.length).toBeLessThanOrEqual(openOrders)
      expect(units).toBeLessThanOrEqual(openUnits)
      // Another customer can still buy.
      const other = await call(
        env,
        'order',
        'create',
        createPayload({ productId: 'prod_filter', selection: filterSelection() }),
        'o_attack_bystander',
      )
      expect(other).toMatchObject({ ok: true })
    },
  )

  attack(`8 simultaneous bookings hold at most ${MAX_FUTURE_BOOKINGS} slots (item 8)`, async () => {
    const burster = 'o_attack_booking_burst'
    const slotIds = await Promise.all(Array.from({ length: 8 }, () => openSlot(env)))
    const answers = await Promise.all(
      slotIds.map((slotId) => call(env, 'appointment', 'book', { slotId }, burster)),
    )
    const codes = answers.map((answer) => (answer.ok ? 'ok' : String(answer.code)))
    expect(codes.filter((code) => !['ok', 'BOOKING_LIMIT', 'CONFLICT'].includes(code))).toEqual([])
    const held = await env.sql(
      `SELECT id FROM local_documents WHERE collection = 'appointment_slots' AND data->>'bookedBy' = $1`,
      [burster],
    )
    expect(held.length).toBeLessThanOrEqual(MAX_FUTURE_BOOKINGS)
    expect(codes.filter((code) => code === 'ok')).toHaveLength(held.length)
  })
})

describe("subscribe credits are only the client's word (item 13)", () => {
  const ledger = async (openid: string) =>
    (await env.cloud.store.find('subscriptions', { _id: `${openid}__shipped` }))[0]

  attack(`40 replayed accepts leave at most ${MAX_CREDITS_PER_PURPOSE} credits`, async () => {
    const replayer = 'o_attack_credit_replay'
    for (let i = 0; i < 40; i += 1) {
      const answer = await call(
        env,
        'message',
        'authorize',
        { results: [{ purpose: 'shipped', result: 'accept' }] },
        replayer,
      )
      expect(answer.ok).toBe(true)
    }
    expect(await ledger(replayer)).toMatchObject({
      credits: MAX_CREDITS_PER_PURPOSE,
      lastAcceptSource: 'wx_client',
    })
  })

  attack('a bare fake accept does not clear an earlier ban', async () => {
    const banned = 'o_attack_unban'
    const answer = (result: string) =>
      call(env, 'message', 'authorize', { results: [{ purpose: 'shipped', result }] }, banned)
    expect((await answer('ban')).ok).toBe(true)
    expect((await answer('accept')).ok).toBe(true)
    expect(await ledger(banned)).toMatchObject({ credits: 0, refused: true })
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
