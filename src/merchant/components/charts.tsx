// Small charts for the dashboard beside BarChart: a share meter (0..1 as a filled bar) and a
// stacked bar of parts of one whole (message delivery). Views only, no chart library.
import { Text, View } from '@tarojs/components'
import './charts.scss'

export const percentText = (share: number | null) =>
  share === null ? '暂无' : `${Math.round(share * 100)}%`

export function ShareMeter({
  label,
  share,
  hint,
}: {
  label: string
  share: number | null
  hint?: string
}) {
  return (
    <View className="share-meter">
      <View className="share-meter__head">
        <Text className="share-meter__label">{label}</Text>
        <Text className="share-meter__value">{percentText(share)}</Text>
      </View>
      <View className="share-meter__track">
        <View
          className="share-meter__fill"
          style={{ width: `${Math.round((share ?? 0) * 100)}%` }}
        />
      </View>
      {hint ? <Text className="share-meter__hint">{hint}</Text> : null}
    </View>
  )
}

export interface StackPart {
  label: string
  value: number
  color: string
}

export function StackedBar({
  parts,
  emptyText = '暂无数据',
}: {
  parts: StackPart[]
  emptyText?: string
}) {
  const total = parts.reduce((sum, part) => sum + part.value, 0)
  if (total === 0) return <Text className="stacked-bar__empty">{emptyText}</Text>
  return (
    <View className="stacked-bar">
      <View className="stacked-bar__track">
        {parts
          .filter((part) => part.value > 0)
          .map((part) => (
            <View
              key={part.label}
              className="stacked-bar__part"
              style={{ width: `${(part.value / total) * 100}%`, background: part.color }}
            />
          ))}
      </View>
      <View className="stacked-bar__legend">
        {parts.map((part) => (
          <View key={part.label} className="stacked-bar__key">
            <View className="stacked-bar__swatch" style={{ background: part.color }} />
            <Text>
              {part.label} {part.value}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}
