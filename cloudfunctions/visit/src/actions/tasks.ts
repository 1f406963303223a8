// visit.tasks — a staff member; read-only. 我的任务: their own visits of a China day (today by
// default) in window order, each with the order's details, contact and history, and for a measuring
// visit the product's measurements; up to three reads.
import { visitApi, type TaskItem } from '@/domain/api/visit'
import { chinaDateOf, chinaDayRange } from '@/domain/china-date'
import type { OrderRecord } from '@/domain/order-types'
import type { Measurement, ProductRecord } from '@/domain/product-schema'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { toVisitView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import type { VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { command, db, readList } from '@/cloud/database'
import { visits, windowOf } from '@/cloud/visits'
import { defineStaffAction } from './define'

const MAX_TASKS = 50

const orderFacts = (order: OrderRecord, sizes: Measurement[]): TaskItem['order'] => ({
  orderNo: order.orderNo,
  productName: order.productSnapshot.name,
  details: order.productSnapshot.details,
  contact: { name: order.address.name, phone: order.address.phone },
  history: order.timeline.map(({ node, at, note }) => ({ node, at, note })),
  sizes: sizes.map(({ id, label, unit, min, max, step }) => ({ id, label, unit, min, max, step })),
})

export const tasks = defineStaffAction(visitApi.tasks, async (input, staff) => {
  const now = currentTime()
  const date = input.date ?? chinaDateOf(now)
  const { start, end } = chinaDayRange(date)
  const rows = await readList<VisitRecord>(
    visits()
      .where({ staffId: staff._id, 'window.start': command.gte(start).and(command.lt(end)) })
      .orderBy('window.start', 'asc')
      .limit(MAX_TASKS),
  )
  const orderIds = [...new Set(rows.map((row) => row.orderId))]
  const orders = orderIds.length
    ? await readList<OrderRecord>(
        db
          .collection(COLLECTIONS.orders)
          .where({ _id: command.in(orderIds) })
          .limit(MAX_TASKS),
      )
    : []
  const byId = new Map(orders.map((order) => [order._id, order]))
  // A measuring visit's form asks for the product's measurements.
  const measured = new Set(
    rows.filter((row) => row.kind === 'measuring').map((row) => byId.get(row.orderId)?.productId),
  )
  measured.delete(undefined)
  const products = measured.size
    ? await readList<ProductRecord>(
        db
          .collection(COLLECTIONS.products)
          .where({ _id: command.in([...measured]) })
          .limit(MAX_TASKS),
      )
    : []
  const sizesOf = (visit: VisitRecord, order: OrderRecord) =>
    visit.kind === 'measuring'
      ? (products.find((product) => product._id === order.productId)?.measurements ?? [])
      : []
  const ctx = { staffId: staff._id, now }
  return ok({
    date,
    items: rows.map((row) => {
      const visit = { ...row, window: windowOf(row) }
      const order = byId.get(visit.orderId)
      return {
        visit: toVisitView(visit, availableVisitEvents(visit, 'staff', ctx)),
        order: order ? orderFacts(order, sizesOf(visit, order)) : null,
      }
    }),
  })
})
