// profile.consent — any signed-in user, for themselves; withdrawing deletes all their profiles.
// Retry-safe. Its transaction writes the consent doc that save/remove also write: no lost race.
import {
  consentDocId,
  grantConsent,
  hasConsent,
  toConsentStatus,
  withdrawConsent,
  type ConsentRecord,
} from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { db, inTransaction, readDoc } from '@/cloud/database'
import { profileApi } from '@/domain/api/profile'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const consent = defineUserAction(profileApi.consent, async ({ granted }, openid) => {
  const now = currentTime()
  const record = await inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.consents).doc(consentDocId(openid))
    const existing = await readDoc<ConsentRecord>(ref)
    if (granted ? hasConsent(existing) : existing === null || !existing.granted) return existing
    const next = granted ? grantConsent(existing, openid, now) : withdrawConsent(existing!, now)
    const { _id, ...fields } = next
    await ref.set({ data: fields })
    return next
  })
  if (granted) return ok({ ...toConsentStatus(record), removedProfiles: 0 })
  // Outside the transaction (no where() inside one); re-run by a retried withdrawal.
  const removed = (await db
    .collection(COLLECTIONS.measurementProfiles)
    .where({ ownerOpenid: openid })
    .remove()) as { stats: { removed: number } }
  return ok({ ...toConsentStatus(record), removedProfiles: removed.stats.removed })
})
