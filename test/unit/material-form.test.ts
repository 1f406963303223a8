// The 新增物料 form refuses exactly what merchant.saveMaterial refuses: its text limits are the
// server's (30 and 8, where the form once allowed 20 and 4) and a per-unit amount must be a whole
// number (the form once sent 0.5 and the server answered INVALID_INPUT).
import { saveMaterialPayload } from '@/domain/api/merchant'
import {
  checkMaterialForm,
  MATERIAL_TEXT_LIMITS,
  type MaterialFormFields,
} from '@/domain/material-form'
import { parsePayload } from '@/domain/validate'

const fields = (overrides: Partial<MaterialFormFields> = {}): MaterialFormFields => ({
  name: '埃及长绒棉面料',
  unit: '米',
  safetyLevel: '10',
  quantity: '0',
  perUnit: {},
  ...overrides,
})

describe('material form validation (the server check)', () => {
  test('the input limits are the longest text the server accepts', () => {
    const server = (name: string, unit: string) =>
      parsePayload(saveMaterialPayload, { name, unit, safetyLevel: 0, usage: [] }).ok
    expect(server('料'.repeat(MATERIAL_TEXT_LIMITS.name), '米')).toBe(true)
    expect(server('料'.repeat(MATERIAL_TEXT_LIMITS.name + 1), '米')).toBe(false)
    expect(server('料', '米'.repeat(MATERIAL_TEXT_LIMITS.unit))).toBe(true)
    expect(server('料', '米'.repeat(MATERIAL_TEXT_LIMITS.unit + 1))).toBe(false)
  })

  test('a 30-character name and an 8-character unit pass the form, as on the server', () => {
    const checked = checkMaterialForm(fields({ name: '棉'.repeat(30), unit: '卷'.repeat(8) }))
    expect(checked).toEqual({
      ok: true,
      value: {
        name: '棉'.repeat(30),
        unit: '卷'.repeat(8),
        safetyLevel: 10,
        quantity: 0,
        usage: [],
      },
    })
    expect(checkMaterialForm(fields({ name: '棉'.repeat(31) }))).toMatchObject({
      ok: false,
      path: 'name',
    })
  })

  test.each([
    [
      'a decimal per-unit amount',
      { perUnit: { p1: '0.5' } },
      'usage.0.perUnit',
      '每件用量必须是整数',
    ],
    [
      'a zero per-unit amount',
      { perUnit: { p1: '0' } },
      'usage.0.perUnit',
      '每件用量应在 1 到 10000 之间',
    ],
    ['a blank name', { name: '  ' }, 'name', '请填写材料名称'],
    ['a blank safety level', { safetyLevel: '' }, 'safetyLevel', '安全库存必须是整数'],
    [
      'a negative opening quantity',
      { quantity: '-1' },
      'quantity',
      '初始库存应在 0 到 1000000 之间',
    ],
  ])('refuses %s with the server message', (_, overrides, path, message) => {
    const form = checkMaterialForm(fields(overrides as Partial<MaterialFormFields>))
    expect(form).toEqual({ ok: false, path, message })
  })

  test('blank per-unit amounts are left out; whole ones are sent as numbers', () => {
    const checked = checkMaterialForm(fields({ perUnit: { p1: '', p2: ' 3 ' } }))
    expect(checked.ok && checked.value.usage).toEqual([{ productId: 'p2', perUnit: 3 }])
  })
})
