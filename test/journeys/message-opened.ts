// Message opened (issue 19): a customer who allowed 订单确认通知 has their shirt confirmed; WeChat
// (the local cloud's inbox stand-in) received the message with a page carrying its id (`mid`).
// Opening that page, as a tap on the message would, counts the open once (the outbox row is
// marked, and opening it again changes nothing); the merchant's 数据看板 shows one more opened.
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { DashboardView } from '@/domain/merchant-views'
import type { OutboxRecord } from '@/domain/message-drafts'
import { waitForValue } from '../helpers/wait'
import type { JourneyContext } from './driver'
import { consumerA, merchant, merchantActs, placeShirt } from './shop'

/** The customer (the H5 identity switcher offers only the demo identities). */
const customer = consumerA

/** 11:00 China time tomorrow: outside quiet hours, a day other journeys' sends did not count in. */
const tomorrowDaytime = () => {
  const day = Math.floor((Date.now() + 8 * 3600_000) / 86_400_000) + 1
  return new Date(day * 86_400_000 + 3 * 3600_000)
}

export async function openASentMessage(ctx: JourneyContext): Promise<void> {
  try {
    ctx.cloud.clock.set(tomorrowDaytime())
    await openAndCount(ctx)
  } finally {
    ctx.cloud.clock.set(null)
  }
}

async function openAndCount(ctx: JourneyContext): Promise<void> {
  const { cloud } = ctx
  const dashboard = async () =>
    (
      (await cloud.invoke(
        FUNCTIONS.merchant,
        { action: ACTIONS.merchant.dashboard },
        merchant,
      )) as {
        data: { messages: DashboardView['messages'] }
      }
    ).data.messages
  const openedBefore = (await dashboard()).opened

  // 订阅设置 may have this kind turned off by an earlier journey: the customer turns it back on.
  await cloud.invoke(
    FUNCTIONS.message,
    {
      action: ACTIONS.message.setPreference,
      payload: { purpose: 'order_confirmed', enabled: true },
    },
    customer,
  )
  await cloud.invoke(
    FUNCTIONS.message,
    {
      action: ACTIONS.message.authorize,
      payload: { results: [{ purpose: 'order_confirmed', result: 'accept' }] },
    },
    customer,
  )
  const { id } = await placeShirt(cloud, customer, 'message-opened')
  await merchantActs(cloud, id, 'confirm')
  const [row] = (await cloud.store.find(COLLECTIONS.notificationQueue, {
    orderId: id,
    purpose: 'order_confirmed',
  })) as OutboxRecord[]
  expect({ status: row.status, reason: row.reason }).toEqual({ status: 'sent', reason: '' })
  // Other messages of this order (the payment's) may have gone too: this one is found by its id.
  const sent = (await cloud.inbox.list()).filter((message) =>
    (message.page ?? '').endsWith(`mid=${row._id}`),
  )
  expect(sent.map((message) => message.page)).toEqual([`pages/order/index?id=${id}&mid=${row._id}`])

  const phone = await ctx.driverFor(customer)
  await phone.open(sent[0].page ?? '')
  await phone.see('.message-item', '订单确认通知')
  const opened = await waitForValue(
    async () =>
      (
        (await cloud.store.find(COLLECTIONS.notificationQueue, { _id: row._id })) as OutboxRecord[]
      )[0],
    (current) => current.opened === true,
    'the open counted',
  )
  // Opened again (back to it from another message, say): nothing changes.
  await phone.open(sent[0].page ?? '')
  await phone.see('.message-item', '订单确认通知')
  expect(phone.errors()).toEqual([])

  const shop = await ctx.driverFor(merchant)
  await shop.open('merchant/pages/dashboard/index')
  await shop.see('.share-meter__hint', `已打开 ${openedBefore + 1} / 已发送`)
  const after = await dashboard()
  expect(after.opened).toBe(openedBefore + 1)
  const confirmed = after.byPurpose.find((entry) => entry.purpose === 'order_confirmed')
  expect(confirmed?.opened).toBeGreaterThanOrEqual(1)
  await shop.see('.dash-messages .bar-chart__value', `${confirmed?.opened} / ${confirmed?.sent}`)
  expect(
    (
      (await cloud.store.find(COLLECTIONS.notificationQueue, { _id: row._id })) as OutboxRecord[]
    )[0],
  ).toEqual(opened)
  expect(shop.errors()).toEqual([])
}
