// profile.consentStatus — any signed-in user, about themselves. Read-only.
import { consentDocId, toConsentStatus, type ConsentRecord } from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { noPayload } from '@/domain/validate'
import { requireUser } from '@/cloud/context'
import { db, readDoc } from '@/cloud/database'
import { defineAction } from '@/cloud/router'

export const consentStatus = defineAction(noPayload, async (_input, caller) => {
  const user = requireUser(caller)
  if (!user.ok) return user
  const consent = await readDoc<ConsentRecord>(
    db.collection(COLLECTIONS.consents).doc(consentDocId(user.data)),
  )
  return ok(toConsentStatus(consent))
})
