// Measurement profiles know what they measure (身体尺寸 for shirts, 窗户尺寸 for curtains), refuse
// values no one has, and are checked against a product's own ranges when applied to it.
import {
  PROFILE_KIND_SPECS,
  PROFILE_KINDS,
  applyProfile,
  profileKindFor,
  profileKindOf,
  profileValueProblem,
  saveProfileInput,
  toMeasurementProfile,
  type MeasurementProfileRecord,
} from '@/domain/measurement-profile'
import { parsePayload } from '@/domain/validate'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import { product } from './order-factories'

const shirt = product('prod_shirt')
const curtain = product('prod_curtain')
const bodyField = (id: string) => PROFILE_KIND_SPECS.body.measurements.find((m) => m.id === id)!

describe('the bounds a profile value must lie in', () => {
  test.each([
    [39, null],
    [62, null],
    [99, '领围应在 25 到 65 cm 之间'],
    [10, '领围应在 25 到 65 cm 之间'],
    [39.25, '领围最多保留 1 位小数'],
    [Number.NaN, '领围必须是数字'],
  ])('领围 %s -> %s', (value, problem) => {
    expect(profileValueProblem(bodyField('neck'), value)).toBe(problem)
  })

  test('profile.save refuses 领围 99 on the field, with the same message as the form', () => {
    expect(parsePayload(saveProfileInput, { name: '本人', values: { neck: 99 } })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: '领围应在 25 到 65 cm 之间',
      field: 'values.neck',
    })
  })

  test('a profile holds only its kind measurements', () => {
    expect(
      parsePayload(saveProfileInput, { kind: 'body', name: '窗', values: { width: 180 } }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'values.width' })
    expect(
      parsePayload(saveProfileInput, { kind: 'door', name: '门', values: { width: 180 } }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'kind' })
    expect(
      parsePayload(saveProfileInput, {
        kind: 'window',
        name: '客厅',
        values: { width: 180, height: 260 },
      }),
    ).toEqual({
      ok: true,
      data: { kind: 'window', name: '客厅', values: { width: 180, height: 260 } },
    })
  })

  test('a payload without a kind (an older client) is a body profile', () => {
    expect(parsePayload(saveProfileInput, { name: '本人', values: { neck: 39 } })).toEqual({
      ok: true,
      data: { kind: 'body', name: '本人', values: { neck: 39 } },
    })
  })

  test('stored profiles from before kinds read as body profiles', () => {
    const at = new Date('2024-05-01T00:00:00Z')
    const stored: Omit<MeasurementProfileRecord, 'createdAt' | 'updatedAt'> = {
      _id: 'p1',
      ownerOpenid: 'o',
      name: '旧',
      values: { neck: 39 },
    }
    expect(profileKindOf(stored)).toBe('body')
    expect(toMeasurementProfile({ ...stored, createdAt: at, updatedAt: at })).toMatchObject({
      id: 'p1',
      kind: 'body',
    })
  })

  test.each(DEMO_PRODUCTS.flatMap((p) => p.measurements.map((m) => [p.name, m] as const)))(
    '%s %o: every value the product accepts fits a profile of its kind',
    (_name, m) => {
      const holders = PROFILE_KINDS.flatMap((kind) =>
        PROFILE_KIND_SPECS[kind].measurements.filter((held) => held.id === m.id),
      )
      expect(holders).toHaveLength(1)
      const [held] = holders
      expect({ label: held.label, unit: held.unit }).toEqual({ label: m.label, unit: m.unit })
      expect(held.min).toBeLessThanOrEqual(m.min)
      expect(held.max).toBeGreaterThanOrEqual(m.max)
    },
  )
})

describe('matching a profile to a product', () => {
  test('shirts take body profiles, curtains window profiles, a filter none', () => {
    expect(profileKindFor(shirt)).toBe('body')
    expect(profileKindFor(curtain)).toBe('window')
    expect(profileKindFor(product('prod_filter'))).toBeNull()
  })

  test('the curtain kind is a form with 宽度 and 高度', () => {
    expect(PROFILE_KIND_SPECS.window.measurements.map((m) => m.label)).toEqual(['宽度', '高度'])
  })
})

describe('applying a profile to a product', () => {
  test('values in the product range are taken', () => {
    expect(applyProfile(shirt.measurements, { neck: 39, chest: 96.5, width: 200 })).toEqual({
      values: { neck: 39, chest: 96.5 },
      problems: {},
    })
  })

  test('a value outside the product range is not taken, and says why', () => {
    expect(applyProfile(shirt.measurements, { neck: 62, chest: 96 })).toEqual({
      values: { chest: 96 },
      problems: { neck: '领围 62 cm 超出本商品范围 30–60 cm' },
    })
  })

  test('a value off the product step is not taken either', () => {
    expect(applyProfile(curtain.measurements, { width: 180.5, height: 260 })).toEqual({
      values: { height: 260 },
      problems: { width: '宽度 180.5 cm 不能用于本商品：请按 1 cm 填写' },
    })
  })
})
