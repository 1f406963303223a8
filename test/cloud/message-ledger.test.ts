// The credit ledger under concurrency, through the real SDK: accepts racing each other, and
// accepts racing sends, never lose or invent a credit; credits = accepted - sent, never < 0.
// Also the authorize / settings / setPreference contract: own ledger only, bad input writes nothing.
import { emptySubscription } from '@/domain/message-policy'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { merchant, useDemoCloud } from '../helpers/demo-cloud'
import { daytime, messageClient, refillDraft } from './message-helpers'

const env = useDemoCloud()
const { call, outbox, drain, grant, creditsOf, queueDirect } = messageClient(env)

beforeEach(() => env.cloud.clock.set(daytime(0)))
afterAll(() => env.cloud.clock.set(null))

test('20 concurrent accepts add exactly 20 credits', async () => {
  const user = 'o_ledger_accepts'
  const replies = await Promise.all(
    Array.from({ length: 20 }, () =>
      call('authorize', { results: [{ purpose: 'shipped', result: 'accept' }] }, user),
    ),
  )
  expect(replies.every((reply) => reply.ok)).toBe(true)
  expect(await creditsOf(user, 'shipped')).toBe(20)
  const [row] = await env.cloud.store.find(COLLECTIONS.subscriptions, {
    ownerOpenid: user,
    purpose: 'shipped',
  })
  expect(row).toMatchObject({ credits: 20, acceptedTotal: 20, sentTotal: 0 })
})

test('accepts racing sends: each user ends with credits = accepted - sent and one send per credit', async () => {
  const users = Array.from({ length: 8 }, (_, index) => `o_ledger_race_${index}`)
  const now = daytime(0)
  await env.cloud.store.insertMany(
    COLLECTIONS.subscriptions,
    users.map((openid) => ({
      ...emptySubscription(openid, 'refill_reminder', now),
      credits: 2,
      acceptedTotal: 2,
    })),
  )
  // Five messages each (the daily cap), two more accepts each while four drains run at once.
  await queueDirect(
    users.flatMap((openid) => [0, 1, 2, 3, 4].map((index) => refillDraft(openid, index))),
    now,
  )
  await Promise.all([
    ...users.map((openid) => grant(openid, 'refill_reminder', 2)),
    drain(),
    drain(),
    drain(),
    drain(),
  ])
  await drain() // rows held before an accept landed stay held; pending ones finish here
  const delivered = (await env.cloud.inbox.list()).filter((message) => message.errcode === 0)
  for (const openid of users) {
    const rows = await outbox({ toOpenid: openid })
    const sent = rows.filter((row) => row.status === 'sent').length
    expect(rows.every((row) => ['sent', 'held'].includes(row.status))).toBe(true)
    expect(delivered.filter((message) => message.touser === openid)).toHaveLength(sent)
    const [ledger] = await env.cloud.store.find(COLLECTIONS.subscriptions, {
      ownerOpenid: openid,
      purpose: 'refill_reminder',
    })
    expect(ledger.acceptedTotal).toBe(4)
    expect(ledger.sentTotal).toBe(sent)
    expect(ledger.credits).toBe(4 - sent)
    expect(ledger.credits).toBeGreaterThanOrEqual(0)
  }
})

test('reject, ban and "always" are recorded; refused kinds are flagged, the main switch kept', async () => {
  const user = 'o_ledger_choices'
  const reply = await call(
    'authorize',
    {
      results: [
        { purpose: 'order_confirmed', result: 'accept' },
        { purpose: 'production_started', result: 'reject' },
        { purpose: 'shipped', result: 'ban' },
      ],
      always: [
        { purpose: 'order_confirmed', setting: 'accept' },
        { purpose: 'production_started', setting: 'reject' },
      ],
      mainSwitch: true,
    },
    user,
  )
  expect(reply.ok).toBe(true)
  const byPurpose = Object.fromEntries(
    reply.data.items.map((item: { purpose: string }) => [item.purpose, item]),
  )
  expect(byPurpose.order_confirmed).toMatchObject({
    credits: 1,
    always: 'accept',
    refused: false,
    enabled: true,
  })
  expect(byPurpose.production_started).toMatchObject({
    credits: 0,
    always: 'reject',
    refused: true,
  })
  expect(byPurpose.shipped).toMatchObject({ credits: 0, refused: true })
  expect(byPurpose.delivered).toMatchObject({ credits: 0, refused: false, title: '签收通知' })
  expect(reply.data).toMatchObject({ mainSwitch: true, quietHoursOptIn: false, dailyCap: 5 })

  const off = await call('setPreference', { purpose: 'order_confirmed', enabled: false }, user)
  expect(off.data.items[0]).toMatchObject({
    purpose: 'order_confirmed',
    enabled: false,
    credits: 1,
  })
})

test.each([
  [{ results: [{ purpose: 'nope', result: 'accept' }] }],
  [{ results: [{ purpose: 'shipped', result: 'accept' }], openid: 'o_someone_else' }],
  [
    {
      results: [
        { purpose: 'shipped', result: 'accept' },
        { purpose: 'shipped', result: 'accept' },
      ],
    },
  ],
  [{ results: [{ purpose: 'shipped', result: 'maybe' }] }],
])('authorize refuses %j and writes nothing', async (payload) => {
  const before = await env.cloud.store.count(COLLECTIONS.subscriptions)
  expect(await call('authorize', payload, 'o_ledger_bad')).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  })
  expect(await env.cloud.store.count(COLLECTIONS.subscriptions)).toBe(before)
})

test('anonymous callers and mixed preference payloads are refused', async () => {
  expect(await call('settings', {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  expect(
    await call(
      'setPreference',
      { purpose: 'shipped', enabled: true, quietHoursOptIn: true },
      'o_x',
    ),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  expect(await call('inbox', { limit: 500 }, 'o_x')).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  })
})

test('each message action makes the documented number of database calls', async () => {
  const counted = async (action: string, payload: unknown, openid: string) =>
    (await env.cloud.invokeCounted(FUNCTIONS.message, { action, payload }, openid)).roundTrips
  const user = 'o_ledger_trips'
  const trips = {
    'message.authorize (3 purposes)': await counted(
      'authorize',
      {
        results: [
          { purpose: 'order_confirmed', result: 'accept' },
          { purpose: 'shipped', result: 'accept' },
          { purpose: 'delivered', result: 'reject' },
        ],
      },
      user,
    ),
    'message.settings': await counted('settings', {}, user),
    'message.setPreference': await counted('setPreference', { quietHoursOptIn: true }, user),
    'message.inbox': await counted('inbox', {}, user),
    'message.deadLetters': await counted('deadLetters', {}, merchant),
  }
  expect(trips).toEqual({
    'message.authorize (3 purposes)': 9,
    'message.settings': 1,
    'message.setPreference': 5,
    'message.inbox': 1,
    'message.deadLetters': 2,
  })
})
