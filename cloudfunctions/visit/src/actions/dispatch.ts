// visit.dispatch — the owner; read-only. A China day's visits needing a person (requested) or a
// new slot (missed), earliest first, each with chooseStaff's choice and why not the others.
import { visitApi } from '@/domain/api/visit'
import { chinaDayRange } from '@/domain/china-date'
import { ok } from '@/domain/result'
import { toVisitView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import type { VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { command, readList } from '@/cloud/database'
import { readDay, visits, windowOf } from '@/cloud/visits'
import { assignmentFor } from './choose'
import { defineOwnerAction } from './define'

const MAX_WAITING = 200

export const dispatch = defineOwnerAction(visitApi.dispatch, async ({ date }) => {
  const now = currentTime()
  const { start, end } = chinaDayRange(date)
  const [waiting, plan] = await Promise.all([
    readList<VisitRecord>(
      visits()
        .where({
          node: command.in(['requested', 'missed']),
          'window.start': command.gte(start).and(command.lt(end)),
        })
        .orderBy('window.start', 'asc')
        .limit(MAX_WAITING),
    ),
    readDay(date),
  ])
  return ok({
    items: waiting.map((row) => {
      const visit = { ...row, window: windowOf(row) }
      return {
        visit: toVisitView(visit, availableVisitEvents(visit, 'owner', { now })),
        assignment: assignmentFor(visit, visit.window, plan),
      }
    }),
  })
})
