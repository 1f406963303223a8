// visit.act — the assigned staff member only (others: NOT_FOUND): set out (from the visit's
// China day) or arrive. Sent late from a weak signal with `expectedVersion`, an event the visit
// has already passed answers ok with `already: true` rather than an error.
import { visitApi } from '@/domain/api/visit'
import { fail, ok } from '@/domain/result'
import { toVisitView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import type { VisitNode, VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { readDoc } from '@/cloud/database'
import { applyVisitEvent, visits, windowOf } from '@/cloud/visits'
import { defineStaffAction } from './define'

/** The way forward; an event's node reached or passed means it was applied. */
const PROGRESS: readonly VisitNode[] = ['scheduled', 'on_the_way', 'arrived', 'done']
const REACHES = { set_out: 'on_the_way', arrive: 'arrived' } as const

export const act = defineStaffAction(visitApi.act, async (input, staff) => {
  const now = currentTime()
  const ctx = { staffId: staff._id, now }
  const done = await applyVisitEvent(input.visitId, {
    event: input.event,
    role: 'staff',
    ctx,
    actorOpenid: staff.openid,
    expectedVersion: input.expectedVersion,
    visible: (visit) => visit.staffId === staff._id,
  })
  const view = (visit: VisitRecord, already: boolean) =>
    ok({ visit: toVisitView(visit, availableVisitEvents(visit, 'staff', ctx)), already })
  if (done.ok) return view(done.data.visit, false)
  if (done.code !== 'CONFLICT' && done.code !== 'INVALID_TRANSITION') return done
  const stored = await readDoc<VisitRecord>(visits().doc(input.visitId))
  if (!stored || stored.staffId !== staff._id) return fail('NOT_FOUND', '没有找到这次上门任务')
  const passed = PROGRESS.indexOf(stored.node) >= PROGRESS.indexOf(REACHES[input.event])
  return passed ? view({ ...stored, window: windowOf(stored) }, true) : done
})
