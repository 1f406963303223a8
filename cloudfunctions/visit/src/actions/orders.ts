// The order a customer books a visit for: theirs (else NOT_FOUND), not cancelled, and including
// that kind of visit — measuring and installing as a chosen service option (a Choice's
// `visits`), repairing through an accepted after-sales repair of the order.
import { visitFail } from '@/domain/visit-errors'
import type { AfterSalesRecord } from '@/domain/after-sales'
import type { ProductRecord } from '@/domain/catalog'
import { COLLECTIONS } from '@/domain/names'
import type { OrderRecord } from '@/domain/order-types'
import { fail, ok, type Result } from '@/domain/result'
import { districtOf, visitKindsOf } from '@/domain/visit-booking'
import type { VisitKind } from '@/domain/visit-types'
import { db, readDoc } from '@/cloud/database'

export interface VisitableOrder {
  order: OrderRecord
  district: string
}

export async function visitableOrder(
  openid: string,
  orderId: string,
  kind: VisitKind,
  afterSalesId?: string,
): Promise<Result<VisitableOrder>> {
  const order = await readDoc<OrderRecord>(db.collection(COLLECTIONS.orders).doc(orderId))
  if (!order || order.ownerOpenid !== openid) return fail('NOT_FOUND', '没有找到这个订单')
  if (order.node === 'cancelled') return fail('INVALID_TRANSITION', '订单已取消，不能预约上门')
  const served = await includesVisit(order, kind, afterSalesId)
  if (!served) return visitFail('NO_VISIT_SERVICE')
  return ok({ order, district: districtOf(order.address) })
}

async function includesVisit(order: OrderRecord, kind: VisitKind, afterSalesId?: string) {
  if (kind === 'repairing') {
    if (!afterSalesId) return false
    const request = await readDoc<AfterSalesRecord>(
      db.collection(COLLECTIONS.afterSales).doc(afterSalesId),
    )
    return (
      request?.orderId === order._id && request.kind === 'repair' && request.state === 'accepted'
    )
  }
  const product = await readDoc<ProductRecord>(
    db.collection(COLLECTIONS.products).doc(order.productId),
  )
  return product !== null && visitKindsOf(product, order.selection).includes(kind)
}
