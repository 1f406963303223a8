// 派单's data: one China day's visits (visit.dispatch; today on the cloud's clock until the owner
// moves the day) and the owner's changes: automatic or chosen assignment, and booking a missed
// visit again (visit.reschedule). Every answer but a lost network reloads the day, so a CONFLICT
// (the visit changed, or the person was taken meanwhile) shows what is true now.
import { useCallback } from 'react'
import type { ResultOf } from '@/domain/api/contract'
import { visitApi } from '@/domain/api/visit'
import type { ChinaDate } from '@/domain/china-date'
import { useCloud } from '@/hooks/useCloud'
import { useSettle } from '@/hooks/useSettle'
import { callCloud } from '@/services/cloud'

/** One visit of the day as it arrives (instants as strings). */
export type DispatchRow = ResultOf<typeof visitApi.dispatch>['items'][number]
export type DispatchStaffRow = ResultOf<typeof visitApi.dispatch>['staff'][number]

export function useDispatch(date: ChinaDate | undefined) {
  const day = useCloud(visitApi.dispatch, date ? { date } : {})
  const { reload } = day
  const { busy, settle } = useSettle(reload)

  /** Without `staffId` the automatic choice; `assign` or `reassign` as the visit's node says. */
  const assign = useCallback(
    (row: DispatchRow, staffId?: string) =>
      settle(
        callCloud(visitApi.assign, {
          visitId: row.visit.id,
          expectedVersion: row.visit.version,
          ...(staffId ? { staffId } : {}),
        }),
      ),
    [settle],
  )

  /** A new window for a missed visit: its person if still free, otherwise whoever is. */
  const rebook = useCallback(
    (row: DispatchRow, start: string) =>
      settle(
        callCloud(visitApi.reschedule, {
          visitId: row.visit.id,
          start,
          expectedVersion: row.visit.version,
        }),
      ),
    [settle],
  )

  return { ...day, busy, assign, rebook }
}
