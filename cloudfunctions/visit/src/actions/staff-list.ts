// visit.staff — the owner; read-only. 师傅管理: every staff row, active first, each with their
// next STAFF_LIST_DAYS days of hours. Two reads in parallel after the owner check.
import { visitStaffApi } from '@/domain/api/visit-staff'
import { chinaDateOf } from '@/domain/china-date'
import { ok } from '@/domain/result'
import type { StaffRecord } from '@/domain/visit-booking'
import { currentTime } from '@/cloud/clock'
import { command, readList } from '@/cloud/database'
import { staffRows } from '@/cloud/staff'
import { defineOwnerAction } from './define'
import { readUpcomingHours, toStaffView } from './staff-view'

/** As the day's plan reads (src/cloud/visits.ts). */
const MAX_STAFF = 100

export const staffList = defineOwnerAction(visitStaffApi.staff, async () => {
  const today = chinaDateOf(currentTime())
  const [rows, own] = await Promise.all([
    // Index `active`: both, so the read stays on an index.
    readList<StaffRecord>(
      staffRows()
        .where({ active: command.in([true, false]) })
        .limit(MAX_STAFF),
    ),
    readUpcomingHours(today),
  ])
  const ordered = [...rows].sort(
    (a, b) =>
      Number(b.active) - Number(a.active) ||
      new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime(),
  )
  return ok({ today, staff: ordered.map((row) => toStaffView(row, own, today)) })
})
