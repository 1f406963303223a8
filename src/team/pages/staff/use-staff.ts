// 师傅管理's data: the team (visit.staff) and the owner's changes — save a person, 停用/启用, a
// day's hours. Every answer but a lost network reloads the list, so what shows is what is true.
import { useCallback } from 'react'
import type { InputOf, ResultOf } from '@/domain/api/contract'
import { visitStaffApi } from '@/domain/api/visit-staff'
import { useCloud } from '@/hooks/useCloud'
import { useSettle } from '@/hooks/useSettle'
import { callCloud } from '@/services/cloud'

export type StaffRow = ResultOf<typeof visitStaffApi.staff>['staff'][number]
export type StaffInput = InputOf<typeof visitStaffApi.saveStaff>
export type HoursInput = InputOf<typeof visitStaffApi.setHours>

export function useStaff() {
  const team = useCloud(visitStaffApi.staff, {})
  const { reload } = team
  const { busy, settle } = useSettle(reload)
  const save = useCallback(
    (input: StaffInput) => settle(callCloud(visitStaffApi.saveStaff, input)),
    [settle],
  )
  const setHours = useCallback(
    (input: HoursInput) => settle(callCloud(visitStaffApi.setHours, input)),
    [settle],
  )
  return { ...team, busy, save, setHours }
}

/** The payload that saves `row` as it is, with `changes`. */
export const staffInputOf = (row: StaffRow, changes: Partial<StaffInput> = {}): StaffInput => ({
  staffId: row.id,
  name: row.name,
  skills: row.skills,
  districts: row.districts,
  weeklyHours: row.weeklyHours,
  ...changes,
})
