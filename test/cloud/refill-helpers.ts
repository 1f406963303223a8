// Shared set-up for the refill suites (refill-*.test.ts): a consumable order walked to
// delivery through the real order function, refill documents made directly for timer cases,
// and the refill function's callers.
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { RefillRecord } from '@/domain/refill'
import { callerFor, merchant, payOrder, type DemoCloud } from '../helpers/demo-cloud'
import { ADDRESS, filterSelection, rid } from './order-helpers'

export const DAY = 24 * 60 * 60 * 1000
const SHIP = { carrier: '顺丰速运', trackingNo: 'SF1234567890' }

export function refillClient(env: DemoCloud) {
  const call = callerFor(env, FUNCTIONS.refill, { unknownActions: true })
  const order = callerFor(env, FUNCTIONS.order)

  /** Places a filter order as `openid` and walks it to delivered; returns the order. */
  async function deliverFilter(openid: string, quantity = 2) {
    const created = await order(
      'create',
      {
        requestId: rid('refill'),
        productId: 'prod_filter',
        selection: { ...filterSelection(), quantity },
        address: ADDRESS,
      },
      openid,
    )
    if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created)}`)
    const orderId = created.data.order._id as string
    await payOrder(env, orderId, openid)
    for (const [event, input] of [['confirm'], ['ship', SHIP], ['deliver']] as const) {
      const moved = await order('act', { orderId, event, input }, merchant)
      if (!moved.ok) throw new Error(`${event} failed: ${JSON.stringify(moved)}`)
    }
    return created.data.order
  }

  const refillsOf = (query: object = {}) =>
    env.cloud.store.find(COLLECTIONS.refills, query) as Promise<RefillRecord[]>

  return { call, deliverFilter, refillsOf }
}

/** A stored refill whose reminder falls at `remindAt` (for timer and benchmark set-ups). */
export function makeRefill(
  openid: string,
  remindAt: Date,
  overrides: Partial<RefillRecord> = {},
): RefillRecord {
  const _id = `${openid}_prod_filter`
  const boughtAt = new Date(remindAt.getTime() - 85 * DAY)
  return {
    _id,
    ownerOpenid: openid,
    productId: 'prod_filter',
    productName: '净水器替换滤芯',
    defaultCycleDays: 90,
    cycleDays: 90,
    cycleSource: 'default',
    purchases: [{ orderId: `order_${openid}`, at: boughtAt, quantity: 1 }],
    lastOrderId: `order_${openid}`,
    runOutAt: new Date(remindAt.getTime() + 5 * DAY),
    nextReminderAt: remindAt,
    status: 'active',
    snoozes: 0,
    lastReminderAt: null,
    lastAttributedAt: null,
    attributedReorders: 0,
    createdAt: boughtAt,
    updatedAt: boughtAt,
    ...overrides,
  }
}
