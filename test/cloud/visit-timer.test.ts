// The visit function's timer (issue 18): the evening before, a scheduled visit gets one 预约提醒
// in the outbox however often the timer runs; half an hour after its window, a visit nobody
// arrived at is missed and its slot claims are freed (and the customer cannot book that service
// again), while a later visit that day is untouched;
// claims more than 30 days old are removed.
import { addDays, type ChinaDate } from '@/domain/china-date'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { visitReminderKeyOf } from '@/domain/visit-reminder'
import type { VisitRecord } from '@/domain/visit-types'
import { weekdayAhead } from '../helpers/visit-days'
import { callerFor, consumerA, merchant, useDemoCloud } from '../helpers/demo-cloud'
import { curtainSelection, makeClient, rid } from './order-helpers'

const env = useDemoCloud()
const visit = callerFor(env, FUNCTIONS.visit)
afterEach(() => env.cloud.clock.set(null))

const at = (date: ChinaDate, time: string) => new Date(`${date}T${time}:00+08:00`)

async function booked(day: ChinaDate, time: string): Promise<VisitRecord> {
  const order = await makeClient(env).create(consumerA, {
    productId: 'prod_curtain',
    selection: curtainSelection(),
  })
  const start = at(day, time).toISOString()
  const answer = await visit(
    'book',
    { orderId: order._id, kind: 'measuring', start, requestId: rid('visit') },
    consumerA,
  )
  expect(answer).toMatchObject({ ok: true, data: { assigned: true } })
  return stored(answer.data.visit.id)
}
const stored = async (id: string) =>
  ((await env.cloud.store.find(COLLECTIONS.visits, { _id: id })) as VisitRecord[])[0]
const reminders = (visitRow: VisitRecord) =>
  env.cloud.store.find(COLLECTIONS.notificationQueue, {
    purpose: 'appointment_reminder',
    key: visitReminderKeyOf(visitRow),
  })

test('the evening before: one 预约提醒 per scheduled visit, however often the timer runs', async () => {
  const day = weekdayAhead(7)
  const morning = await booked(day, '09:00')
  env.cloud.clock.set(at(addDays(day, -2), '20:00'))
  await env.cloud.fireTimer(FUNCTIONS.visit)
  expect(await reminders(morning)).toEqual([])

  env.cloud.clock.set(at(addDays(day, -1), '20:00'))
  for (let run = 0; run < 3; run += 1)
    expect(await env.cloud.fireTimer(FUNCTIONS.visit)).toMatchObject({ ok: true })
  const [reminder, ...more] = await reminders(morning)
  expect(more).toEqual([])
  expect(reminder).toMatchObject({
    toOpenid: consumerA,
    page: `pages/order/index?id=${morning.orderId}`,
    values: { subject: '上门测量 · 全遮光定制窗帘', tip: '明天张师傅上门，请留人在家' },
  })
})

test('half an hour after its window a visit nobody reached is missed and frees its slot', async () => {
  const day = weekdayAhead(14)
  const morning = await booked(day, '10:00')
  const evening = await booked(day, '15:00')
  expect(await env.cloud.store.find(COLLECTIONS.slotClaims, { visitId: morning._id })).not.toEqual(
    [],
  )
  // Window 10:00–12:00, grace not yet over (this run also ends the other test's older visit).
  env.cloud.clock.set(at(day, '12:20'))
  expect(await env.cloud.fireTimer(FUNCTIONS.visit)).toMatchObject({ ok: true })
  expect((await stored(morning._id)).node).toBe('scheduled')

  env.cloud.clock.set(at(day, '12:31'))
  expect(await env.cloud.fireTimer(FUNCTIONS.visit)).toMatchObject({ data: { missed: 1 } })
  expect((await stored(morning._id)).node).toBe('missed')
  expect((await stored(evening._id)).node).toBe('scheduled')
  expect(await env.cloud.store.find(COLLECTIONS.slotClaims, { visitId: morning._id })).toEqual([])
  const audit = await env.cloud.store.find(COLLECTIONS.visitAudit, {
    visitId: morning._id,
    event: 'mark_missed',
  })
  expect(audit).toHaveLength(1)
  expect(await env.cloud.fireTimer(FUNCTIONS.visit)).toMatchObject({ data: { missed: 0 } })

  // The shop books a missed visit again (the state table), so the customer cannot book that
  // service a second time: the order would hold two.
  const again = await visit(
    'book',
    {
      orderId: morning.orderId,
      kind: 'measuring',
      start: at(addDays(day, 2), '10:00').toISOString(),
      requestId: rid('visit'),
    },
    consumerA,
  )
  expect(again).toMatchObject({ ok: false, code: 'VISIT_BOOKED' })
  expect(await env.cloud.store.find(COLLECTIONS.visits, { orderId: morning.orderId })).toHaveLength(
    1,
  )
})

test('slot claims of windows more than 30 days past are removed, newer ones kept', async () => {
  // A done visit keeps its claims; these stand for two such visits, 31 and 29 days ago.
  const now = at(weekdayAhead(21), '12:00')
  const claim = (id: string, daysAgo: number) => ({
    _id: `staff_old__${id}`,
    staffId: 'staff_old',
    visitId: `visit_old_${id}`,
    start: new Date(now.getTime() - daysAgo * 24 * 60 * 60 * 1000),
  })
  await env.cloud.store.insertMany(COLLECTIONS.slotClaims, [claim('a', 31), claim('b', 29)])
  const left = async () =>
    (
      (await env.cloud.store.find(COLLECTIONS.slotClaims, { staffId: 'staff_old' })) as {
        _id: string
      }[]
    ).map((row) => row._id)
  env.cloud.clock.set(now)
  expect(await env.cloud.fireTimer(FUNCTIONS.visit)).toMatchObject({ data: { claimsRemoved: 1 } })
  expect(await left()).toEqual(['staff_old__b'])
  expect(await env.cloud.fireTimer(FUNCTIONS.visit)).toMatchObject({ data: { claimsRemoved: 0 } })
})

test('a 预约提醒 queued for the old time is withdrawn when the owner moves or cancels the visit', async () => {
  const day = weekdayAhead(10)
  const moved = await booked(day, '09:00')
  const cancelled = await booked(day, '14:00')
  env.cloud.clock.set(at(addDays(day, -1), '20:00'))
  await env.cloud.fireTimer(FUNCTIONS.visit)
  expect(await reminders(moved)).toHaveLength(1)
  expect(await reminders(cancelled)).toHaveLength(1)

  // Inside the customer's notice only the owner may move or cancel.
  const start = at(day, '11:00').toISOString()
  const answer = await visit(
    'reschedule',
    { visitId: moved._id, start, expectedVersion: moved.version },
    merchant,
  )
  expect(answer).toMatchObject({ ok: true })
  await expect(
    visit('cancel', { visitId: cancelled._id, expectedVersion: cancelled.version }, merchant),
  ).resolves.toMatchObject({ ok: true })
  expect(await reminders(moved)).toEqual([])
  expect(await reminders(cancelled)).toEqual([])

  // The next run reminds the new time, and only that.
  await env.cloud.fireTimer(FUNCTIONS.visit)
  const now = await stored(moved._id)
  expect(await reminders(now)).toHaveLength(1)
  expect(await reminders(cancelled)).toEqual([])
})
