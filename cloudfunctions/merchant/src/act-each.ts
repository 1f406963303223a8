// Applies one event to several orders as the merchant: one applyOrderEvent (one transaction,
// one audit row) per order, so each is validated on its own and a failure stops only that one.
import type { ActManyView, OrderActionResult } from '@/domain/merchant-views'
import type { OrderEvent } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { applyOrderEvent } from '@/cloud/orders'
import { currentTime } from '@/cloud/clock'
import { eachInTurn } from './each-in-turn'

export function actEach(
  merchantOpenid: string,
  orderIds: string[],
  event: OrderEvent,
  input: unknown,
  orderNos: Record<string, string> = {},
): Promise<ActManyView> {
  const now = currentTime()
  const failed = (orderId: string, code: OrderActionResult['code'], message: string) => ({
    orderId,
    orderNo: orderNos[orderId] ?? null,
    ok: false,
    code,
    message,
  })
  return eachInTurn<OrderActionResult>(
    orderIds,
    async (orderId) => {
      const result = await applyOrderEvent({
        orderId,
        event,
        input,
        actorFor: () => ok({ role: 'merchant', openid: merchantOpenid }),
        now,
      })
      return result.ok
        ? { orderId, orderNo: result.data.orderNo, ok: true }
        : failed(orderId, result.code, result.message)
    },
    failed,
    event,
  )
}
