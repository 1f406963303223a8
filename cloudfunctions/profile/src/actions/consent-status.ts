// profile.consentStatus — any signed-in user, about themselves. Read-only.
import { consentDocId, toConsentStatus, type ConsentRecord } from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { db, readDoc } from '@/cloud/database'
import { profileApi } from '@/domain/api/profile'
import { defineUserAction } from '@/cloud/router'

export const consentStatus = defineUserAction(profileApi.consentStatus, async (_input, openid) => {
  const consent = await readDoc<ConsentRecord>(
    db.collection(COLLECTIONS.consents).doc(consentDocId(openid)),
  )
  return ok(toConsentStatus(consent))
})
