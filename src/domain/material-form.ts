// The 新增物料 form's fields, checked by merchant.saveMaterial's own payload check: the form
// cannot accept a name, unit or amount the server refuses (limits live in one place).
import { saveMaterialPayload, MATERIAL_TEXT_LIMITS, type SaveMaterialPayload } from './api/merchant'
import type { Checked } from './validate'

export { MATERIAL_TEXT_LIMITS }

export interface MaterialFormFields {
  name: string
  unit: string
  safetyLevel: string
  quantity: string
  /** Per product id, as typed; blank means the product does not use the material. */
  perUnit: Record<string, string>
}

/** A typed number, or the text itself when it is not one (so the check names the field). */
const numberOf = (text: string): unknown => {
  const trimmed = text.trim()
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed
}

export function checkMaterialForm(fields: MaterialFormFields): Checked<SaveMaterialPayload> {
  return saveMaterialPayload(
    {
      name: fields.name,
      unit: fields.unit,
      safetyLevel: numberOf(fields.safetyLevel),
      quantity: numberOf(fields.quantity),
      usage: Object.entries(fields.perUnit)
        .filter(([, value]) => value.trim() !== '')
        .map(([productId, value]) => ({ productId, perUnit: numberOf(value) })),
    },
    '',
  )
}
