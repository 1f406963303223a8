// How 师傅管理 sees a staff row: whether the person has joined, never their openid; the invite
// only while nobody has joined; the next days' hours.
import type { StaffView } from '@/domain/api/visit-staff'
import type { ChinaDate } from '@/domain/china-date'
import type { StaffRecord } from '@/domain/visit-booking'
import type { AvailabilityOverride, DailyHours } from '@/domain/visit-hours'
import { isJoined, upcomingHours } from '@/domain/visit-staff'

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
