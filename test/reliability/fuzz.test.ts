// Hostile input: for every action, fast-check mutates a valid payload (./fixtures.ts) into a
// malformed one — wrong types, missing and unknown fields, 100k-char strings, 5k-item arrays,
// NaN/Infinity/huge/negative numbers, 200-deep objects, operator injection ($gt, $where,
// _openid), prototype keys (__proto__, constructor) and photos not the caller's uploads — and
// sends it to the deployed function.
// Every case must answer a failed envelope with a stable code (never INTERNAL), never make the
// call itself fail, and write nothing (a row-trigger count of every write; harness.ts). At least
// 10,000 cases per run.
import fc from 'fast-check'
import { isErrorCode } from '@/domain/errors'
import { isVisitErrorCode } from '@/domain/visit-errors'
import { FUNCTIONS } from '@/domain/names'
import { customerPhotos, merchantPhoto } from '../helpers/photos'
import { fixtureOf, ownerOrder } from './fixtures'
import {
  OPENID,
  allActions,
  call,
  installWriteCounter,
  recordFigures,
  useReliabilityCloud,
  type Envelope,
} from './harness'
import { policyOf } from './policy'

const env = useReliabilityCloud()

/** Cases per action: at least 10,000 in all per run (issue 23); FUZZ_RUNS=1000 for a soak. */
const RUNS = Number(process.env.FUZZ_RUNS ?? Math.ceil(10_000 / allActions().length))

/** Keys a valid payload may leave out: dropping one of these is not malformed. */
const OPTIONAL_KEYS: Record<string, string[]> = {
  'profile.save': ['id', 'kind'],
  'appointment.listSlots': ['limit'],
  'merchant.saveMaterial': ['quantity', 'usage'],
  'merchant.refundOrder': ['note'],
  'order.requestAfterSales': ['note', 'photos'],
  'order.rateOrder': ['text', 'photos'],
  'merchant.afterSalesQueue': ['kind'],
  'merchant.reconciliation': ['date', 'page'],
  'refill.snooze': ['days'],
  'refill.careTasks': ['orderId'],
  'order.create:coupon': ['couponId'],
  'order.quote:coupon': ['couponId'],
  'visit.tasks': ['date'],
  'visit.dispatch': ['date'],
  'visit.report': ['note', 'photos'],
  'visit.setHours': ['staffId', 'note'],
}

/** Payloads with an optional field the action's main fixture leaves out (fixtures.ts keys). */
const FIELD_VARIANTS: [fn: string, key: string][] = [
  ['order', 'create:coupon'],
  ['order', 'quote:coupon'],
]

const json = (text: string): unknown => JSON.parse(text)
const deep = (depth: number): unknown =>
  Array.from({ length: depth }).reduce<unknown>((inner) => ({ deep: inner }), { $gt: '' })

/** Values no field of any action accepts (JSON turns NaN and ±Infinity into null). */
const HOSTILE_VALUES: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    { $gt: '' },
    { $ne: null },
    { $where: 'sleep(1000)' },
    { $regex: '.*' },
    { _openid: 'o_demo_consumer_b' },
    { _id: { $exists: true } },
    json('{"__proto__": {"isMerchant": true}}'),
    { constructor: { prototype: { isMerchant: true } } },
    'x'.repeat(100_000),
    '$'.repeat(100_000),
    '中'.repeat(100_000),
    Array.from({ length: 5_000 }, () => ({ $gt: '' })),
    Array.from({ length: 5_000 }, (_, index) => index),
    deep(200),
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1e308,
    -1e308,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    1.5e-7,
    null,
    'a\u0000b',
    '\ud800',
    'x\udc00y',
  ),
  fc.double({ min: -1e300, max: -1e9, noNaN: true }),
  fc.string({ minLength: 50_001, maxLength: 50_100 }),
)

/** Keys no payload has; some are operators, some would pollute prototypes if merged blindly. */
const HOSTILE_KEYS = fc.oneof(
  fc.constantFrom(
    '$gt',
    '$where',
    '$set',
    '_openid',
    '_id',
    'ownerOpenid',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'a.b',
    '',
  ),
  fc.string({ minLength: 1, maxLength: 40 }).map((key) => `x_${key}`),
)

