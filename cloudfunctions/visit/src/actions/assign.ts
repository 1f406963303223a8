// visit.assign — the owner: a requested visit is assigned, a scheduled one reassigned, to the
// owner's pick (checked by chooseStaff with that one person) or the automatic choice. Two
// assignments of one person's time cannot both apply: applyVisitEvent's slot claims.
import { visitApi } from '@/domain/api/visit'
import { fail, ok } from '@/domain/result'
import { toVisitView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import type { VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { readDoc } from '@/cloud/database'
import { applyVisitEvent, dayOf, readDay, visits, windowOf } from '@/cloud/visits'
import { pickStaff } from './choose'
import { defineOwnerAction } from './define'

export const assign = defineOwnerAction(visitApi.assign, async (input, openid) => {
  const now = currentTime()
  const visit = await readDoc<VisitRecord>(visits().doc(input.visitId))
  if (!visit) return fail('NOT_FOUND', '没有找到这次上门预约')
  const window = windowOf(visit)
  const staff = pickStaff(visit, window, await readDay(dayOf(visit)), input.staffId)
  if (!staff.ok) return staff
  const done = await applyVisitEvent(visit._id, {
    event: visit.node === 'requested' ? 'assign' : 'reassign',
    role: 'owner',
    ctx: { now },
    actorOpenid: openid,
    expectedVersion: input.expectedVersion,
    visible: () => true,
    hold: { staff: staff.data },
    note: staff.data.name,
  })
  if (!done.ok) return done
  const next = done.data.visit
  return ok({ visit: toVisitView(next, availableVisitEvents(next, 'owner', { now })) })
})
