// Sending through the real SDK and the local cloud's inbox: a state change sends its message
// right after the commit with formatted fields and a credit spent; every WeChat error code the
// issue names, injected with inbox.failNext, ends where the design says; quiet hours, the
// daily cap, switches, interrupted sends and the merchant's dead-letter list.
import { newOutboxRecord } from '@/domain/message-drafts'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { UNCERTAIN_REASON } from '@/cloud/notifier'
import { consumerA, merchant, useDemoCloud } from '../helpers/demo-cloud'
import { makeClient } from './order-helpers'
import { DAY, MINUTE, daytime, messageClient, night, refillDraft } from './message-helpers'

const env = useDemoCloud()
const orders = makeClient(env)
const { call, outbox, drain, grant, creditsOf, queueDirect } = messageClient(env)
const NETWORK_FAILURE = -1

// Each test on its own China day, so the daily cap of one never reaches into the next.
let testDay = 0
let DAYTIME: Date
/** A customer of this test only: a clean ledger, inbox and daily count. */
let customer: string
beforeEach(async () => {
  testDay += 1
  customer = `o_msg_customer_${testDay}`
  DAYTIME = daytime(testDay)
  env.cloud.clock.set(DAYTIME)
  env.cloud.inbox.failNext(0, 0)
  await env.cloud.inbox.clear()
})
afterAll(() => env.cloud.clock.set(null))

async function confirmedOrder() {
  const order = await orders.create(customer)
  const reply = await orders.act(merchant, order._id, 'confirm')
  if (!reply.ok) throw new Error(JSON.stringify(reply))
  const [row] = await outbox({ orderId: order._id, purpose: 'order_confirmed' })
  return { order: reply.data.order, row }
}

test('a confirmed order is sent right after the commit, formatted, with one credit spent', async () => {
  await grant(customer, 'order_confirmed', 2)
  const { order, row } = await confirmedOrder()
  expect(row).toMatchObject({ status: 'sent', attempts: 1, creditSpent: true, errcode: 0 })
  const [sent] = await env.cloud.inbox.list()
  expect(sent).toMatchObject({
    touser: customer,
    templateId: 'DEV_TEMPLATE_ORDER_CONFIRMED',
    // The page carries the row's id, so opening it can be counted (message.opened).
    page: `pages/order/index?id=${order._id}&mid=${row._id}`,
    miniprogramState: 'developer',
    fn: FUNCTIONS.order,
    errcode: 0,
  })
  const [year, month, day] = order.eta.split('-').map(Number)
  expect(sent.data).toEqual({
    character_string1: { value: order.orderNo },
    thing2: { value: order.productSnapshot.name },
    phrase3: { value: '已确认' },
    amount4: { value: `¥${(order.quote.priceFen / 100).toFixed(2)}` },
    date5: { value: `${year}年${month}月${day}日` },
  })
  expect(await creditsOf(customer, 'order_confirmed')).toBe(1)
})

test('WeChat confirming the payment sends 支付成功 once, with the amount paid', async () => {
  await grant(customer, 'payment_succeeded', 2)
  const order = await orders.create(customer)
  expect(order.payment).toMatchObject({ state: 'paid' })
  const [row] = await outbox({ orderId: order._id, purpose: 'payment_succeeded' })
  expect(row).toMatchObject({ status: 'sent', attempts: 1, creditSpent: true })
  const [receipt] = await env.cloud.inbox.list()
  expect(receipt).toMatchObject({
    touser: customer,
    templateId: 'DEV_TEMPLATE_PAYMENT_SUCCEEDED',
    page: `pages/order/index?id=${order._id}&mid=${row._id}`,
    fn: FUNCTIONS.payment,
    data: {
      character_string1: { value: order.orderNo },
      amount3: { value: `¥${(order.payment.amountFen / 100).toFixed(2)}` },
    },
  })
  expect(await env.cloud.inbox.list()).toHaveLength(1)
  expect(await creditsOf(customer, 'payment_succeeded')).toBe(1)
})

test('without a credit the message is held and listed in-app for the order', async () => {
  const { order, row } = await confirmedOrder()
  expect(row.status).toBe('held')
  expect(await env.cloud.inbox.list()).toEqual([])
  const listed = await call('inbox', { orderId: order._id }, customer)
  expect(listed.data.items).toEqual([
    expect.objectContaining({
      id: row._id,
      purpose: 'order_confirmed',
      title: '订单确认通知',
      status: 'held',
      holdReason: 'no_credit',
      page: `pages/order/index?id=${order._id}`,
      lines: expect.arrayContaining([{ label: '订单状态', value: '已确认' }]),
    }),
    // The payment before it: its receipt, held too, with the amount paid.
    expect.objectContaining({
      purpose: 'payment_succeeded',
      title: '支付成功通知',
      status: 'held',
      lines: expect.arrayContaining([{ label: '支付金额', value: '¥549.00' }]),
    }),
  ])
  // Someone else's inbox never shows it.
  expect((await call('inbox', { orderId: order._id }, consumerA)).data.items).toEqual([])
})

