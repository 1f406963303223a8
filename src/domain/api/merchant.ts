// Contracts of the merchant function's actions: each payload check runs in the function before
// anything is read, and in the page's form before anything is sent.
import { array, id, integer, object, optional, string, type Infer } from '../validate'

/** Longest material name and unit (the form's input limits come from here too). */
export const MATERIAL_TEXT_LIMITS = { name: 30, unit: 8 } as const

export const saveMaterialPayload = object({
  id: optional(id('材料')),
  name: string({ label: '材料名称', max: MATERIAL_TEXT_LIMITS.name }),
  unit: string({ label: '单位', max: MATERIAL_TEXT_LIMITS.unit }),
  safetyLevel: integer({ label: '安全库存', min: 0, max: 1_000_000 }),
  quantity: optional(integer({ label: '初始库存', min: 0, max: 1_000_000 })),
  usage: array(
    object({
      productId: id('商品'),
      perUnit: integer({ label: '每件用量', min: 1, max: 10_000 }),
    }),
    { label: '用量', min: 0, max: 20 },
  ),
})
export type SaveMaterialPayload = Infer<typeof saveMaterialPayload>
