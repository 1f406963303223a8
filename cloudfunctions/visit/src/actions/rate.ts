// visit.rate — the visit's customer, once, on a done visit (ALREADY_RATED after). One
// transaction re-reads the visit, so two taps rate once.
import { visitFail } from '@/domain/visit-errors'
import { visitApi } from '@/domain/api/visit'
import { COLLECTIONS } from '@/domain/names'
import { fail, ok } from '@/domain/result'
import { toVisitView } from '@/domain/visit-booking'
import { availableVisitEvents } from '@/domain/visit-machine'
import type { VisitRecord } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { inTransaction, readDoc } from '@/cloud/database'
import { defineUserAction } from '@/cloud/router'
import { windowOf } from '@/cloud/visits'

export const rate = defineUserAction(visitApi.rate, async (input, openid) => {
  const now = currentTime()
  return inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.visits).doc(input.visitId)
    const stored = await readDoc<VisitRecord>(ref)
    if (!stored || stored.ownerOpenid !== openid) return fail('NOT_FOUND', '没有找到这次上门预约')
    if (stored.node !== 'done') return fail('INVALID_TRANSITION', '上门完成后才能评价')
    if (stored.rating) return visitFail('ALREADY_RATED')
    const rating = {
      punctuality: input.punctuality,
      professionalism: input.professionalism,
      at: now,
    }
    const version = stored.version + 1
    await ref.update({ data: { rating, version, updatedAt: now } })
    const visit = { ...stored, window: windowOf(stored), rating, version, updatedAt: now }
    return ok({
      visit: toVisitView(visit, availableVisitEvents(visit, 'consumer', { openid, now })),
    })
  })
})