test('43101: the credit is gone (ledger 0), the message is held and not retried', async () => {
  await grant(customer, 'order_confirmed', 3)
  env.cloud.inbox.failNext(43101)
  const { row } = await confirmedOrder()
  expect(row).toMatchObject({
    status: 'held',
    errcode: 43101,
    attempts: 1,
    holdReason: 'no_credit',
  })
  expect(await creditsOf(customer, 'order_confirmed')).toBe(0)
  env.cloud.clock.set(new Date(DAYTIME.getTime() + 60 * MINUTE))
  await drain()
  expect((await env.cloud.inbox.list()).map((m) => m.errcode)).toEqual([43101])
})

test.each([
  [45009, 'reach max api daily quota'],
  [NETWORK_FAILURE, 'network'],
  [-501001, 'platform'],
])('%s (%s): retried with backoff, the credit spent once', async (errcode) => {
  await grant(customer, 'order_confirmed', 2)
  env.cloud.inbox.failNext(errcode, 2)
  const { row } = await confirmedOrder()
  // A dropped reply reaches the function as an SDK error, not WeChat's code.
  expect(row).toMatchObject({
    status: 'retry',
    attempts: 1,
    errcode: errcode > 0 ? errcode : expect.any(Number),
  })
  expect(await creditsOf(customer, 'order_confirmed')).toBe(1)
  // Not due yet: the timer leaves it alone.
  await drain()
  expect((await outbox({ _id: row._id }))[0].attempts).toBe(1)
  env.cloud.clock.set(new Date(row.nextAttemptAt.getTime() + 1000))
  await drain()
  const [second] = await outbox({ _id: row._id })
  expect(second).toMatchObject({ status: 'retry', attempts: 2 })
  expect(second.nextAttemptAt.getTime() - row.nextAttemptAt.getTime()).toBeGreaterThan(MINUTE)
  env.cloud.clock.set(new Date(second.nextAttemptAt.getTime() + 1000))
  await drain()
  expect((await outbox({ _id: row._id }))[0]).toMatchObject({ status: 'sent', attempts: 3 })
  expect((await env.cloud.inbox.list()).map((m) => m.errcode)).toEqual([errcode, errcode, 0])
  expect(await creditsOf(customer, 'order_confirmed')).toBe(1)
})