/** Whole payloads that are never valid (not objects, or objects of hostile keys only). */
const HOSTILE_PAYLOADS: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    [],
    [{}],
    'payload',
    42,
    -1,
    true,
    { $gt: '' },
    { _openid: 'o_demo_consumer_b' },
    json('{"__proto__": {"polluted": true}}'),
    { constructor: { prototype: { polluted: true } } },
    deep(200),
    'x'.repeat(100_000),
  ),
  fc.array(fc.anything(), { minLength: 1, maxLength: 5 }),
)

/** Photos that are not the caller's uploads (the caller is OPENID.owner), or too many. */
const FOREIGN_PHOTOS = fc.constantFrom<[string, unknown]>(
  ['another customer’s photo', customerPhotos(OPENID.other as string)],
  ['the merchant’s photo', [merchantPhoto()]],
  [
    'another folder',
    [customerPhotos(OPENID.owner as string)[0].replace(/\/\/u[0-9a-f]+/, '//u0000000000000000')],
  ],
  ['a URL', ['https://evil.example/order-photos/a.jpg']],
  ['another environment', [`cloud://other-env.b-1/order-photos/a.jpg`]],
  ['seven photos', customerPhotos(OPENID.owner as string, 7)],
  ['a photo twice', Array(2).fill(customerPhotos(OPENID.owner as string)[0])],
)

type Mutation = { describe: string; build: (base: Record<string, unknown>) => unknown }

/** Lists sorted by a time or a date: a cursor of the right shape whose value is neither. */
const TYPED_CURSOR_ACTIONS = [
  'order.mine',
  'order.board',
  'message.inbox',
  'message.deadLetters',
  'merchant.csInbox',
]
const WELL_SHAPED_BAD_CURSORS = fc.constantFrom('abc|x', '1|x', 'T|x', '-|ord_1', '99999999|x')

function mutations(key: string, base: Record<string, unknown>): fc.Arbitrary<Mutation> {
  const keys = Object.keys(base)
  const required = keys.filter((name) => !(OPTIONAL_KEYS[key] ?? []).includes(name))
  const options: fc.Arbitrary<Mutation>[] = [
    HOSTILE_PAYLOADS.map((payload) => ({ describe: 'whole payload', build: () => payload })),
    fc
      .tuple(
        HOSTILE_KEYS.filter((name) => !keys.includes(name)),
        fc.oneof(HOSTILE_VALUES, fc.jsonValue()),
      )
      .map(([name, value]) => ({
        describe: `unknown field ${JSON.stringify(name)}`,
        // A computed key defines an own property, even for "__proto__".
        build: (payload) => ({ ...payload, [name]: value }),
      })),
  ]
  if (TYPED_CURSOR_ACTIONS.includes(key))
    options.push(
      WELL_SHAPED_BAD_CURSORS.map((cursor) => ({
        describe: `cursor ${cursor}`,
        build: (payload) => ({ ...payload, cursor }),
      })),
    )
  if (keys.includes('photos'))
    options.push(
      FOREIGN_PHOTOS.map(([what, photos]) => ({
        describe: `photos: ${what}`,
        build: (payload) => ({ ...payload, photos }),
      })),
    )
  if (keys.length > 0)
    options.push(
      fc.tuple(fc.constantFrom(...keys), HOSTILE_VALUES).map(([name, value]) => ({
        describe: `field ${name} replaced`,
        build: (payload) => ({ ...payload, [name]: value }),
      })),
    )
  if (required.length > 0)
    options.push(
      fc.constantFrom(...required).map((name) => ({
        describe: `field ${name} missing`,
        build: (payload) => {
          const copy = { ...payload }
          delete copy[name]
          return copy
        },
      })),
    )
  return fc.oneof(...options)
}

let sent = 0
const violations: string[] = []
let writes: () => Promise<number>
beforeAll(async () => {
  writes = await installWriteCounter(env)
})

