// merchant.actMany — merchants only. One event on up to 50 orders, each validated, written and
// audited on its own; the answer reports every order (failed ones with code and reason).
// Orders that do not exist report NOT_FOUND with orderNo null.
import { ORDER_EVENTS } from '@/domain/order-types'
import { fail, ok } from '@/domain/result'
import { array, checkedLater, id, object, oneOf, optional } from '@/domain/validate'
import { command, readList } from '@/cloud/database'
import { requireMerchant } from '@/cloud/merchants'
import { orders } from '@/cloud/orders'
import { defineAction } from '@/cloud/router'
import { actEach } from '../act-each'

export const MAX_BATCH_ORDERS = 50

const payload = object({
  orderIds: array(id('订单'), { label: '订单', min: 1, max: MAX_BATCH_ORDERS }),
  event: oneOf('操作', ORDER_EVENTS),
  input: optional(checkedLater),
})

export const actMany = defineAction(payload, async (input, caller) => {
  const merchant = await requireMerchant(caller)
  if (!merchant.ok) return merchant
  if (new Set(input.orderIds).size !== input.orderIds.length)
    return fail('INVALID_INPUT', '订单不能重复', 'orderIds')
  // Order numbers up front, so failed orders are reported by number too.
  const known = await readList<{ _id: string; orderNo: string }>(
    orders()
      .where({ _id: command.in(input.orderIds) })
      .field({ _id: true, orderNo: true })
      .limit(MAX_BATCH_ORDERS),
  )
  const orderNos = Object.fromEntries(known.map((o) => [o._id, o.orderNo]))
  return ok(await actEach(merchant.data, input.orderIds, input.event, input.input ?? {}, orderNos))
})
