// How 师傅管理 sees a staff row: whether the person has joined, never their openid; the invite
// only while nobody has joined; the next days' hours.
import type { StaffView } from '@/domain/api/visit-staff'
import { addDays, type ChinaDate } from '@/domain/china-date'
import { COLLECTIONS } from '@/domain/names'
import type { StaffRecord } from '@/domain/visit-booking'
import type { AvailabilityOverride, DailyHours } from '@/domain/visit-hours'
import { isJoined, STAFF_LIST_DAYS, upcomingHours } from '@/domain/visit-staff'
import { command, db, readUpTo } from '@/cloud/database'

/** The server SDK reads 1000 rows at most. */
const MAX_OWN_DAYS = 1000

/** The days' own hours set from `today` over the next STAFF_LIST_DAYS: everyone's, or one person's. */
export const readUpcomingHours = (today: ChinaDate, staffId?: string) =>
  readUpTo<AvailabilityOverride>(
    db.collection(COLLECTIONS.availability).where({
      ...(staffId ? { staffId } : {}),
      date: command.gte(today).and(command.lte(addDays(today, STAFF_LIST_DAYS - 1))),
    }),
    staffId ? STAFF_LIST_DAYS : MAX_OWN_DAYS,
  )

export function toStaffView(
  row: StaffRecord,
  own: readonly AvailabilityOverride[],
  today: ChinaDate,
): StaffView {
  const joined = isJoined(row)
  const days = new Map<ChinaDate, DailyHours[]>(
    own.filter((entry) => entry.staffId === row._id).map((entry) => [entry.date, entry.hours]),
  )
  return {
    id: row._id,
    name: row.name,
    role: row.role,
    skills: row.skills,
    districts: row.districts,
    weeklyHours: row.weeklyHours,
    active: row.active,
    joined,
    invite:
      !joined && row.invite
        ? { code: row.invite.code, expiresAt: new Date(row.invite.expiresAt) }
        : null,
    days: upcomingHours(row.weeklyHours, days, today),
  }
}
