// order.requestAfterSales — the owner of a delivered or completed order, within its window
//   (repairs any time); one open request per order; a repeated requestId answers the first.
// order.afterSales — the owner or a merchant; read-only: the order's requests and, for the
//   owner, the kinds that may be asked now. Another consumer's order reads NOT_FOUND.
// order.withdrawAfterSales — the owner, while the shop has not answered.
// order.sendAfterSalesItem — the owner's 寄回信息 on an accepted request, replaceable until the
//   shop closes or ships back; someone else's request reads NOT_FOUND.
import { AFTER_SALES_WINDOW_DAYS, type AfterSalesRecord } from '@/domain/after-sales'
import { alterableSizes, kindsOffered } from '@/domain/after-sales-rules'
import { COLLECTIONS } from '@/domain/names'
import type { ProductRecord } from '@/domain/product-schema'
import type { OrderRecord } from '@/domain/order-types'
import { paymentsOf } from '@/domain/order-payments'
import { refundsOf } from '@/domain/payment'
import { fail, ok } from '@/domain/result'
import {
  afterSales,
  requestAfterSales as request,
  sendAfterSalesItem as sendItem,
  withdrawAfterSales as withdraw,
} from '@/cloud/after-sales'
import { db, readDoc, readList } from '@/cloud/database'
import { isMerchant } from '@/cloud/merchants'
import { orders } from '@/cloud/orders'
import { afterSalesApi } from '@/domain/api/after-sales'
import { afterSalesRequestApi } from '@/domain/api/after-sales-request'
import { afterSalesShipmentApi } from '@/domain/api/after-sales-shipment'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

/** More than one order ever gathers; the list is not paged. */
const REQUESTS_PER_ORDER = 20

export const requestAfterSales = defineUserAction(
  afterSalesRequestApi.requestAfterSales,
  (input, openid) => request(input, openid, currentTime()),
)

export const listAfterSales = defineUserAction(
  afterSalesApi.afterSales,
  async ({ orderId }, openid) => {
    const order = await readDoc<OrderRecord>(orders().doc(orderId))
    const owner = order?.ownerOpenid === openid
    if (!order || (!owner && !(await isMerchant(openid)))) return fail('NOT_FOUND', '订单不存在')
    const offered = owner ? kindsOffered(order, currentTime()) : []
    const measured =
      offered.includes('alteration') && Object.keys(order.selection.measurements).length > 0
    const [items, product] = await Promise.all([
      readList<AfterSalesRecord>(
        afterSales().where({ orderId }).orderBy('createdAt', 'desc').limit(REQUESTS_PER_ORDER),
      ),
      measured
        ? readDoc<ProductRecord>(db.collection(COLLECTIONS.products).doc(order.productId))
        : null,
    ])
    // A return's refund state is the order's: WeChat settles it there.
    const refunds = paymentsOf(order).flatMap((payment) => refundsOf(payment))
    return ok({
      items: items.map((item) => ({
        ...item,
        refundState:
          refunds.find((refund) => refund.outRefundNo === item.refund?.outRefundNo)?.state ?? null,
      })),
      offered,
      windowDays: AFTER_SALES_WINDOW_DAYS[order.productSnapshot.kind],
      sizes: alterableSizes(order.selection.measurements, product?.measurements ?? []),
    })
  },
)

export const withdrawAfterSales = defineUserAction(
  afterSalesApi.withdrawAfterSales,
  ({ afterSalesId }, openid) => withdraw(afterSalesId, openid, currentTime()),
)

export const sendAfterSalesItem = defineUserAction(
  afterSalesShipmentApi.sendAfterSalesItem,
  (input, openid) => sendItem(input, openid, currentTime()),
)
