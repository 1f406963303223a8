// Applies one event to several orders as the merchant: one applyOrderEvent (one transaction,
// one audit row) per order, so each is validated on its own and a failure stops only that one.
import { ERROR_MESSAGES } from '@/domain/errors'
import type { ActManyView, OrderActionResult } from '@/domain/merchant-views'
import type { OrderEvent } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { applyOrderEvent } from '@/cloud/orders'
import { currentTime } from '@/cloud/clock'

export async function actEach(
  merchantOpenid: string,
  orderIds: string[],
  event: OrderEvent,
  input: unknown,
  orderNos: Record<string, string> = {},
): Promise<ActManyView> {
  const now = currentTime()
  const results: OrderActionResult[] = []
  for (const orderId of orderIds) {
    try {
      const result = await applyOrderEvent({
        orderId,
        event,
        input,
        actorFor: () => ok({ role: 'merchant', openid: merchantOpenid }),
        now,
      })
      results.push(
        result.ok
          ? { orderId, orderNo: result.data.orderNo, ok: true }
          : {
              orderId,
              orderNo: orderNos[orderId] ?? null,
              ok: false,
              code: result.code,
              message: result.message,
            },
      )
    } catch (error) {
      console.error(`[merchant] ${event} on ${orderId} failed`, error)
      results.push({
        orderId,
        orderNo: orderNos[orderId] ?? null,
        ok: false,
        code: 'INTERNAL',
        message: ERROR_MESSAGES.INTERNAL,
      })
    }
  }
  return summarize(results)
}

export function summarize(results: OrderActionResult[]): ActManyView {
  const applied = results.filter((r) => r.ok).length
  return { results, applied, failed: results.length - applied }
}
