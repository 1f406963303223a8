// Measurement profiles: a consumer's saved measurements, of one kind (the body, for shirts; a
// window, for curtains). They are treated as sensitive personal data: stored only under a
// separate, explicit consent to the current policy version, deletable at any time, and
// withdrawing the consent deletes them all.
import type { Measurement } from './product-schema'
import {
  boolean,
  id,
  invalid,
  object,
  oneOf,
  optional,
  record,
  refine,
  string,
  valid,
  withDefault,
  type Check,
  type Checked,
} from './validate'

/** Bump when the measurement-data policy text changes: earlier consents stop counting. */
export const MEASUREMENT_POLICY_VERSION = '2024-06-01'
export const CONSENT_PURPOSE = 'measurements'
export const MAX_PROFILES_PER_USER = 10
export const MAX_MEASUREMENTS_PER_PROFILE = 30
export const PROFILE_NAME_MAX = 20
/** Measurement ids are short snake_case keys such as `chest` or `width`. */
export const MEASUREMENT_KEY = /^[a-z][a-z0-9_]{0,31}$/
/** Profile values keep one decimal (a product may then ask for 0.5 or 1 steps). */
export const PROFILE_DECIMALS = 1

/** One measurement a profile can hold: a product measurement's id, label and unit, with sane
 * bounds for anyone (wider than one product's range: a product checks its own when applied). */
export type ProfileMeasurement = Pick<Measurement, 'id' | 'label' | 'unit' | 'min' | 'max'>

export const PROFILE_KINDS = ['body', 'window'] as const
export type ProfileKind = (typeof PROFILE_KINDS)[number]
/** Profiles stored before kinds existed held the shirt's measurements only. */
export const LEGACY_PROFILE_KIND: ProfileKind = 'body'

const cm = (key: string, label: string, min: number, max: number): ProfileMeasurement => ({
  id: key,
  label,
  unit: 'cm',
  min,
  max,
})

/**
 * What each kind of profile measures. Ids are the products' measurement ids (a product's
 * measurement with one of these ids can be filled from a profile of that kind), and each
 * product's range lies inside these bounds (the seed test checks the demo products).
 */
export const PROFILE_KIND_SPECS: Record<
  ProfileKind,
  { label: string; hint: string; measurements: ProfileMeasurement[] }
> = {
  body: {
    label: '身体尺寸',
    hint: '衬衫等服装',
    measurements: [
      cm('neck', '领围', 25, 65),
      cm('chest', '胸围', 60, 180),
      cm('shoulder', '肩宽', 30, 70),
      cm('sleeve', '袖长', 40, 90),
      cm('length', '衣长', 50, 110),
    ],
  },
  window: {
    label: '窗户尺寸',
    hint: '窗帘等软装',
    measurements: [cm('width', '宽度', 20, 1000), cm('height', '高度', 20, 500)],
  },
}

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
  /** Absent on profiles saved before kinds existed: LEGACY_PROFILE_KIND. */
  kind?: ProfileKind
  name: string
  values: Record<string, number>
  createdAt: Date
  updatedAt: Date
}

/** What the client sees of a profile (instants as ISO strings, no owner). */
export interface MeasurementProfile {
  id: string
  kind: ProfileKind
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

/** The problem with one value for a profile measurement (the form and profile.save both ask). */
export function profileValueProblem(m: ProfileMeasurement, value: number): string | null {
  if (!Number.isFinite(value)) return `${m.label}必须是数字`
  if (value < m.min || value > m.max) return `${m.label}应在 ${m.min} 到 ${m.max} ${m.unit} 之间`
  const scale = 10 ** PROFILE_DECIMALS
  if (Math.abs(value * scale - Math.round(value * scale)) > 1e-6)
    return `${m.label}最多保留 ${PROFILE_DECIMALS} 位小数`
  return null
}

/** Every value is one this kind measures, within its bounds. */
export function checkProfileValues(
  kind: ProfileKind,
  values: Record<string, number>,
  path = 'values',
): Checked<Record<string, number>> {
  const spec = PROFILE_KIND_SPECS[kind]
  for (const [key, value] of Object.entries(values)) {
    const m = spec.measurements.find((candidate) => candidate.id === key)
    const at = `${path}.${key}`
    if (!m) return invalid(at, `${spec.label}档案不包含这项尺寸：${key}`)
    const problem = profileValueProblem(m, value)
    if (problem) return invalid(at, problem)
  }
  return valid(values)
}

const aNumber: Check<number> = (value, path) =>
  typeof value === 'number' && Number.isFinite(value)
    ? valid(value)
    : invalid(path, '量体数值必须是数字')

/** The profile's name, as profile.save checks it; the form checks it with the same check. */
export const profileNameCheck = string({ label: '档案名称', max: PROFILE_NAME_MAX, oneLine: true })

export const saveProfileInput = refine(
  object({
    id: optional(id('档案编号')),
    /** Left out by clients older than kinds: their forms held the body measurements. */
    kind: withDefault(oneOf('档案类型', PROFILE_KINDS), LEGACY_PROFILE_KIND),
    name: profileNameCheck,
    values: record(aNumber, {
      label: '量体数据',
      key: MEASUREMENT_KEY,
      maxKeys: MAX_MEASUREMENTS_PER_PROFILE,
    }),
  }),
  (input, path) => checkProfileValues(input.kind, input.values, path ? `${path}.values` : 'values'),
  (input, values) => ({ ...input, values }),
)

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
    kind: profileKindOf(profile),
    name: profile.name,
    values: profile.values,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  }
}

export function profileKindOf(profile: Pick<MeasurementProfileRecord, 'kind'>): ProfileKind {
  return profile.kind ?? LEGACY_PROFILE_KIND
}

/**
 * The kind of profile that can fill a product's measurements: the one holding the most of them
 * (none: the product takes no measurements a profile holds, so it offers no profiles).
 */
export function profileKindFor(product: { measurements: Pick<Measurement, 'id'>[] }) {
  let best: { kind: ProfileKind; held: number } | null = null
  for (const kind of PROFILE_KINDS) {
    const ids = PROFILE_KIND_SPECS[kind].measurements.map((m) => m.id)
    const held = product.measurements.filter((m) => ids.includes(m.id)).length
    if (held > 0 && (best === null || held > best.held)) best = { kind, held }
  }
  return best?.kind ?? null
}

/** A profile's values checked against one product's measurements, as the form takes them. */
export interface AppliedProfile {
  /** Values the product accepts, by measurement id. */
  values: Record<string, number>
  /** Values the product does not accept, by measurement id: why, in Chinese. */
  problems: Record<string, string>
}

/** Which of a profile's values a product accepts: in its range and on its step. */
export function applyProfile(
  measurements: Measurement[],
  values: Record<string, number>,
): AppliedProfile {
  const applied: AppliedProfile = { values: {}, problems: {} }
  for (const m of measurements) {
    const value = values[m.id]
    if (value === undefined) continue
    const shown = `${m.label} ${value} ${m.unit}`
    const steps = (value - m.min) / m.step
    if (value < m.min || value > m.max)
      applied.problems[m.id] = `${shown} 超出本商品范围 ${m.min}–${m.max} ${m.unit}`
    else if (Math.abs(steps - Math.round(steps)) > 1e-6)
      applied.problems[m.id] = `${shown} 不能用于本商品：请按 ${m.step} ${m.unit} 填写`
    else applied.values[m.id] = value
  }
  return applied
}
