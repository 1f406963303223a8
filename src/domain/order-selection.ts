// validateOrderSelection(product, input: unknown): Result<OrderSelection>
// Checks what a customer chose against the product's schema, on the page (inline errors) and
// again in the cloud before pricing. The first problem wins; the Fail carries `field`
// ('options.fabric', 'measurements.neck', 'texts.monogram', 'quantity', 'urgent') and a
// Chinese message naming the field's label. Unknown groups, choices, measurements and text
// fields are rejected rather than dropped, so a stale page never orders something else.
import type { OptionGroup, ProductRecord } from './product-schema'
import { fail, ok, type Result } from './result'
import { cleanText, isPlainObject, shownText } from './validate'

export interface OrderSelection {
  /** groupId -> chosen choice ids (one for single groups); unchosen optional groups absent. */
  options: Record<string, string[]>
  measurements: Record<string, number>
  /** Trimmed; empty optional texts are absent. */
  texts: Record<string, string>
  quantity: number
  urgent: boolean
}

/** Made-to-order is cut per person, so orders stay small; others may buy in bulk. */
export const QUANTITY_LIMITS = { made_to_order: 10, consumable: 99, batch: 99 } as const

const TOP_LEVEL = ['options', 'measurements', 'texts', 'quantity', 'urgent']
type Problem = { field: string; message: string }

const shown = (id: string) => (Array.from(id).length > 40 ? `${shownText(id)}…` : id)
const invalid = (problem: Problem) => fail('INVALID_INPUT', problem.message, problem.field)

export function validateOrderSelection(
  product: ProductRecord,
  input: unknown,
): Result<OrderSelection> {
  if (!isPlainObject(input)) return fail('INVALID_INPUT', '请求内容必须是对象')
  const extra = Object.keys(input).find((key) => !TOP_LEVEL.includes(key))
  if (extra !== undefined)
    return invalid({ field: extra, message: `不支持的字段：${shown(extra)}` })

  const selection: OrderSelection = {
    options: {},
    measurements: {},
    texts: {},
    quantity: 0,
    urgent: false,
  }
  const problem =
    checkOptions(product, input.options ?? {}, selection) ??
    checkMeasurements(product, input.measurements ?? {}, selection) ??
    checkTexts(product, input.texts ?? {}, selection) ??
    checkQuantityAndUrgent(product, input, selection)
  return problem ? invalid(problem) : ok(selection)
}

function checkOptions(product: ProductRecord, value: unknown, out: OrderSelection): Problem | null {
  if (!isPlainObject(value)) return { field: 'options', message: '选项格式不正确' }
  for (const [groupId, chosen] of Object.entries(value)) {
    const field = `options.${groupId}`
    const group = product.optionGroups.find((g) => g.id === groupId)
    if (!group) return { field, message: `不存在的选项组：${shown(groupId)}` }
    if (!Array.isArray(chosen) || chosen.some((id) => typeof id !== 'string'))
      return { field, message: `${group.label}：选项格式不正确` }
    const unknown = chosen.find((id) => !group.choices.some((c) => c.id === id))
    if (unknown !== undefined) return { field, message: `不存在的选项：${shown(unknown)}` }
    if (new Set(chosen).size !== chosen.length)
      return { field, message: `${group.label}：选项重复` }
    const tooMany = tooManyChosen(group, chosen.length)
    if (tooMany) return { field, message: tooMany }
    if (chosen.length > 0) out.options[groupId] = [...chosen]
  }
  for (const group of product.optionGroups) {
    if (group.required && !out.options[group.id]) {
      const ask = group.type === 'single' ? '请选择一项' : '请至少选择一项'
      return { field: `options.${group.id}`, message: `${group.label}：${ask}` }
    }
  }
  return null
}

function tooManyChosen(group: OptionGroup, count: number): string | null {
  if (group.type === 'single') return count > 1 ? `${group.label}：只能选择一项` : null
  const max = group.maxChoices ?? group.choices.length
  return count > max ? `${group.label}：最多选择 ${max} 项` : null
}

function checkMeasurements(
  product: ProductRecord,
  value: unknown,
  out: OrderSelection,
): Problem | null {
  if (!isPlainObject(value)) return { field: 'measurements', message: '尺寸格式不正确' }
  for (const [id, raw] of Object.entries(value)) {
    const field = `measurements.${id}`
    const m = product.measurements.find((candidate) => candidate.id === id)
    if (!m) return { field, message: `不存在的尺寸：${shown(id)}` }
    if (typeof raw !== 'number' || !Number.isFinite(raw))
      return { field, message: `${m.label}必须是数字` }
    if (raw < m.min || raw > m.max)
      return { field, message: `${m.label}应在 ${m.min} 到 ${m.max} ${m.unit} 之间` }
    const steps = (raw - m.min) / m.step
    if (Math.abs(steps - Math.round(steps)) > 1e-6)
      return { field, message: `${m.label}请按 ${m.step} ${m.unit} 填写` }
    out.measurements[id] = raw
  }
  const missing = product.measurements.find(
    (m) => m.required && out.measurements[m.id] === undefined,
  )
  return missing ? { field: `measurements.${missing.id}`, message: `请填写${missing.label}` } : null
}

function checkTexts(product: ProductRecord, value: unknown, out: OrderSelection): Problem | null {
  if (!isPlainObject(value)) return { field: 'texts', message: '填写内容格式不正确' }
  for (const [id, raw] of Object.entries(value)) {
    const field = `texts.${id}`
    const t = product.textFields.find((candidate) => candidate.id === id)
    if (!t) return { field, message: `不存在的填写项：${shown(id)}` }
    if (typeof raw !== 'string') return { field, message: `${t.label}必须是文字` }
    // The same cleaning as every free text (validate.ts); a product's text is one line.
    const cleaned = cleanText(raw, t.label, { oneLine: true })
    if (!cleaned.ok) return { field, message: cleaned.message }
    const text = cleaned.text.trim()
    // Code points, so an emoji counts as one character as the customer sees it; a string of
    // more than two UTF-16 units per allowed character is too long without counting.
    if (text.length > t.maxLength * 2 || Array.from(text).length > t.maxLength)
      return { field, message: `${t.label}不能超过 ${t.maxLength} 个字` }
    if (text !== '') out.texts[id] = text
  }
  const missing = product.textFields.find((t) => t.required && out.texts[t.id] === undefined)
  return missing ? { field: `texts.${missing.id}`, message: `请填写${missing.label}` } : null
}

function checkQuantityAndUrgent(
  product: ProductRecord,
  input: Record<string, unknown>,
  out: OrderSelection,
): Problem | null {
  const max = QUANTITY_LIMITS[product.kind]
  const { quantity, urgent = false } = input
  if (typeof quantity !== 'number' || !Number.isInteger(quantity))
    return { field: 'quantity', message: '数量必须是整数' }
  if (quantity < 1 || quantity > max)
    return { field: 'quantity', message: `数量应在 1 到 ${max} 之间` }
  if (typeof urgent !== 'boolean') return { field: 'urgent', message: '加急格式不正确' }
  if (urgent && !product.urgent) return { field: 'urgent', message: '该商品不支持加急' }
  out.quantity = quantity
  out.urgent = urgent
  return null
}
