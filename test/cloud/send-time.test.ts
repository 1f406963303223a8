// Send time learned per customer (issue 20), through the real message function: opens at 20:00
// China time teach a customer their hour; a refill reminder due at 11:00 (or a care reminder at
// 09:00) then waits for 20:00, once, while an order-node message at 11:00 still goes at once.
// Below three opens, or with 个性化推荐 off (nothing is learned then), the reminder goes when due.
import type { PreferenceRecord } from '@/domain/behaviour'
import { messageApi } from '@/domain/api/message'
import { userApi } from '@/domain/api/user'
import { careDraft } from '@/domain/care-message'
import { newOutboxRecord } from '@/domain/message-drafts'
import { COLLECTIONS } from '@/domain/names'
import { invoke, merchant, useDemoCloud } from '../helpers/demo-cloud'
import { DAY, MINUTE, messageClient, refillDraft } from './message-helpers'
import { makeClient } from './order-helpers'

const env = useDemoCloud()
const orders = makeClient(env)
const { outbox, drain, grant, queueDirect } = messageClient(env)

/** hh:mm China time on day `day` after 2026-11-23. */
const at = (day: number, hours: number, minutes = 0) =>
  new Date(Date.parse('2026-11-23T00:00:00+08:00') + day * DAY + (hours * 60 + minutes) * MINUTE)

let serial = 0
/** `count` sent messages opened on successive days at `hours`:05. */
async function opensAt(customer: string, hours: number, count: number): Promise<void> {
  for (let day = 0; day < count; day += 1) {
    serial += 1
    env.cloud.clock.set(at(day, hours, 5))
    const row = { ...newOutboxRecord(refillDraft(customer, serial), at(day, 9)), status: 'sent' }
    await env.cloud.store.insertMany(COLLECTIONS.notificationQueue, [row])
    const reply = await invoke(env, messageApi.opened, { messageId: row._id }, customer)
    expect(reply).toEqual({ ok: true, data: { counted: true } })
  }
}
const preferenceOf = async (customer: string) =>
  (
    (await env.cloud.store.find(COLLECTIONS.preferences, { _id: customer })) as PreferenceRecord[]
  )[0]

/** A refill reminder queued at `when` for the customer (who has a credit for it). */
async function reminderAt(customer: string, when: Date) {
  serial += 1
  await grant(customer, 'refill_reminder')
  env.cloud.clock.set(when)
  const draft = refillDraft(customer, serial)
  await queueDirect([draft], when)
  return (await outbox({ key: draft.key }))[0]._id
}
const rowOf = async (id: string) => (await outbox({ _id: id }))[0]

afterAll(() => env.cloud.clock.set(null))

test('opens at 20:00 move refill reminders to 20:00; order-node messages still go at once', async () => {
  const customer = 'o_send_time_evening'
  await opensAt(customer, 20, 3)
  expect((await preferenceOf(customer)).openHours).toEqual({ 20: 3 })

  const reminder = await reminderAt(customer, at(3, 11))
  expect((await drain()).data).toMatchObject({ deferred: 1, sent: 0 })
  expect(await rowOf(reminder)).toMatchObject({
    status: 'pending',
    waitedForHour: true,
    nextAttemptAt: at(3, 20),
  })

  await grant(customer, 'order_confirmed')
  const order = await orders.create(customer)
  expect(await orders.act(merchant, order._id, 'confirm')).toMatchObject({ ok: true })
  const [confirmed] = await outbox({ orderId: order._id, purpose: 'order_confirmed' })
  expect(confirmed.status).toBe('sent')

  env.cloud.clock.set(at(3, 19, 55))
  await drain()
  expect((await rowOf(reminder)).status).toBe('pending')
  env.cloud.clock.set(at(3, 20, 1))
  expect((await drain()).data).toMatchObject({ sent: 1 })
  expect(await rowOf(reminder)).toMatchObject({ status: 'sent', attempts: 1 })
})

test('a care reminder due at 09:00 waits for the customer’s 20:00', async () => {
  const customer = 'o_send_time_care'
  await opensAt(customer, 20, 3)
  await grant(customer, 'care')
  env.cloud.clock.set(at(4, 9))
  const draft = careDraft({
    _id: 'care_send_time',
    ownerOpenid: customer,
    orderId: 'ord_send_time_care',
    orderNo: '20261127-SENDTIME',
    productName: '全遮光定制窗帘',
    title: '清洗窗帘，晾干后再挂回',
    dueAt: at(4, 9),
  })
  await queueDirect([draft], at(4, 9))
  const [reminder] = await outbox({ key: draft.key })
  expect((await drain()).data).toMatchObject({ deferred: 1, sent: 0 })
  expect(await rowOf(reminder._id)).toMatchObject({ status: 'pending', nextAttemptAt: at(4, 20) })
  env.cloud.clock.set(at(4, 20, 1))
  expect((await drain()).data).toMatchObject({ sent: 1 })
  expect((await rowOf(reminder._id)).status).toBe('sent')
})

test('a reminder whose hour the timer missed goes at the next run, not a day later', async () => {
  const customer = 'o_send_time_missed'
  await opensAt(customer, 20, 3)
  const reminder = await reminderAt(customer, at(3, 11))
  await drain()
  env.cloud.clock.set(at(3, 21, 30))
  expect((await drain()).data).toMatchObject({ sent: 1, deferred: 0 })
  expect((await rowOf(reminder)).status).toBe('sent')
})

test('below three opens the reminder goes when due', async () => {
  const customer = 'o_send_time_two_opens'
  await opensAt(customer, 20, 2)
  const reminder = await reminderAt(customer, at(3, 11))
  expect((await drain()).data).toMatchObject({ sent: 1, deferred: 0 })
  expect((await rowOf(reminder)).status).toBe('sent')
})

test('with 个性化推荐 off no hour is learned and the reminder goes when due', async () => {
  const customer = 'o_send_time_off'
  const off = await invoke(env, userApi.setPersonalisation, { personalised: false }, customer)
  expect(off).toMatchObject({ ok: true })
  await opensAt(customer, 20, 3)
  expect((await preferenceOf(customer)).openHours).toBeUndefined()
  const reminder = await reminderAt(customer, at(3, 11))
  expect((await drain()).data).toMatchObject({ sent: 1, deferred: 0 })
  expect((await rowOf(reminder)).status).toBe('sent')
})
