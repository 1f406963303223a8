// profile.consentStatus — any signed-in user, about themselves. Read-only.
import { consentDocId, toConsentStatus, type ConsentRecord } from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { noPayload } from '@/domain/validate'
import { db, readDoc } from '@/cloud/database'
import { defineUserAction } from '@/cloud/router'

export const consentStatus = defineUserAction(noPayload, async (_input, openid) => {
  const consent = await readDoc<ConsentRecord>(
    db.collection(COLLECTIONS.consents).doc(consentDocId(openid)),
  )
  return ok(toConsentStatus(consent))
})
