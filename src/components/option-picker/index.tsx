// One option group of a product as choice chips: single (tap picks one; an optional group can be
// cleared by tapping its choice again) or multi (tap toggles, up to maxChoices; one more says
// why instead of dropping a choice). Price deltas show as +¥/-¥. Keeps its own selection; tells
// the parent through onChange or, compiled as a native custom component (npm run
// build:components), through a `change` event whose detail is `{ groupId, value }`.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatFen } from '@/domain/money'
import type { OptionGroup } from '@/domain/product-schema'
import './index.scss'

export interface OptionPickerProps {
  group: OptionGroup
  defaultValue?: string[]
  /** The validation message for this group (options.<groupId>), shown under the chips. */
  error?: string
  onChange?: (value: string[]) => void
  /** Set by Taro's native component wrapper: the custom component instance. */
  $scope?: { triggerEvent?: (name: string, detail: object) => void }
}

export type Toggle = { value: string[]; refused?: string }

/** The selection after tapping `choiceId`; `refused` explains a tap that changed nothing. */
export function toggleChoice(group: OptionGroup, current: string[], choiceId: string): Toggle {
  const chosen = current.includes(choiceId)
  if (group.type === 'single') {
    if (!chosen) return { value: [choiceId] }
    return group.required ? { value: current } : { value: [] }
  }
  if (chosen) return { value: current.filter((id) => id !== choiceId) }
  const max = group.maxChoices ?? group.choices.length
  if (current.length >= max) return { value: current, refused: `最多选择 ${max} 项` }
  // Keep the schema's order, so the summary reads the same whichever was tapped first.
  const next = new Set([...current, choiceId])
  return { value: group.choices.map((c) => c.id).filter((id) => next.has(id)) }
}

export function deltaLabel(priceDeltaFen: number): string {
  if (priceDeltaFen === 0) return ''
  return priceDeltaFen > 0 ? `+${formatFen(priceDeltaFen)}` : formatFen(priceDeltaFen)
}

export default function OptionPicker({
  group,
  defaultValue = [],
  error,
  onChange,
  $scope,
}: OptionPickerProps) {
  const [value, setValue] = useState<string[]>(defaultValue)
  const [refused, setRefused] = useState<string>()
  const multiHint =
    group.type === 'multi'
      ? `可多选${group.maxChoices !== undefined ? `，最多 ${group.maxChoices} 项` : ''}`
      : ''

  const tap = (choiceId: string) => {
    const next = toggleChoice(group, value, choiceId)
    setRefused(next.refused)
    if (next.value === value) return
    setValue(next.value)
    onChange?.(next.value)
    $scope?.triggerEvent?.('change', { groupId: group.id, value: next.value })
  }

  const message = error ?? refused
  return (
    <View className="option-picker" data-group={group.id}>
      <View className="option-picker__head">
        <Text className="option-picker__label">{group.label}</Text>
        {group.required ? <Text className="option-picker__required">必选</Text> : null}
        {multiHint ? <Text className="option-picker__hint">{multiHint}</Text> : null}
      </View>
      <View className="option-picker__choices">
        {group.choices.map((choice) => (
          <View
            key={choice.id}
            className={`option-chip${value.includes(choice.id) ? ' option-chip--active' : ''}`}
            data-choice={choice.id}
            onClick={() => tap(choice.id)}
          >
            <Text className="option-chip__label">{choice.label}</Text>
            {choice.priceDeltaFen !== 0 ? (
              <Text className="option-chip__delta">{deltaLabel(choice.priceDeltaFen)}</Text>
            ) : null}
          </View>
        ))}
      </View>
      {message ? <Text className="option-picker__error field-error">{message}</Text> : null}
    </View>
  )
}
