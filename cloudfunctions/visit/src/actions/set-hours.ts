// visit.setHours — the owner for anyone, a staff member for themselves (another's id: NOT_FOUND;
// no id: the caller's own row).
// Writes availability/<staffId>__<date>, so a retry replaces the same document. Hours that no
// longer cover a visit the person holds that day answer HOURS_HOLD_VISITS, naming them, and write
// nothing. Not a transaction: an assignment that read the old hours just before may still land.
import { visitStaffApi } from '@/domain/api/visit-staff'
import { chinaDateOf, chinaDayRange, chinaMinuteOf } from '@/domain/china-date'
import { COLLECTIONS } from '@/domain/names'
import { fail, ok } from '@/domain/result'
import type { StaffRecord } from '@/domain/visit-booking'
import { visitFail } from '@/domain/visit-errors'
import { workingSpans } from '@/domain/visit-hours'
import { availabilityId, hoursDateProblem, uncoveredVisits } from '@/domain/visit-staff'
import { HOLDING_VISIT_NODES, type VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { requireUser } from '@/cloud/context'
import { command, db, readDoc, readList } from '@/cloud/database'
import { isMerchant } from '@/cloud/merchants'
import { defineAction } from '@/cloud/router'
import { staffOf, staffRows } from '@/cloud/staff'
import { visits, windowOf } from '@/cloud/visits'

const clock = (instant: Date) => chinaMinuteOf(instant).slice(11)

export const setHours = defineAction(visitStaffApi.setHours, async (input, caller) => {
  const user = requireUser(caller)
  if (!user.ok) return user
  const [merchant, me] = await Promise.all([isMerchant(user.data), staffOf(user.data)])
  const owner = merchant || me?.role === 'owner'
  if (!owner && !me) return fail('FORBIDDEN', '仅服务师傅可以进行此操作')
  const staffId = input.staffId ?? me?._id
  if (!staffId) return fail('INVALID_INPUT', '请选择师傅', 'staffId')
  if (!owner && me?._id !== staffId) return fail('NOT_FOUND', '没有找到这位师傅', 'staffId')

  const now = currentTime()
  const problem = hoursDateProblem(input.date, chinaDateOf(now))
  if (problem) return fail('INVALID_INPUT', problem, 'date')
  const { start, end } = chinaDayRange(input.date)
  const [row, held] = await Promise.all([
    readDoc<StaffRecord>(staffRows().doc(staffId)),
    readList<VisitRecord>(
      visits()
        .where({
          staffId,
          node: command.in([...HOLDING_VISIT_NODES]),
          'window.start': command.gte(start).and(command.lt(end)),
        })
        .field({ _id: true, window: true })
        .limit(100),
    ),
  ])
  if (!row) return fail('NOT_FOUND', '没有找到这位师傅', 'staffId')
  const entry = { staffId, date: input.date, hours: input.hours }
  const spans = workingSpans({ id: staffId, weeklyHours: [] }, input.date, [entry])
  const uncovered = uncoveredVisits(
    held.map((visit) => ({ window: windowOf(visit) })),
    spans,
  )
  if (uncovered.length > 0) {
    const times = uncovered.map(({ window }) => `${clock(window.start)}–${clock(window.end)}`)
    return visitFail(
      'HOURS_HOLD_VISITS',
      `${row.name}这天还有 ${uncovered.length} 个上门（${times.join('、')}）不在新的工时内，请先改派`,
      'hours',
    )
  }
  await db
    .collection(COLLECTIONS.availability)
    .doc(availabilityId(staffId, input.date))
    .set({ data: { ...entry, note: input.note, updatedAt: now } })
  return ok({ date: input.date, hours: input.hours, note: input.note })
})
