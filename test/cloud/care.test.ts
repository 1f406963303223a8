// Care reminders (issue 20) through the real SDK with the local cloud's clock: a delivered
// curtain schedules one care task due 180 days later; the refill function's timer queues exactly
// one reminder once it is due (held in-app without a credit, sent with one); 暂不需要 moves it to
// the next wash, 停止 ends the order's plan, a wash left unanswered comes back at the next one;
// a second delivery of the same order (a remake) makes no second task and does not restart a
// stopped plan.
import { careReminderKeyOf, scheduleCare, type CareTaskRecord } from '@/domain/care'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { callerFor, consumerA, consumerB, merchant, useDemoCloud } from '../helpers/demo-cloud'
import { chinaDaytimeToday } from '../helpers/local-cloud'
import { curtainSelection, makeClient, rid } from './order-helpers'

const env = useDemoCloud()
const orders = makeClient(env)
const refill = callerFor(env, FUNCTIONS.refill)
const message = callerFor(env, FUNCTIONS.message)
const DAY = 24 * 60 * 60 * 1000
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fire = () => env.cloud.fireTimer('refill') as Promise<{ ok: boolean; data: any }>
const tasksOf = (query: object) =>
  env.cloud.store.find(COLLECTIONS.careTasks, query) as Promise<CareTaskRecord[]>
const careMessagesTo = (toOpenid: string) =>
  env.cloud.store.find(COLLECTIONS.notificationQueue, { purpose: 'care', toOpenid })
const at = (ms: number) => env.cloud.clock.set(new Date(ms))

afterAll(() => env.cloud.clock.set(null))

/** A paid curtain of `openid`, walked to shipped; delivering it is left to the caller. */
async function shippedCurtain(openid: string): Promise<string> {
  const order = await orders.create(openid, {
    productId: 'prod_curtain',
    selection: curtainSelection(),
  })
  await orders.walk(order._id, [
    [merchant, 'confirm'],
    [merchant, 'purchase_materials'],
    [merchant, 'start_production'],
    [merchant, 'start_quality_check'],
    [merchant, 'ship', { carrier: '顺丰速运', trackingNo: `SF${Date.now()}` }],
  ])
  return order._id
}

/** A refill-function call as `openid` with its database round trips (docs/actions.md). */
async function counted(action: string, payload: object, openid: string) {
  const { result, roundTrips } = await env.cloud.invokeCounted(
    FUNCTIONS.refill,
    { action, payload },
    openid,
  )
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { result: result as { ok: boolean; data: any }, roundTrips }
}

/** Delivers, counting the delivery's database round trips. */
async function deliver(orderId: string): Promise<number> {
  const event = { action: 'act', payload: { orderId, event: 'deliver' } }
  const { result, roundTrips } = await env.cloud.invokeCounted(FUNCTIONS.order, event, merchant)
  expect(result).toMatchObject({ ok: true })
  return roundTrips
}

let deliveredAt: number
let orderId: string

test('a delivered curtain schedules one care task, due 180 days later', async () => {
  // Delivered at 11:00 China time (the clock runs on from there), so every occurrence falls
  // outside quiet hours.
  const clockSetAt = chinaDaytimeToday().getTime()
  at(clockSetAt)
  orderId = await shippedCurtain(consumerA)
  const trips = await deliver(orderId)
  // The delivery's transaction reads the product, then each step's task (absent) and writes it.
  expect(trips).toBe(DELIVER_TRIPS)
  const [task, ...more] = await tasksOf({ orderId })
  expect(more).toEqual([])
  deliveredAt = task.deliveredAt.getTime()
  expect(deliveredAt - clockSetAt).toBeLessThan(60_000)
  expect(task).toMatchObject({
    _id: `${orderId}_wash`,
    ownerOpenid: consumerA,
    productName: '全遮光定制窗帘',
    status: 'active',
    everyDays: 180,
    dueAt: new Date(deliveredAt + 180 * DAY),
  })
  const { result: listed, roundTrips: listTrips } = await counted(
    'careTasks',
    { orderId },
    consumerA,
  )
  expect(listTrips).toBe(1)
  expect(listed.data.tasks).toEqual([
    expect.objectContaining({ id: task._id, status: 'active', dueAt: task.dueAt.toISOString() }),
  ])
  // Another customer naming the order sees nothing of it.
  expect((await refill('careTasks', { orderId }, consumerB)).data.tasks).toEqual([])
})

