// Adding a measurement profile inside a caller's transaction: profile.save and
// visit.confirmSizes. The consent document is re-read and bumped in the same transaction, so the
// limit of MAX_PROFILES_PER_USER holds under parallel saves. Callers check first
// (`profileRefusal`) and add last, so a refusal of any of their checks writes nothing.
import {
  MAX_PROFILES_PER_USER,
  consentDocId,
  hasConsent,
  type ConsentRecord,
  type MeasurementProfileRecord,
} from '../domain/measurement-profile'
import { COLLECTIONS } from '../domain/names'
import { fail, type Fail } from '../domain/result'
import { command, readDoc, type Transaction } from './database'

export type NewProfile = Pick<MeasurementProfileRecord, 'kind' | 'name' | 'values'>

export async function readConsent(transaction: Transaction, openid: string) {
  const ref = transaction.collection(COLLECTIONS.consents).doc(consentDocId(openid))
  return { ref, consent: await readDoc<ConsentRecord>(ref) }
}

/** Why no new profile may be added: CONSENT_REQUIRED or PROFILE_LIMIT; null when one may. */
export function profileRefusal(consent: ConsentRecord | null): Fail | null {
  if (!hasConsent(consent)) return fail('CONSENT_REQUIRED')
  if (consent.profileCount >= MAX_PROFILES_PER_USER)
    return fail('PROFILE_LIMIT', `最多保存 ${MAX_PROFILES_PER_USER} 份量体档案，请先删除不用的档案`)
  return null
}

export async function addProfile(
  transaction: Transaction,
  consentRef: Awaited<ReturnType<typeof readConsent>>['ref'],
  openid: string,
  profile: NewProfile,
  now: Date,
): Promise<MeasurementProfileRecord> {
  const fields: Omit<MeasurementProfileRecord, '_id'> = {
    ownerOpenid: openid,
    ...profile,
    createdAt: now,
    updatedAt: now,
  }
  const profiles = transaction.collection(COLLECTIONS.measurementProfiles)
  const { _id } = (await profiles.add({ data: fields })) as { _id: string }
  await consentRef.update({ data: { profileCount: command.inc(1), updatedAt: now } })
  return { _id, ...fields }
}
