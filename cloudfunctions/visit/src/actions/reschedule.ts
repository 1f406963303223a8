// visit.reschedule — the visit's customer (an open window, up to the shop's notice) or the owner
// (any window; nobody free leaves it requested for dispatch). The same staff member keeps it when
// chooseStaff still allows them, otherwise it is assigned again; applyVisitEvent moves the claims.
import { visitFail } from '@/domain/visit-errors'
import { visitApi } from '@/domain/api/visit'
import { chinaDateOf } from '@/domain/china-date'
import { fail, ok } from '@/domain/result'
import { DEFAULT_WINDOW_MINUTES } from '@/domain/visit-assign'
import { customerWindows, toVisitView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import type { VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { readDoc } from '@/cloud/database'
import { defineUserAction } from '@/cloud/router'
import { applyVisitEvent, readDay, visits } from '@/cloud/visits'
import { pickStaff } from './choose'
import { customerOrOwner } from './roles'

const MINUTE_MS = 60 * 1000

export const reschedule = defineUserAction(visitApi.reschedule, async (input, openid) => {
  const now = currentTime()
  const who = await customerOrOwner(openid)
  const visit = await readDoc<VisitRecord>(visits().doc(input.visitId))
  if (!visit || !who.visible(visit)) return fail('NOT_FOUND', '没有找到这次上门预约')
  const role = who.role(visit)
  const start = input.start.getTime()
  // The owner may move a visit to any time still to come, the customer only to an open window.
  if (start <= now.getTime()) return visitFail('WINDOW_CLOSED')
  const window = { start: input.start, end: new Date(start + DEFAULT_WINDOW_MINUTES * MINUTE_MS) }
  const date = chinaDateOf(input.start)
  const plan = await readDay(date)
  if (role === 'consumer') {
    const request = { date, kind: visit.kind, district: visit.district, overrides: plan.overrides }
    const others = plan.booked.filter((booked) => booked.id !== visit._id)
    const offered = customerWindows(request, now, plan.staff, others)
    if (!offered.some((open) => open.window.start.getTime() === start))
      return visitFail('WINDOW_CLOSED')
  }
  const kept = visit.staffId ? pickStaff(visit, window, plan, visit.staffId) : null
  const other = kept?.ok ? kept : pickStaff(visit, window, plan)
  const staff = other.ok ? other.data : null
  const done = await applyVisitEvent(visit._id, {
    event: 'reschedule',
    ...who,
    ctx: { openid, now },
    actorOpenid: openid,
    expectedVersion: input.expectedVersion,
    hold: { window, staff },
    node: () => (staff ? 'scheduled' : 'requested'),
    note: staff?.name ?? '',
  })
  if (!done.ok) return done
  const next = done.data.visit
  return ok({
    visit: toVisitView(next, availableVisitEvents(next, who.role(next), { openid, now })),
  })
})
