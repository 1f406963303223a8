// visit.cancel — the visit's customer (up to the shop's notice) or the owner (until arrival);
// one transaction (applyVisitEvent) re-reads the visit and releases its slot claims.
import { visitApi } from '@/domain/api/visit'
import { ok } from '@/domain/result'
import { toVisitView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import { currentTime } from '@/cloud/clock'
import { defineUserAction } from '@/cloud/router'
import { applyVisitEvent } from '@/cloud/visits'
import { customerOrOwner } from './roles'

export const cancel = defineUserAction(visitApi.cancel, async (input, openid) => {
  const now = currentTime()
  const who = await customerOrOwner(openid)
  const done = await applyVisitEvent(input.visitId, {
    event: 'cancel',
    ...who,
    ctx: { openid, now },
    actorOpenid: openid,
    expectedVersion: input.expectedVersion,
  })
  if (!done.ok) return done
  const { visit } = done.data
  return ok({
    visit: toVisitView(visit, availableVisitEvents(visit, who.role(visit), { openid, now })),
  })
})
