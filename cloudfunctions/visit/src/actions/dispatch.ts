// visit.dispatch — the owner; read-only. A China day's visits (today on the cloud's clock by
// default), earliest first: those needing a person (requested) or a new slot (missed), and those
// holding someone's time, each with the customer's name and chooseStaff's choice and why not the
// others; and the active staff with that day's hours and load (派单's 师傅 list). Reads: the visits
// and the day's plan in parallel, then the visits' orders.
import { visitApi, type DispatchStaff } from '@/domain/api/visit'
import { chinaDateOf, chinaDayRange, type ChinaDate } from '@/domain/china-date'
import { COLLECTIONS } from '@/domain/names'
import type { OrderRecord } from '@/domain/order-types'
import { ok } from '@/domain/result'
import { formatChinaTime } from '@/domain/time'
import { toVisitView } from '@/domain/visit-booking'
import { workingSpans } from '@/domain/visit-hours'
import { availableVisitEvents } from '@/domain/visit-machine'
import { HOLDING_VISIT_NODES, type VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { command, db, readUpTo } from '@/cloud/database'
import { readDay, visits, windowOf, type DayPlan } from '@/cloud/visits'
import { assignmentFor } from './choose'
import { defineOwnerAction } from './define'

const MAX_VISITS = 200
const SHOWN_NODES = ['requested', 'missed', ...HOLDING_VISIT_NODES]

async function customerNames(orderIds: string[]): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map()
  const orders = await readUpTo<Pick<OrderRecord, '_id' | 'address'>>(
    db
      .collection(COLLECTIONS.orders)
      .where({ _id: command.in(orderIds) })
      .field({ _id: true, address: true }),
    MAX_VISITS,
  )
  return new Map(orders.map((order) => [order._id, order.address.name]))
}

const staffOfDay = (plan: DayPlan, date: ChinaDate): DispatchStaff[] =>
  [...plan.staff]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((member) => ({
      id: member.id,
      name: member.name,
      skills: [...member.skills],
      districts: [...member.districts],
      hours: workingSpans(member, date, plan.overrides).map(
        (span) => `${formatChinaTime(span.start, 'HH:mm')}–${formatChinaTime(span.end, 'HH:mm')}`,
      ),
      visits: plan.booked.filter((visit) => visit.staffId === member.id).length,
    }))

export const dispatch = defineOwnerAction(visitApi.dispatch, async (input) => {
  const now = currentTime()
  const date = input.date ?? chinaDateOf(now)
  const { start, end } = chinaDayRange(date)
  const [rows, plan] = await Promise.all([
    readUpTo<VisitRecord>(
      visits()
        .where({
          node: command.in(SHOWN_NODES),
          'window.start': command.gte(start).and(command.lt(end)),
        })
        .orderBy('window.start', 'asc'),
      MAX_VISITS,
    ),
    readDay(date),
  ])
  const names = await customerNames([...new Set(rows.map((row) => row.orderId))])
  return ok({
    date,
    items: rows.map((row) => {
      const visit = { ...row, window: windowOf(row) }
      return {
        visit: toVisitView(visit, availableVisitEvents(visit, 'owner', { now })),
        customer: names.get(visit.orderId) ?? null,
        staffId: visit.staffId,
        assignment: assignmentFor(visit, visit.window, plan),
      }
    }),
    staff: staffOfDay(plan, date),
  })
})
