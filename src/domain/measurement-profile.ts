// Measurement profiles: a consumer's saved body measurements. They are treated as sensitive
// personal data: stored only under a separate, explicit consent to the current policy version,
// deletable at any time, and withdrawing the consent deletes them all.
import { boolean, decimal, id, object, optional, record, string } from './validate'

/** Bump when the measurement-data policy text changes: earlier consents stop counting. */
export const MEASUREMENT_POLICY_VERSION = '2024-06-01'
export const CONSENT_PURPOSE = 'measurements'
export const MAX_PROFILES_PER_USER = 10
export const MAX_MEASUREMENTS_PER_PROFILE = 30
export const PROFILE_NAME_MAX = 20
/** Centimetres (or kilograms), one decimal: 1..500 covers every body measurement we take. */
export const MEASUREMENT_RANGE = { min: 1, max: 500, decimals: 1 } as const
/** Measurement ids are short snake_case keys such as `chest` or `sleeve_length`. */
export const MEASUREMENT_KEY = /^[a-z][a-z0-9_]{0,31}$/

/** `consents` document; its id is `consentDocId(openid)`. */
export interface ConsentRecord {
  _id: string
  ownerOpenid: string
  purpose: typeof CONSENT_PURPOSE
  granted: boolean
  /** The policy version the user last agreed to. */
  policyVersion: string
  grantedAt: Date | null
  withdrawnAt: Date | null
  /** How many profiles the user holds; kept in step inside the same transactions. */
  profileCount: number
  updatedAt: Date
}

export interface MeasurementProfileRecord {
  _id: string
  ownerOpenid: string
  name: string
  values: Record<string, number>
  createdAt: Date
  updatedAt: Date
}

/** What the client sees of a profile (instants as ISO strings, no owner). */
export interface MeasurementProfile {
  id: string
  name: string
  values: Record<string, number>
  createdAt: string
  updatedAt: string
}

export interface ConsentStatus {
  granted: boolean
  /** The version the client must show and ask for. */
  policyVersion: string
  /** The version the user agreed to, if any (older than policyVersion: asks again). */
  grantedVersion: string | null
  grantedAt: string | null
}

export const consentInput = object({ granted: boolean('是否同意') })

export const saveProfileInput = object({
  id: optional(id('档案编号')),
  name: string({ label: '档案名称', max: PROFILE_NAME_MAX }),
  values: record(decimal({ label: '量体数值', ...MEASUREMENT_RANGE }), {
    label: '量体数据',
    key: MEASUREMENT_KEY,
    maxKeys: MAX_MEASUREMENTS_PER_PROFILE,
  }),
})

export const removeProfileInput = object({ id: id('档案编号') })

export function consentDocId(openid: string): string {
  return `${openid}:${CONSENT_PURPOSE}`
}

/** True only for a standing consent to the current policy version. */
export function hasConsent(consent: ConsentRecord | null): consent is ConsentRecord {
  return consent !== null && consent.granted && consent.policyVersion === MEASUREMENT_POLICY_VERSION
}

export function grantConsent(
  existing: ConsentRecord | null,
  openid: string,
  now: Date,
): ConsentRecord {
  return {
    _id: consentDocId(openid),
    ownerOpenid: openid,
    purpose: CONSENT_PURPOSE,
    granted: true,
    policyVersion: MEASUREMENT_POLICY_VERSION,
    grantedAt: now,
    withdrawnAt: null,
    profileCount: existing?.profileCount ?? 0,
    updatedAt: now,
  }
}

/** The withdrawn record: every profile is deleted with it, so the count goes to 0. */
export function withdrawConsent(existing: ConsentRecord, now: Date): ConsentRecord {
  return { ...existing, granted: false, withdrawnAt: now, profileCount: 0, updatedAt: now }
}

export function toConsentStatus(consent: ConsentRecord | null): ConsentStatus {
  const standing = consent?.granted === true
  return {
    granted: hasConsent(consent),
    policyVersion: MEASUREMENT_POLICY_VERSION,
    grantedVersion: standing ? consent.policyVersion : null,
    grantedAt: standing && consent.grantedAt ? consent.grantedAt.toISOString() : null,
  }
}

export function toMeasurementProfile(profile: MeasurementProfileRecord): MeasurementProfile {
  return {
    id: profile._id,
    name: profile.name,
    values: profile.values,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  }
}