test('the timer reminds nothing before the date, then exactly one reminder, held in-app without a credit', async () => {
  at(deliveredAt + 179 * DAY)
  expect(await fire()).toMatchObject({ ok: true, data: { care: { queued: 0, finished: true } } })
  expect(await careMessagesTo(consumerA)).toEqual([])

  at(deliveredAt + 180 * DAY + 60_000)
  expect(await fire()).toMatchObject({
    ok: true,
    data: { care: { read: 1, queued: 1, marked: 1 } },
  })
  expect(await fire()).toMatchObject({ ok: true, data: { care: { read: 0, queued: 0 } } })
  const [row, ...more] = await careMessagesTo(consumerA)
  expect(more).toEqual([])
  expect(row).toMatchObject({
    page: `service/pages/care/index?orderId=${orderId}`,
    orderId,
    status: 'held',
    holdReason: 'no_credit',
    values: { productName: '全遮光定制窗帘', task: '清洗窗帘，晾干后再挂回' },
  })
  expect((await env.cloud.inbox.list()).filter((m) => m.touser === consumerA)).toEqual([])
  const inbox = await message('inbox', { orderId }, consumerA)
  expect(inbox.data.items).toContainEqual(
    expect.objectContaining({ id: row._id, purpose: 'care', title: '保养提醒', status: 'held' }),
  )
  const [task] = await tasksOf({ orderId })
  expect(task).toMatchObject({ status: 'reminded', lastReminderAt: expect.any(Date) })
  expect(task).not.toHaveProperty('reminderClaim')
})

test('暂不需要 moves the task to the next wash, which is reminded once in its turn', async () => {
  at(deliveredAt + 181 * DAY)
  const [task] = await tasksOf({ orderId })
  const { result: snoozed, roundTrips } = await counted(
    'snoozeCare',
    { taskId: task._id },
    consumerA,
  )
  // A transaction (start, get, set, commit), then the order's tasks.
  expect(roundTrips).toBe(5)
  expect(snoozed.data.tasks).toEqual([
    expect.objectContaining({
      status: 'active',
      dueAt: new Date(deliveredAt + 360 * DAY).toISOString(),
    }),
  ])
  at(deliveredAt + 359 * DAY)
  expect(await fire()).toMatchObject({ ok: true, data: { care: { queued: 0 } } })
  at(deliveredAt + 360 * DAY + 60_000)
  expect(await fire()).toMatchObject({ ok: true, data: { care: { queued: 1 } } })
  expect(await careMessagesTo(consumerA)).toHaveLength(2)
  // Someone else's answer to the task is refused and changes nothing.
  const before = await tasksOf({ orderId })
  expect(await refill('snoozeCare', { taskId: task._id }, consumerB)).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  })
  expect(await refill('stopCare', { orderId }, consumerB)).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  })
  expect(await tasksOf({ orderId })).toEqual(before)
})

test('停止 ends the plan: nothing comes due again, and 暂不需要 no longer applies', async () => {
  const { result: stopped, roundTrips } = await counted('stopCare', { orderId }, consumerA)
  // One conditional bulk update, then the order's tasks.
  expect(roundTrips).toBe(2)
  expect(stopped.data.tasks).toEqual([expect.objectContaining({ status: 'stopped' })])
  for (const day of [540, 720, 1080]) {
    at(deliveredAt + day * DAY + 60_000)
    expect(await fire()).toMatchObject({ ok: true, data: { care: { read: 0, queued: 0 } } })
  }
  const [task] = await tasksOf({ orderId })
  expect(await refill('snoozeCare', { taskId: task._id }, consumerA)).toMatchObject({
    ok: false,
    code: 'CARE_STOPPED',
  })
  expect(await careMessagesTo(consumerA)).toHaveLength(2)
})

test('a second delivery of the same order (a remake) makes no second task and keeps its answers', async () => {
  env.cloud.clock.set(null)
  const now = chinaDaytimeToday().getTime()
  at(now)
  const id = await shippedCurtain(consumerB)
  await deliver(id)
  await refill('stopCare', { orderId: id }, consumerB)
  const before = await tasksOf({ orderId: id })

  const asked = await orders.call(
    'requestAfterSales',
    { orderId: id, requestId: rid('care'), kind: 'remake', reason: '尺寸不合适', note: '短了' },
    consumerB,
  )
  expect(asked).toMatchObject({ ok: true })
  const merchantCall = callerFor(env, FUNCTIONS.merchant)
  const decided = await merchantCall(
    'decideAfterSales',
    { afterSalesId: asked.data.request._id, decision: 'accept', plan: '按新尺寸重做', days: 5 },
    merchant,
  )
  expect(decided).toMatchObject({ ok: true })
  at(now + 10 * DAY)
  await orders.walk(id, [
    [merchant, 'start_quality_check'],
    [merchant, 'ship', { carrier: '顺丰速运', trackingNo: `SF${Date.now()}` }],
  ])
  await deliver(id)
  expect(await tasksOf({ orderId: id })).toEqual(before)
})