test.each([47003, 40003, 41030, 40037])(
  '%s: dead letter with the reason, credit returned, visible to the merchant only',
  async (errcode) => {
    await grant(customer, 'order_confirmed')
    env.cloud.inbox.failNext(errcode)
    const { order, row } = await confirmedOrder()
    expect(row).toMatchObject({
      status: 'dead',
      errcode,
      reason: expect.stringContaining(`${errcode}`),
    })
    expect(await creditsOf(customer, 'order_confirmed')).toBe(1)
    const letters = await call('deadLetters', {}, merchant)
    expect(letters.data.items[0]).toMatchObject({
      id: row._id,
      orderNo: order.orderNo,
      errcode,
      attempts: 1,
      reason: row.reason,
      to: expect.stringMatching(/\*\*\*/),
    })
    expect(letters.data.items[0].to).not.toBe(customer)
    expect(await call('deadLetters', {}, customer)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // Dead letters are not retried.
    env.cloud.clock.set(new Date(DAYTIME.getTime() + DAY))
    await drain()
    expect(await env.cloud.inbox.list()).toHaveLength(1)
  },
)

test('quiet hours defer to 08:00 China time; an opted-in user gets it at night', async () => {
  await grant(customer, 'refill_reminder', 2)
  const NIGHT = night(testDay)
  env.cloud.clock.set(NIGHT)
  await queueDirect([refillDraft(customer, 1)], NIGHT)
  expect((await drain()).data).toMatchObject({ deferred: 1, sent: 0 })
  const [row] = await outbox({ key: refillDraft(customer, 1).key })
  expect(row.status).toBe('pending')
  // 08:00 China time the next morning.
  const morning = new Date(DAYTIME.getTime() + DAY - 3 * 60 * MINUTE)
  expect(row.nextAttemptAt.toISOString()).toBe(morning.toISOString())
  env.cloud.clock.set(new Date(morning.getTime() - 1000))
  expect((await drain()).data).toMatchObject({ sent: 0 })
  env.cloud.clock.set(new Date(morning.getTime() + 5000))
  expect((await drain()).data).toMatchObject({ sent: 1 })

  await call('setPreference', { quietHoursOptIn: true }, customer)
  env.cloud.clock.set(new Date(NIGHT.getTime() + DAY))
  await queueDirect([refillDraft(customer, 2)], new Date(NIGHT.getTime() + DAY))
  expect((await drain()).data).toMatchObject({ sent: 1, deferred: 0 })
})

test('a kind switched off is held even with credits; the daily cap holds the rest', async () => {
  await grant(customer, 'appointment_reminder', 1)
  await call('setPreference', { purpose: 'appointment_reminder', enabled: false }, customer)
  await queueDirect(
    [
      {
        purpose: 'appointment_reminder',
        toOpenid: customer,
        key: 'test:appointment:off',
        page: 'pages/appointment/index',
        values: { subject: '设计师量体预约', startAt: DAYTIME, tip: '请准时到店' },
      },
    ],
    DAYTIME,
  )
  await drain()
  expect((await outbox({ key: 'test:appointment:off' }))[0]).toMatchObject({
    status: 'held',
    reason: expect.stringContaining('关闭'),
    holdReason: 'disabled',
  })
  expect(await creditsOf(customer, 'appointment_reminder')).toBe(1)

  const day = new Date(DAYTIME.getTime() + 2 * DAY)
  env.cloud.clock.set(day)
  await grant(customer, 'refill_reminder', 10)
  const drafts = Array.from({ length: 7 }, (_, index) => refillDraft(customer, 100 + index))
  await queueDirect(drafts, day)
  await drain()
  const rows = await outbox({ purpose: 'refill_reminder', toOpenid: customer })
  const statuses = rows.map((row) => row.status).sort()
  expect(statuses).toEqual(['held', 'held', 'sent', 'sent', 'sent', 'sent', 'sent'])
  expect(rows.find((row) => row.status === 'held')?.reason).toContain('上限')
  expect(rows.filter((row) => row.status === 'held').map((row) => row.holdReason)).toEqual([
    'daily_cap',
    'daily_cap',
  ])
  // The customer's list tells each reason apart.
  const listed = await call('inbox', { limit: 20 }, customer)
  const reasons = listed.data.items.map((item: { holdReason: string | null }) => item.holdReason)
  expect(reasons).toEqual(expect.arrayContaining(['disabled', 'daily_cap', null]))
})

test('the main switch off holds every kind, even with credits, and says so', async () => {
  await grant(customer, 'refill_reminder', 2)
  await call('authorize', { results: [], mainSwitch: false }, customer)
  const draft = refillDraft(customer, 500)
  await queueDirect([draft], DAYTIME)
  await drain()
  expect((await outbox({ key: draft.key }))[0]).toMatchObject({
    status: 'held',
    holdReason: 'main_off',
    reason: expect.stringContaining('总开关'),
  })
  expect(await creditsOf(customer, 'refill_reminder')).toBe(2)
  const listed = await call('inbox', {}, customer)
  expect(listed.data.items[0]).toMatchObject({ status: 'held', holdReason: 'main_off' })
})

test('a send interrupted after the claim is never resent blindly: held as unknown, still in-app', async () => {
  await grant(customer, 'refill_reminder', 1)
  const at = DAYTIME
  const draft = refillDraft(customer, 999)
  // The state a crash leaves: claimed (credit spent, lease set), no outcome recorded.
  await env.cloud.store.insertMany(COLLECTIONS.notificationQueue, [
    {
      ...newOutboxRecord(draft, at),
      status: 'sending',
      attempts: 1,
      creditSpent: true,
      claimId: 'crashed-run',
      nextAttemptAt: new Date(at.getTime() + MINUTE),
    },
  ])
  await drain()
  expect((await outbox({ key: draft.key }))[0].status).toBe('sending')
  env.cloud.clock.set(new Date(at.getTime() + 2 * MINUTE))
  expect((await drain()).data).toMatchObject({ uncertain: 1 })
  const [row] = await outbox({ key: draft.key })
  expect(row).toMatchObject({
    status: 'held',
    uncertain: true,
    reason: UNCERTAIN_REASON,
    holdReason: 'interrupted',
  })
  expect(await env.cloud.inbox.list()).toEqual([])
  const listed = await call('inbox', {}, customer)
  expect(listed.data.items.map((item: { id: string }) => item.id)).toContain(row._id)
})

test('the in-app list pages newest first with a cursor, never repeating a message', async () => {
  const times = [0, 1, 2].map((index) => new Date(DAYTIME.getTime() + index * MINUTE))
  for (const [index, at] of times.entries())
    await queueDirect([refillDraft(customer, 500 + index)], at)
  const first = await call('inbox', { limit: 2 }, customer)
  expect(
    first.data.items.map((item: { lines: { value: string }[] }) => item.lines[0].value),
  ).toEqual(['测试滤芯 502', '测试滤芯 501'])
  expect(first.data.nextCursor).toEqual(expect.any(String))
  const second = await call('inbox', { limit: 2, cursor: first.data.nextCursor }, customer)
  expect(
    second.data.items.map((item: { lines: { value: string }[] }) => item.lines[0].value),
  ).toEqual(['测试滤芯 500'])
  expect(second.data.nextCursor).toBeNull()
  // Well-shaped but not a time: refused as input, not failing inside the query (INTERNAL).
  for (const cursor of ['not a cursor', 'abc|x', '2026-13-45T99:00|x'])
    expect(await call('inbox', { cursor }, customer)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  expect(await call('deadLetters', { cursor: 'abc|x' }, merchant)).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  })
})