test('the write counter sees a write (so "nothing written" can fail)', async () => {
  const before = await writes()
  await env.cloud.store.insertMany('users', [{ _id: 'o_fuzz_counter_probe' }])
  expect(await writes()).toBe(before + 1)
})
afterAll(() => recordFigures('fuzz', { cases: sent, violations: violations.length }))

describe.each([...allActions(), ...FIELD_VARIANTS])('%s.%s', (fn, key) => {
  test(`${RUNS} malformed payloads: a stable failed envelope, nothing written`, async () => {
    const action = key.split(':')[0]
    const fixture = fixtureOf(fn, key)
    const policy = policyOf(fn, action)
    if (!fixture || !policy) throw new Error(`no fixture or policy for ${fn}.${key}`)
    const base = (await fixture(env)) as Record<string, unknown>
    // As a caller the action accepts, so only the payload can refuse the call.
    const openid =
      policy.owner === 'ok'
        ? OPENID.owner
        : policy.merchant === 'ok'
          ? OPENID.merchant
          : OPENID.staff
    // Writes so far; each case's "after" is the next case's "before" (one read per case).
    let seen = await writes()
    await fc.assert(
      fc.asyncProperty(mutations(`${fn}.${key}`, base), async (mutation) => {
        const payload = mutation.build(base)
        const before = seen
        let result: Envelope
        try {
          result = await call(env, fn, action, payload, openid)
        } catch (error) {
          violations.push(`${fn}.${action} ${mutation.describe}: the call failed`)
          throw new Error(`${mutation.describe}: the call failed ${JSON.stringify(error)}`)
        }
        sent += 1
        const after = (seen = await writes())
        const problem =
          result.ok !== false
            ? 'accepted'
            : !(isErrorCode(result.code) || isVisitErrorCode(result.code)) ||
                result.code === 'INTERNAL'
              ? `code ${result.code}`
              : after !== before
                ? 'wrote to the database'
                : null
        if (problem) {
          violations.push(`${fn}.${action} ${mutation.describe}: ${problem}`)
          throw new Error(
            `${mutation.describe}: ${problem} ${JSON.stringify(result).slice(0, 300)}`,
          )
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122), endOnFailure: true },
    )
  })
})

// The payment callback takes WeChat's notice, not an action: hostile notices (any field, any
// caller) answer errcode 0 without an OPENID and a refusal with one, and never write.
describe('payment callback', () => {
  test(`${RUNS} hostile notices: answered, nothing written`, async () => {
    const orderId = await ownerOrder(env, {}, { paid: false })
    const paying = await call(env, 'order', 'pay', { orderId }, OPENID.owner)
    const outTradeNo = String(paying.data?.outTradeNo)
    const base = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo, totalFee: 1 }
    const notices = fc.oneof(
      HOSTILE_VALUES,
      fc
        .tuple(
          fc.constantFrom('outTradeNo', 'outRefundNo', 'totalFee', 'transactionId', 'returnCode'),
          fc.oneof(HOSTILE_VALUES, fc.jsonValue(), fc.constant(outTradeNo.replace(/P1$/, 'R1'))),
        )
        .map(([name, value]) => ({ ...base, [name]: value })),
    )
    let seen = await writes()
    await fc.assert(
      fc.asyncProperty(notices, fc.boolean(), async (notice, signedIn) => {
        const before = seen
        const answer = (await env.cloud.invoke(
          FUNCTIONS.payment,
          JSON.parse(JSON.stringify(notice ?? null)),
          signedIn ? OPENID.other : null,
        )) as { errcode?: unknown }
        sent += 1
        const after = (seen = await writes())
        const problem =
          typeof answer?.errcode !== 'number'
            ? 'no errcode'
            : (answer.errcode === 0) === signedIn
              ? `errcode ${answer.errcode}`
              : after !== before
                ? 'wrote to the database'
                : null
        if (problem) {
          violations.push(`payment callback: ${problem}`)
          throw new Error(`${problem} ${JSON.stringify(notice).slice(0, 200)}`)
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122), endOnFailure: true },
    )
  })
})