test('with a credit the reminder reaches WeChat and opens the care page', async () => {
  const granted = await message(
    'authorize',
    { results: [{ purpose: 'care', result: 'accept' }] },
    consumerB,
  )
  expect(granted.ok).toBe(true)
  env.cloud.clock.set(null)
  const now = chinaDaytimeToday().getTime()
  at(now)
  const id = await shippedCurtain(consumerB)
  await deliver(id)
  at(now + 180 * DAY + 60_000)
  expect(await fire()).toMatchObject({ ok: true, data: { care: { queued: 1 }, sent: { sent: 1 } } })
  const sent = (await env.cloud.inbox.list()).filter((m) => m.touser === consumerB)
  expect(sent).toHaveLength(1)
  const [row] = (await careMessagesTo(consumerB)).filter((m) => m.orderId === id)
  expect(sent[0]).toMatchObject({
    page: `service/pages/care/index?orderId=${id}&mid=${row._id}`,
    errcode: 0,
  })
  expect(Object.values(sent[0].data).map((field) => field.value)).toContain(
    '清洗窗帘，晾干后再挂回',
  )
})

/** A stored curtain wash task of `openid`, first due at `dueAt` (for timer set-ups). */
function makeTask(openid: string, dueAt: Date, overrides: Partial<CareTaskRecord> = {}) {
  const [task] = scheduleCare(
    [{ key: 'wash', title: '清洗窗帘', firstAfterDays: 180, everyDays: 180 }],
    {
      orderId: `order_${openid}`,
      orderNo: `NO_${openid}`,
      ownerOpenid: openid,
      productId: 'prod_curtain',
      productName: '全遮光定制窗帘',
      deliveredAt: new Date(dueAt.getTime() - 180 * DAY),
    },
  )
  return { ...task, ...overrides }
}

test('more due than one batch, two runs at once: each due task queued and marked exactly once', async () => {
  env.cloud.clock.set(null)
  const now = Date.now()
  const tied = new Date(now - DAY)
  // 250 due, 120 of them at one instant (the cursor orders ties by id); 50 future; 50 stopped.
  const due = Array.from({ length: 250 }, (_, i) =>
    makeTask(`o_care_${String(i).padStart(3, '0')}`, i < 120 ? tied : new Date(tied.getTime() + i)),
  )
  const future = Array.from({ length: 50 }, (_, i) => makeTask(`o_care_f${i}`, new Date(now + DAY)))
  const stopped = Array.from({ length: 50 }, (_, i) =>
    makeTask(`o_care_s${i}`, tied, { status: 'stopped' }),
  )
  await env.cloud.store.insertMany(COLLECTIONS.careTasks, [...due, ...future, ...stopped])
  const runs = await Promise.all([fire(), fire()])
  expect(runs.every((run) => run.ok)).toBe(true)
  expect(runs.reduce((sum, run) => sum + run.data.care.queued, 0)).toBe(250)
  expect(runs.reduce((sum, run) => sum + run.data.care.marked, 0)).toBe(250)
  expect(await fire()).toMatchObject({ ok: true, data: { care: { queued: 0, finished: true } } })
  const rows = (await env.cloud.store.find(COLLECTIONS.notificationQueue, {
    purpose: 'care',
  })) as Array<{ key: string; toOpenid: string }>
  const owners = new Set([...due, ...future, ...stopped].map((task) => task.ownerOpenid))
  const keys = rows.filter((row) => owners.has(row.toOpenid)).map((row) => row.key)
  expect(keys.sort()).toEqual(due.map(careReminderKeyOf).sort())
  const stored = await tasksOf({ _id: { $in: due.map((task) => task._id) } })
  expect(stored.every((task) => task.status === 'reminded' && !task.reminderClaim)).toBe(true)
}, 120_000)

test('a wash left unanswered comes back at the next wash, once, even with two runs at once', async () => {
  env.cloud.clock.set(null)
  const now = Date.now()
  const task = makeTask('o_care_unanswered', new Date(now - 60_000))
  await env.cloud.store.insertMany(COLLECTIONS.careTasks, [task])
  const mine = async () =>
    (await careMessagesTo('o_care_unanswered')).map((row: { key: string }) => row.key).sort()
  expect(await fire()).toMatchObject({ ok: true, data: { care: { queued: 1 } } })
  const repeatAt = task.repeatAt!.getTime()
  expect(repeatAt).toBe(task.dueAt.getTime() + 180 * DAY)

  // Other tasks of this file may come back too: count this customer's messages only.
  at(repeatAt - DAY)
  await fire()
  expect(await mine()).toHaveLength(1)
  at(repeatAt + 60_000)
  const runs = await Promise.all([fire(), fire()])
  expect(runs.every((run) => run.ok)).toBe(true)
  await fire()
  const [stored] = await tasksOf({ _id: task._id })
  expect(stored).toMatchObject({
    status: 'reminded',
    dueAt: new Date(repeatAt),
    repeatAt: new Date(repeatAt + 180 * DAY),
  })
  expect(await mine()).toEqual(
    [
      careReminderKeyOf(task),
      careReminderKeyOf({ _id: task._id, dueAt: new Date(repeatAt) }),
    ].sort(),
  )
}, 60_000)

/**
 * The delivery transition of a curtain (with its order counter): see docs/actions.md (order.act, deliver). Its message is
 * claimed in the transaction (held here), so nothing claims it after the commit; the order is
 * also read once beside the transaction's start (order.act's early read, for the claim's reads).
 */
const DELIVER_TRIPS = 15
