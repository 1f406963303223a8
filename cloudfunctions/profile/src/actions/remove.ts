// profile.remove — the owner only (missing and someone else's profile both answer NOT_FOUND).
// Delete and profile count commit in one transaction; a retried remove answers NOT_FOUND.
import {
  consentDocId,
  type ConsentRecord,
  type MeasurementProfileRecord,
} from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { fail, ok } from '@/domain/result'
import { inTransaction, readDoc } from '@/cloud/database'
import { profileApi } from '@/domain/api/profile'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const remove = defineUserAction(profileApi.remove, async (input, openid) => {
  const now = currentTime()
  return inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.measurementProfiles).doc(input.id)
    const existing = await readDoc<MeasurementProfileRecord>(ref)
    if (existing === null || existing.ownerOpenid !== openid)
      return fail('NOT_FOUND', '没有找到这份量体档案')
    await ref.remove()
    const consentRef = transaction.collection(COLLECTIONS.consents).doc(consentDocId(openid))
    const consent = await readDoc<ConsentRecord>(consentRef)
    // A withdrawn consent already counts 0 (its profiles are being deleted).
    if (consent !== null && consent.granted && consent.profileCount > 0)
      await consentRef.update({ data: { profileCount: consent.profileCount - 1, updatedAt: now } })
    return ok({ id: input.id })
  })
})
