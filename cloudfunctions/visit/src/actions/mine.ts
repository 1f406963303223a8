// visit.mine — signed-in customers; read-only. Their visits (or one order's), soonest first,
// each with the buttons the state table allows them now.
import { visitApi } from '@/domain/api/visit'
import { ok } from '@/domain/result'
import { toVisitView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import type { VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { readList } from '@/cloud/database'
import { defineUserAction } from '@/cloud/router'
import { visits, windowOf } from '@/cloud/visits'

/** More than a customer books; the list is never paged. */
const MAX_VISITS = 50

export const mine = defineUserAction(visitApi.mine, async ({ orderId }, openid) => {
  const now = currentTime()
  const where = orderId ? { ownerOpenid: openid, orderId } : { ownerOpenid: openid }
  const rows = await readList<VisitRecord>(
    visits().where(where).orderBy('window.start', 'asc').limit(MAX_VISITS),
  )
  return ok({
    visits: rows.map((row) => {
      const visit = { ...row, window: windowOf(row) }
      return toVisitView(visit, availableVisitEvents(visit, 'consumer', { openid, now }))
    }),
  })
})
