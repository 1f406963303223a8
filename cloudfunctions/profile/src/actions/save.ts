// profile.save — a signed-in user with a valid consent; edits only their own (else NOT_FOUND).
// One transaction re-reads and bumps the consent doc: the limit of 10 holds under parallel saves.
// A retried update is idempotent; a retried create may add a copy. The contract has already
// checked every value against the bounds of the profile's kind (checkProfileValues).
import {
  consentDocId,
  hasConsent,
  toMeasurementProfile,
  type ConsentRecord,
  type MeasurementProfileRecord,
} from '@/domain/measurement-profile'
import { COLLECTIONS } from '@/domain/names'
import { fail, ok } from '@/domain/result'
import { command, inTransaction, readDoc } from '@/cloud/database'
import { profileApi } from '@/domain/api/profile'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'
import { addProfile, profileRefusal } from '@/cloud/measurement-profiles'

export const save = defineUserAction(profileApi.save, async (input, openid) => {
  const now = currentTime()
  return inTransaction(async (transaction) => {
    const consentRef = transaction.collection(COLLECTIONS.consents).doc(consentDocId(openid))
    const consent = await readDoc<ConsentRecord>(consentRef)
    if (!hasConsent(consent)) return fail('CONSENT_REQUIRED')
    const profiles = transaction.collection(COLLECTIONS.measurementProfiles)

    if (input.id !== undefined) {
      const ref = profiles.doc(input.id)
      const existing = await readDoc<MeasurementProfileRecord>(ref)
      if (existing === null || existing.ownerOpenid !== openid)
        return fail('NOT_FOUND', '没有找到这份量体档案')
      // command.set replaces `values` whole; a plain object would merge into the old keys.
      await ref.update({
        data: {
          kind: input.kind,
          name: input.name,
          values: command.set(input.values),
          updatedAt: now,
        },
      })
      await consentRef.update({ data: { updatedAt: now } })
      return ok(
        toMeasurementProfile({
          ...existing,
          kind: input.kind,
          name: input.name,
          values: input.values,
          updatedAt: now,
        }),
      )
    }

    const refused = profileRefusal(consent)
    if (refused) return refused
    const profile = { kind: input.kind, name: input.name, values: input.values }
    return ok(toMeasurementProfile(await addProfile(transaction, consentRef, openid, profile, now)))
  })
})
