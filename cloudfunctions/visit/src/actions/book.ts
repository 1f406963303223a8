// visit.book — the order's customer. The visit's `_id` comes from (OPENID, requestId): a retry
// after a lost answer finds the visit and returns it as it is. One standing visit per order and
// kind, or per repair (VISIT_BOOKED: standingVisit, as the page shows it). The window must be open (openWindows); the visit is created `requested` in
// its own transaction, then assigned as the system (applyVisitEvent: the slot claims decide a
// race); when nobody can take it after all it stays requested and shows in the owner's dispatch.
// A `location` the customer pinned (checked against China's bounds) is stored for the staff's 导航.
import { visitFail } from '@/domain/visit-errors'
import { visitApi } from '@/domain/api/visit'
import { chinaDateOf } from '@/domain/china-date'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { DEFAULT_WINDOW_MINUTES } from '@/domain/visit-assign'
import { customerWindows, toVisitView, visitIdFor } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import { standingVisit, type VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { inTransaction, readDoc, readList, withoutId } from '@/cloud/database'
import { defineUserAction } from '@/cloud/router'
import { applyVisitEvent, readDay, visits } from '@/cloud/visits'
import { pickStaff } from './choose'
import { visitableOrder } from './orders'

const MINUTE_MS = 60 * 1000

export const book = defineUserAction(visitApi.book, async (input, openid) => {
  const now = currentTime()
  const visitId = visitIdFor(openid, input.requestId)
  const answer = (visit: VisitRecord) =>
    ok({
      visit: toVisitView(visit, availableVisitEvents(visit, 'consumer', { openid, now })),
      assigned: visit.staffId !== null,
    })
  const earlier = await readDoc<VisitRecord>(visits().doc(visitId))
  if (earlier) return answer(earlier)

  const found = await visitableOrder(openid, input.orderId, input.kind, input.afterSalesId)
  if (!found.ok) return found
  const { order, district } = found.data
  const booked = await readList<VisitRecord>(
    visits()
      .where({ orderId: order._id })
      .field({ kind: true, node: true, afterSalesId: true })
      .limit(50),
  )
  const forRequest = (visit: VisitRecord) =>
    (visit.afterSalesId ?? null) === (input.afterSalesId ?? null)
  if (standingVisit(booked.filter(forRequest), input.kind)) return visitFail('VISIT_BOOKED')

  const date = chinaDateOf(input.start)
  const plan = await readDay(date)
  const request = { date, kind: input.kind, district, overrides: plan.overrides }
  const start = input.start.getTime()
  const offered = customerWindows(request, now, plan.staff, plan.booked)
  if (!offered.some(({ window }) => window.start.getTime() === start))
    return visitFail('WINDOW_CLOSED')

  const window = { start: input.start, end: new Date(start + DEFAULT_WINDOW_MINUTES * MINUTE_MS) }
  const visit: VisitRecord = {
    _id: visitId,
    requestId: input.requestId,
    kind: input.kind,
    orderId: order._id,
    afterSalesId: input.afterSalesId ?? null,
    ownerOpenid: openid,
    district,
    address: `${order.address.region} ${order.address.detail}`,
    location: input.location ? { ...input.location, name: input.location.name || null } : null,
    window,
    staffId: null,
    staffName: null,
    node: 'requested',
    version: 1,
    timeline: [{ node: 'requested', event: 'request', at: now, actorRole: 'consumer', note: '' }],
    report: null,
    sizesConfirmedAt: null,
    rating: null,
    createdAt: now,
    updatedAt: now,
  }
  const created = await inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.visits).doc(visitId)
    const raced = await readDoc<VisitRecord>(ref)
    if (raced) return raced
    await ref.set({ data: withoutId(visit) })
    return visit
  })
  if (created !== visit) return answer(created)

  const staff = pickStaff(visit, window, plan)
  if (!staff.ok) return answer(visit)
  const assigned = await applyVisitEvent(visitId, {
    event: 'assign',
    role: 'system',
    ctx: { now },
    actorOpenid: null,
    visible: () => true,
    hold: { staff: staff.data },
    note: staff.data.name,
  })
  // Taken meanwhile (SLOT_TAKEN, CONFLICT): the visit waits for the owner's dispatch.
  return answer(assigned.ok ? assigned.data.visit : visit)
})
