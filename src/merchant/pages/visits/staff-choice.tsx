// 改派 / 指派's explained list: everyone but the current person, the automatic choice first with
// why, the others with why not. Tapping one asks the page to confirm; the server checks the pick
// again (STAFF_UNAVAILABLE with the same kind of reason), so a stale list cannot double-book.
import { Text, View } from '@tarojs/components'
import type { DispatchRow } from './use-dispatch'

export interface StaffOption {
  staffId: string
  name: string
  explanation: string
  suggested: boolean
}

export function staffOptions(row: DispatchRow): StaffOption[] {
  const { choice, rejected } = row.assignment
  const all = [
    ...(choice ? [{ ...choice, suggested: true }] : []),
    ...rejected.map((other) => ({ ...other, suggested: false })),
  ]
  return all
    .filter((option) => option.staffId !== row.staffId)
    .map(({ staffId, name, explanation, suggested }) => ({ staffId, name, explanation, suggested }))
}

interface StaffChoiceProps {
  row: DispatchRow
  onPick: (option: StaffOption) => void
}

export default function StaffChoice({ row, onPick }: StaffChoiceProps) {
  const options = staffOptions(row)
  if (options.length === 0) return <Text className="staff-choice__none">没有其他师傅可选</Text>
  return (
    <View className="staff-choice">
      {options.map((option) => (
        <View
          key={option.staffId}
          className={`staff-choice__item${option.suggested ? ' staff-choice__item--suggested' : ''}`}
          onClick={() => onPick(option)}
        >
          <Text className="staff-choice__name">
            {option.suggested ? `${option.name}（推荐）` : option.name}
          </Text>
          <Text className="staff-choice__why">{option.explanation}</Text>
        </View>
      ))}
    </View>
  )
}
