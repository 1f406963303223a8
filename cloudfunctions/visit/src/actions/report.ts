// visit.report — the assigned staff member only (others: NOT_FOUND): the report that finishes
// an arrived visit. Sent once: its reportId is made by the phone, and the transaction writes
// visit_reports/<visitId>__<reportId> with the visit, so a report resent after a lost answer
// finds it and answers the visit as it is (`already: true`), writing nothing.
import { visitApi } from '@/domain/api/visit'
import type { ProductRecord } from '@/domain/catalog'
import { COLLECTIONS } from '@/domain/names'
import type { OrderRecord } from '@/domain/order-types'
import { fail, ok } from '@/domain/result'
import { toVisitView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import type { VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { db, readDoc } from '@/cloud/database'
import { areCallersPhotos, FOREIGN_PHOTO_MESSAGE } from '@/cloud/photo-dir'
import { applyVisitEvent, visits } from '@/cloud/visits'
import { defineStaffAction } from './define'

/** Sizes the order's product measures, within its bounds; null when they fit. */
async function sizeProblem(orderId: string, sizes: Record<string, number>) {
  const order = await readDoc<OrderRecord>(db.collection(COLLECTIONS.orders).doc(orderId))
  const product =
    order &&
    (await readDoc<ProductRecord>(db.collection(COLLECTIONS.products).doc(order.productId)))
  for (const [key, value] of Object.entries(sizes)) {
    const m = product?.measurements.find((candidate) => candidate.id === key)
    if (!m) return { field: `measurements.${key}`, message: `这件商品不量这项尺寸：${key}` }
    if (value < m.min || value > m.max)
      return {
        field: `measurements.${key}`,
        message: `${m.label}应在 ${m.min} 到 ${m.max} ${m.unit} 之间`,
      }
  }
  return null
}

export const report = defineStaffAction(visitApi.report, async (input, staff) => {
  const now = currentTime()
  const visit = await readDoc<VisitRecord>(visits().doc(input.visitId))
  if (!visit || visit.staffId !== staff._id) return fail('NOT_FOUND', '没有找到这次上门任务')
  if (!areCallersPhotos(input.photos, staff.openid))
    return fail('INVALID_INPUT', FOREIGN_PHOTO_MESSAGE, 'photos')
  if (visit.kind === 'measuring' && Object.keys(input.measurements).length === 0)
    return fail('INVALID_INPUT', '请填写测量尺寸', 'measurements')
  const problem = await sizeProblem(visit.orderId, input.measurements)
  if (problem) return fail('INVALID_INPUT', problem.message, problem.field)
  const filed = {
    reportId: input.reportId,
    measurements: input.measurements,
    photos: input.photos,
    note: input.note,
    at: now,
  }
  const ctx = { staffId: staff._id, now }
  const done = await applyVisitEvent(visit._id, {
    event: 'finish',
    role: 'staff',
    ctx,
    actorOpenid: staff.openid,
    visible: (stored) => stored.staffId === staff._id,
    fields: { report: filed },
    once: {
      collection: COLLECTIONS.visitReports,
      id: `${visit._id}__${input.reportId}`,
      data: { visitId: visit._id, staffId: staff._id, ...filed },
    },
  })
  if (!done.ok) return done
  const { visit: next, already } = done.data
  return ok({ visit: toVisitView(next, availableVisitEvents(next, 'staff', ctx)), already })
})
