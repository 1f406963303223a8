// visit.staff — the owner; read-only. 师傅管理: every staff row, active first, each with their
// next STAFF_LIST_DAYS days of hours. Two reads in parallel after the owner check.
import { visitStaffApi } from '@/domain/api/visit-staff'
import { addDays, chinaDateOf } from '@/domain/china-date'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import type { StaffRecord } from '@/domain/visit-booking'
import type { AvailabilityOverride } from '@/domain/visit-hours'
import { STAFF_LIST_DAYS } from '@/domain/visit-staff'
import { currentTime } from '@/cloud/clock'
import { command, db, readList } from '@/cloud/database'
import { staffRows } from '@/cloud/staff'
import { defineOwnerAction } from './define'
import { toStaffView } from './staff-view'

/** As the day's plan reads (src/cloud/visits.ts); the server SDK reads 1000 rows at most. */
const MAX_STAFF = 100
const MAX_OWN_DAYS = 1000

export const staffList = defineOwnerAction(visitStaffApi.staff, async () => {
  const today = chinaDateOf(currentTime())
  const last = addDays(today, STAFF_LIST_DAYS - 1)
  const [rows, own] = await Promise.all([
    // Index `active`: both, so the read stays on an index.
    readList<StaffRecord>(
      staffRows()
        .where({ active: command.in([true, false]) })
        .limit(MAX_STAFF),
    ),
    readList<AvailabilityOverride>(
      db
        .collection(COLLECTIONS.availability)
        .where({ date: command.gte(today).and(command.lte(last)) })
        .limit(MAX_OWN_DAYS),
    ),
  ])
  const ordered = [...rows].sort(
    (a, b) =>
      Number(b.active) - Number(a.active) ||
      new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime(),
  )
  return ok({ today, staff: ordered.map((row) => toStaffView(row, own, today)) })
})
