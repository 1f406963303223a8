// order.act — the order's owner (as consumer) or a merchant. Applies one state-machine event in
// one transaction (src/cloud/orders.ts): of racing or repeated requests exactly one applies, the
// others get INVALID_TRANSITION or, with expectedVersion, CONFLICT. Others' orders read NOT_FOUND.
import { availableEvents, can } from '@/domain/order-machine'
import type { Actor, OrderEvent, OrderRecord } from '@/domain/order-types'
import { fail, ok, type Result } from '@/domain/result'
import { isMerchant } from '@/cloud/merchants'
import { applyOrderEvent, orders } from '@/cloud/orders'
import { readDoc } from '@/cloud/database'
import { orderApi } from '@/domain/api/order'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

/**
 * The owner acts as consumer where the table lets consumers do this event; a merchant acts as
 * merchant otherwise. Anyone else is told the order does not exist.
 */
export function actorFor(openid: string, merchant: boolean, event: string, now: Date) {
  return (order: OrderRecord): Result<Actor> => {
    const owner = order.ownerOpenid === openid
    const asConsumer =
      owner && (!merchant || can(order, event as OrderEvent, 'consumer', { openid, now }).ok)
    if (asConsumer) return ok({ role: 'consumer', openid })
    return merchant ? ok({ role: 'merchant', openid }) : fail('NOT_FOUND', '订单不存在')
  }
}

export const act = defineUserAction(orderApi.act, async (input, openid) => {
  // The merchant lookup runs beside the transaction's start; the actor waits for it. So does a
  // read of the order, which lets its message's reads go beside the transaction's first.
  const merchantRead = isMerchant(openid)
  merchantRead.catch(() => undefined)
  const earlyRead = readDoc<OrderRecord>(orders().doc(input.orderId))
  earlyRead.catch(() => undefined)
  const now = currentTime()
  const result = await applyOrderEvent({
    orderId: input.orderId,
    event: input.event,
    input: input.input,
    expectedVersion: input.expectedVersion,
    actorFor: async (order) => actorFor(openid, await merchantRead, input.event, now)(order),
    now,
    earlyRead,
  })
  if (!result.ok) return result
  const merchant = await merchantRead
  const role = merchant && result.data.ownerOpenid !== openid ? 'merchant' : 'consumer'
  return ok({
    order: result.data,
    actions: availableEvents(result.data, role, { openid: openid, now }),
  })
})
