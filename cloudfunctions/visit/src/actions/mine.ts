// visit.mine — signed-in customers; read-only. Their visits (or one order's), soonest first,
// each with the buttons the state table allows them now; with `orderId`, also what the order
// includes (its visit services and the sizes a report measures), or null when it is not theirs.
import { visitApi } from '@/domain/api/visit'
import type { ProductRecord } from '@/domain/catalog'
import { COLLECTIONS } from '@/domain/names'
import type { OrderRecord } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { toVisitOrderView, toVisitView, type VisitOrderView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import type { VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { db, readDoc, readList } from '@/cloud/database'
import { defineUserAction } from '@/cloud/router'
import { visits, windowOf } from '@/cloud/visits'

/** More than a customer books; the list is never paged. */
const MAX_VISITS = 50

async function orderView(openid: string, orderId: string): Promise<VisitOrderView | null> {
  const order = await readDoc<OrderRecord>(db.collection(COLLECTIONS.orders).doc(orderId))
  if (!order || order.ownerOpenid !== openid) return null
  const product = await readDoc<ProductRecord>(
    db.collection(COLLECTIONS.products).doc(order.productId),
  )
  return toVisitOrderView(order, product)
}

export const mine = defineUserAction(visitApi.mine, async ({ orderId }, openid) => {
  const now = currentTime()
  const where = orderId ? { ownerOpenid: openid, orderId } : { ownerOpenid: openid }
  const [rows, order] = await Promise.all([
    readList<VisitRecord>(visits().where(where).orderBy('window.start', 'asc').limit(MAX_VISITS)),
    orderId ? orderView(openid, orderId) : null,
  ])
  return ok({
    visits: rows.map((row) => {
      const visit = { ...row, window: windowOf(row) }
      return toVisitView(visit, availableVisitEvents(visit, 'consumer', { openid, now }))
    }),
    order,
  })
})
