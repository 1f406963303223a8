// The customise form: what the customer has chosen and typed so far, and its problems. Every
// rule is validateOrderSelection's: each field is checked alone (the schema narrowed to that
// field), so a form shows every field's message next to it, not only the first; the whole
// selection is checked once more before going on. Errors show once a field was touched, or all
// of them after 下一步.
import { useCallback, useMemo, useState } from 'react'
import type { ProductRecord } from '@/domain/catalog'
import { applyProfile, type AppliedProfile } from '@/domain/measurement-profile'
import { validateOrderSelection, type OrderSelection } from '@/domain/order-selection'
import type { Result } from '@/domain/result'

export interface SelectionDraft {
  options: Record<string, string[]>
  /** As typed; parsed when checked, so "12a" reports "必须是数字" instead of vanishing. */
  measurements: Record<string, string>
  texts: Record<string, string>
  quantity: number
  urgent: boolean
}

/** Required single-choice groups start on their first (usually the base-price) choice. */
export function initialDraft(product: ProductRecord): SelectionDraft {
  const options: Record<string, string[]> = {}
  for (const group of product.optionGroups) {
    if (group.required && group.type === 'single' && group.choices[0])
      options[group.id] = [group.choices[0].id]
  }
  return { options, measurements: {}, texts: {}, quantity: 1, urgent: false }
}

function parseMeasurement(text: string): number | string {
  const trimmed = text.trim()
  const value = Number(trimmed)
  return trimmed !== '' && Number.isFinite(value) ? value : trimmed
}

/** The draft as the selection payload: empty inputs left out (a required one then says so). */
export function toSelectionInput(draft: SelectionDraft) {
  const measurements: Record<string, number | string> = {}
  for (const [id, text] of Object.entries(draft.measurements)) {
    if (text.trim() !== '') measurements[id] = parseMeasurement(text)
  }
  const options = Object.fromEntries(
    Object.entries(draft.options).filter(([, chosen]) => chosen.length > 0),
  )
  return {
    options,
    measurements,
    texts: draft.texts,
    quantity: draft.quantity,
    urgent: draft.urgent,
  }
}

const only = (product: ProductRecord, part: Partial<ProductRecord>): ProductRecord => ({
  ...product,
  optionGroups: [],
  measurements: [],
  textFields: [],
  ...part,
})

/** field path ('options.fabric', 'measurements.neck', …) -> message, for every field at once. */
export function fieldErrors(product: ProductRecord, draft: SelectionDraft): Record<string, string> {
  const input = toSelectionInput(draft)
  const errors: Record<string, string> = {}
  const check = (narrowed: ProductRecord, selection: object) => {
    const result = validateOrderSelection(narrowed, { quantity: 1, ...selection })
    if (!result.ok && result.field) errors[result.field] = result.message
  }
  for (const group of product.optionGroups) {
    const chosen = input.options[group.id]
    check(only(product, { optionGroups: [group] }), {
      options: chosen ? { [group.id]: chosen } : {},
    })
  }
  for (const m of product.measurements) {
    const value = input.measurements[m.id]
    check(only(product, { measurements: [m] }), {
      measurements: value === undefined ? {} : { [m.id]: value },
    })
  }
  for (const t of product.textFields) {
    const value = input.texts[t.id]
    check(only(product, { textFields: [t] }), {
      texts: value === undefined ? {} : { [t.id]: value },
    })
  }
  check(only(product, {}), { quantity: input.quantity, urgent: input.urgent })
  return errors
}

/** A selection made earlier (the kept draft order), back in the form's typed shape. */
export function draftFromSelection(
  product: ProductRecord,
  selection: OrderSelection,
): SelectionDraft {
  const measurements = Object.fromEntries(
    Object.entries(selection.measurements).map(([id, value]) => [id, String(value)]),
  )
  return {
    options: { ...initialDraft(product).options, ...selection.options },
    measurements,
    texts: { ...selection.texts },
    quantity: selection.quantity,
    urgent: selection.urgent,
  }
}

export function useSelectionForm(product: ProductRecord, kept?: OrderSelection) {
  const [draft, setDraft] = useState<SelectionDraft>(() =>
    kept ? draftFromSelection(product, kept) : initialDraft(product),
  )
  const [touched, setTouched] = useState<Record<string, boolean>>({})
  const [showAll, setShowAll] = useState(false)
  /** Why a picked profile's value was not filled, by field path, until that field is typed in. */
  const [profileProblems, setProfileProblems] = useState<Record<string, string>>({})

  const touch = useCallback((field: string) => {
    setTouched((prev) => (prev[field] ? prev : { ...prev, [field]: true }))
  }, [])

  const setOption = useCallback(
    (groupId: string, chosen: string[]) => {
      setDraft((prev) => ({ ...prev, options: { ...prev.options, [groupId]: chosen } }))
      touch(`options.${groupId}`)
    },
    [touch],
  )
  const setMeasurement = useCallback((id: string, text: string) => {
    setDraft((prev) => ({ ...prev, measurements: { ...prev.measurements, [id]: text } }))
    setProfileProblems((prev) => {
      if (!(`measurements.${id}` in prev)) return prev
      const rest = { ...prev }
      delete rest[`measurements.${id}`]
      return rest
    })
  }, [])
  const setText = useCallback(
    (id: string, text: string) => {
      setDraft((prev) => ({ ...prev, texts: { ...prev.texts, [id]: text } }))
      touch(`texts.${id}`)
    },
    [touch],
  )
  const setQuantity = useCallback((quantity: number) => {
    setDraft((prev) => ({ ...prev, quantity }))
  }, [])
  const setUrgent = useCallback((urgent: boolean) => {
    setDraft((prev) => ({ ...prev, urgent }))
  }, [])
  /**
   * Fills the product's measurements from a saved profile, only with values this product accepts
   * (applyProfile): one outside its range is not filled, and its field says why. Values the
   * profile lacks stay as typed.
   */
  const fillMeasurements = useCallback(
    (values: Record<string, number>): AppliedProfile => {
      const applied = applyProfile(product.measurements, values)
      const filled = Object.fromEntries(
        Object.entries(applied.values).map(([id, value]) => [id, String(value)]),
      )
      setDraft((prev) => ({ ...prev, measurements: { ...prev.measurements, ...filled } }))
      setTouched((prev) => ({
        ...prev,
        ...Object.fromEntries(Object.keys(filled).map((id) => [`measurements.${id}`, true])),
      }))
      setProfileProblems(
        Object.fromEntries(
          Object.entries(applied.problems).map(([id, message]) => [`measurements.${id}`, message]),
        ),
      )
      return applied
    },
    [product],
  )

  const allErrors = useMemo(() => fieldErrors(product, draft), [product, draft])
  const errors = useMemo(
    () => ({
      ...(showAll
        ? allErrors
        : Object.fromEntries(Object.entries(allErrors).filter(([field]) => touched[field]))),
      ...profileProblems,
    }),
    [allErrors, touched, showAll, profileProblems],
  )
  const result: Result<OrderSelection> = useMemo(
    () => validateOrderSelection(product, toSelectionInput(draft)),
    [product, draft],
  )

  return {
    draft,
    errors,
    result,
    touch,
    revealAll: () => setShowAll(true),
    setOption,
    setMeasurement,
    setText,
    setQuantity,
    setUrgent,
    fillMeasurements,
  }
}
