// merchant.actMany — merchants only. One event on up to 50 orders, each validated, written and
// audited on its own; the answer reports every order (failed ones with code and reason).
// Orders that do not exist report NOT_FOUND with orderNo null.
import { fail, ok } from '@/domain/result'
import { command, readList } from '@/cloud/database'
import { orders } from '@/cloud/orders'
import { MAX_BATCH_ORDERS, merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { actEach } from '../act-each'

export const actMany = defineMerchantAction(merchantApi.actMany, async (input, merchantOpenid) => {
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
  return ok(await actEach(merchantOpenid, input.orderIds, input.event, input.input ?? {}, orderNos))
})
