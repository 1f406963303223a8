// One measurement: label, number input with unit, its range and step, and the how-to-measure
// hint behind a tap (expanded, it stays open while the customer measures).
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { Measurement } from '@/domain/product-schema'
import './index.scss'

export interface MeasurementInputProps {
  measurement: Measurement
  value: string
  error?: string
  onInput: (text: string) => void
  onBlur: () => void
}

export default function MeasurementInput({
  measurement: m,
  value,
  error,
  onInput,
  onBlur,
}: MeasurementInputProps) {
  const [open, setOpen] = useState(false)
  return (
    <View className="measurement" data-measurement={m.id}>
      <View className="measurement__row">
        <View className="measurement__title">
          <Text className="measurement__label">{m.label}</Text>
          <Text className="measurement__range">
            {m.min}–{m.max} {m.unit}，按 {m.step} {m.unit}
          </Text>
        </View>
        <View className={`measurement__box${error ? ' measurement__box--error' : ''}`}>
          <Input
            className="measurement__input"
            type="digit"
            value={value}
            placeholder={m.required ? '必填' : '选填'}
            onInput={(event) => onInput(event.detail.value)}
            onBlur={onBlur}
          />
          <Text className="measurement__unit">{m.unit}</Text>
        </View>
      </View>
      <View className="measurement__how" onClick={() => setOpen(!open)}>
        <Text className="measurement__how-toggle">{open ? '收起测量方法 ▲' : '如何测量 ▼'}</Text>
      </View>
      {open ? <Text className="measurement__hint">{m.hint}</Text> : null}
      {error ? <Text className="measurement__error field-error">{error}</Text> : null}
    </View>
  )
}
