// 改尺寸: each ordered size with − / + in its step, showing the value after the change; a
// change never leaves the product's range or MAX_ALTERATION.
import { Text, View } from '@tarojs/components'
import { alterationText } from '@/domain/after-sales'
import { type AlterableSize } from '@/domain/after-sales-rules'
import { nextDelta } from '@/domain/after-sales-input'

export interface SizeChangesProps {
  sizes: AlterableSize[]
  deltas: Record<string, number>
  onChange: (deltas: Record<string, number>) => void
}

export default function SizeChanges({ sizes, deltas, onChange }: SizeChangesProps) {
  if (sizes.length === 0)
    return (
      <Text className="after-sales-form__closed">这个商品没有可修改的尺寸，请选择其他类型。</Text>
    )
  const move = (size: AlterableSize, direction: 1 | -1) =>
    onChange({
      ...deltas,
      [size.measurementId]: nextDelta(size, deltas[size.measurementId] ?? 0, direction),
    })
  return (
    <View className="size-changes">
      {sizes.map((size) => {
        const delta = deltas[size.measurementId] ?? 0
        return (
          <View key={size.measurementId} className="size-change" data-id={size.measurementId}>
            <View className="size-change__main">
              <Text className="size-change__label">{size.label}</Text>
              <Text className="size-change__value">
                {delta === 0
                  ? `${size.from}${size.unit}，不改`
                  : `${size.from} → ${size.from + delta}${size.unit}（${alterationText({ ...size, delta })}）`}
              </Text>
            </View>
            <View
              className={`size-change__button size-change__minus--${size.measurementId}`}
              onClick={() => move(size, -1)}
            >
              <Text>−</Text>
            </View>
            <View
              className={`size-change__button size-change__plus--${size.measurementId}`}
              onClick={() => move(size, 1)}
            >
              <Text>+</Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}
