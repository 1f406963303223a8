// Quantity with − / + buttons, bounded by 1..max (QUANTITY_LIMITS for the product's kind).
import { Text, View } from '@tarojs/components'
import './index.scss'

export interface QuantityStepperProps {
  value: number
  max: number
  error?: string
  onChange: (value: number) => void
}

export default function QuantityStepper({ value, max, error, onChange }: QuantityStepperProps) {
  const step = (delta: number) => {
    const next = Math.min(max, Math.max(1, value + delta))
    if (next !== value) onChange(next)
  }
  return (
    <View className="quantity">
      <View className="quantity__title">
        <Text className="quantity__label">数量</Text>
        <Text className="quantity__limit">每单最多 {max} 件</Text>
      </View>
      <View className="quantity__stepper">
        <View
          className={`quantity__button${value <= 1 ? ' quantity__button--off' : ''}`}
          data-step="minus"
          onClick={() => step(-1)}
        >
          <Text>−</Text>
        </View>
        <Text className="quantity__value">{value}</Text>
        <View
          className={`quantity__button${value >= max ? ' quantity__button--off' : ''}`}
          data-step="plus"
          onClick={() => step(1)}
        >
          <Text>+</Text>
        </View>
      </View>
      {error ? <Text className="field-error">{error}</Text> : null}
    </View>
  )
}
