// Whom a visit goes to: chooseStaff over the day's plan, the owner's pick checked by the same
// function with that one person. The slot claims in applyVisitEvent are what make it stick.
import { visitFail } from '@/domain/visit-errors'
import { fail, ok, type Result } from '@/domain/result'
import { chooseStaff, type Assignment } from '@/domain/visit-assign'
import type { TimeWindow, VisitRecord } from '@/domain/visit-types'
import type { DayPlan } from '@/cloud/visits'

export type StaffPick = { id: string; name: string }

export function assignmentFor(
  visit: Pick<VisitRecord, '_id' | 'kind' | 'district'>,
  window: TimeWindow,
  plan: DayPlan,
  staffId?: string,
): Assignment {
  const pool = staffId ? plan.staff.filter((member) => member.id === staffId) : plan.staff
  const request = { kind: visit.kind, district: visit.district, window, visitId: visit._id }
  return chooseStaff(request, pool, plan.booked, { overrides: plan.overrides })
}

/** The person to send, or why nobody (NOT_FOUND, STAFF_UNAVAILABLE, NO_STAFF). */
export function pickStaff(
  visit: Pick<VisitRecord, '_id' | 'kind' | 'district'>,
  window: TimeWindow,
  plan: DayPlan,
  staffId?: string,
): Result<StaffPick> {
  if (staffId && !plan.staff.some((member) => member.id === staffId))
    return fail('NOT_FOUND', '没有这位师傅')
  const { choice, rejected } = assignmentFor(visit, window, plan, staffId)
  if (choice) return ok({ id: choice.staffId, name: choice.name })
  return staffId
    ? visitFail('STAFF_UNAVAILABLE', rejected[0]?.explanation ?? '这位师傅在该时段不能上门')
    : visitFail('NO_STAFF')
}
