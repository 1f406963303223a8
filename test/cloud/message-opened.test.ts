// message.opened through the real functions: the page a sent message opens carries its id, the
// recipient's first open is counted once (and, with 个性化推荐 on, one message_opened event);
// repeats, racing opens, strangers and unknown ids change nothing; held or pending rows are
// ignored. Round trips are counted with invokeCounted.
import type { BehaviourEvent } from '@/domain/behaviour'
import { messageApi } from '@/domain/api/message'
import { userApi } from '@/domain/api/user'
import { newOutboxRecord, type OutboxRecord } from '@/domain/message-drafts'
import type { OutboxStatus } from '@/domain/messages'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { consumerA, invoke, merchant, useDemoCloud } from '../helpers/demo-cloud'
import { daytime, messageClient, refillDraft } from './message-helpers'
import { makeClient } from './order-helpers'

const env = useDemoCloud()
const orders = makeClient(env)
const { outbox, grant } = messageClient(env)

let serial = 0
/** A message of `status` to `openid`, written straight into the outbox. */
async function messageTo(openid: string, status: OutboxStatus = 'sent'): Promise<string> {
  serial += 1
  const row = { ...newOutboxRecord(refillDraft(openid, serial), daytime()), status }
  await env.cloud.store.insertMany(COLLECTIONS.notificationQueue, [row])
  return row._id
}
const rowOf = async (id: string) => (await outbox({ _id: id }))[0]
const openedEvents = async (openid: string) =>
  (
    (await env.cloud.store.find(COLLECTIONS.behaviourEvents, {
      ownerOpenid: openid,
    })) as BehaviourEvent[]
  ).filter((event) => event.type === 'message_opened')
const open = (messageId: string, openid: string | null) =>
  invoke(env, messageApi.opened, { messageId }, openid)
const openCounted = (messageId: string, openid: string) =>
  env.cloud.invokeCounted(FUNCTIONS.message, { action: 'opened', payload: { messageId } }, openid)

beforeEach(() => env.cloud.clock.set(daytime()))
afterAll(() => env.cloud.clock.set(null))

test('a sent message opens its page with its id, and that open counts once', async () => {
  const customer = 'o_opened_flow'
  await grant(customer, 'order_confirmed')
  const order = await orders.create(customer)
  expect(await orders.act(merchant, order._id, 'confirm')).toMatchObject({ ok: true })
  const [row] = await outbox({ orderId: order._id, purpose: 'order_confirmed' })
  expect(row.status).toBe('sent')
  const sent = (await env.cloud.inbox.list()).filter((m) => m.touser === customer)
  expect(sent.map((m) => m.page)).toEqual([`pages/order/index?id=${order._id}&mid=${row._id}`])
  // The stored page (the in-app list's) stays as drafted.
  expect(row.page).toBe(`pages/order/index?id=${order._id}`)

  expect(await open(row._id, customer)).toEqual({ ok: true, data: { counted: true } })
  const opened = await rowOf(row._id)
  expect(opened).toMatchObject({ status: 'sent', opened: true, sentAt: row.sentAt })
  expect(new Date(opened.openedAt as Date).getTime()).toBeGreaterThanOrEqual(daytime().getTime())
  const events = await openedEvents(customer)
  expect(events).toEqual([
    expect.objectContaining({
      type: 'message_opened',
      productId: '',
      detail: { messageId: row._id, purpose: 'order_confirmed', orderId: order._id },
    }),
  ])
})

test('repeats change nothing: the first open wins; round trips', async () => {
  const customer = 'o_opened_repeats'
  const [earlier, id] = [await messageTo(customer), await messageTo(customer)]
  // The customer's first behaviour ever also creates their preference document.
  const newcomer = await openCounted(earlier, customer)
  const first = await openCounted(id, customer)
  expect(first.result).toEqual({ ok: true, data: { counted: true } })
  const openedAt = (await rowOf(id)).openedAt
  env.cloud.clock.set(new Date(daytime().getTime() + 60_000))
  const again = await openCounted(id, customer)
  expect(again.result).toEqual({ ok: true, data: { counted: false } })
  expect((await rowOf(id)).openedAt).toEqual(openedAt)
  expect((await openedEvents(customer)).map((e) => e.detail.messageId)).toEqual([earlier, id])
  // First open: look, transaction (start, get, update, commit), preference update, event add;
  // a newcomer's adds the preference document's transaction (start, get, set, commit). Repeat: look.
  expect({
    newcomer: newcomer.roundTrips,
    first: first.roundTrips,
    again: again.roundTrips,
  }).toEqual({ newcomer: 11, first: 7, again: 1 })
})

test('racing opens of one message count it once', async () => {
  const id = await messageTo(consumerA)
  const results = await Promise.all([1, 2, 3, 4].map(() => open(id, consumerA)))
  const counted = results.map((r) => r.ok && r.data.counted)
  expect(counted.filter(Boolean)).toHaveLength(1)
  expect((await openedEvents(consumerA)).filter((e) => e.detail.messageId === id)).toHaveLength(1)
})

test('a stranger or an unknown id is NOT_FOUND and writes nothing', async () => {
  const id = await messageTo(consumerA)
  const before = await rowOf(id)
  const stranger = await openCounted(id, 'o_opened_stranger')
  expect(stranger.result).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '消息不存在' })
  expect(stranger.roundTrips).toBe(1)
  expect(await open('msg_00000000deadbeef', consumerA)).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  })
  expect(await open(id, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  expect(await open('../x', consumerA)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  expect(await rowOf(id)).toEqual(before)
  expect(await openedEvents('o_opened_stranger')).toEqual([])
})

test.each(['held', 'pending', 'retry', 'sending', 'dead'] as const)(
  'a %s message (never confirmed sent) is ignored: counted false, nothing written',
  async (status) => {
    const customer = `o_opened_${status}`
    const id = await messageTo(customer, status)
    const before = await rowOf(id)
    expect(await open(id, customer)).toEqual({ ok: true, data: { counted: false } })
    expect(await rowOf(id)).toEqual(before)
    expect(await openedEvents(customer)).toEqual([])
  },
)

test('with 个性化推荐 off the open is counted but no behaviour is recorded', async () => {
  const customer = 'o_opened_private'
  expect(
    await invoke(env, userApi.setPersonalisation, { personalised: false }, customer),
  ).toMatchObject({ ok: true })
  const id = await messageTo(customer)
  expect(await open(id, customer)).toEqual({ ok: true, data: { counted: true } })
  expect((await rowOf(id)) as OutboxRecord).toMatchObject({ opened: true })
  expect(await openedEvents(customer)).toEqual([])
})
