// Filter chips over the catalog: "全部" plus each product kind present, with counts. Keeps its
// own selection; tells the parent through onChange, or, compiled as a native custom component
// (npm run build:components), through a `change` event whose detail is `{ value }`.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PRODUCT_KINDS, PRODUCT_KIND_LABELS, type ProductKind } from '@/domain/catalog'
import './index.scss'

export type KindFilterValue = ProductKind | 'all'

export interface KindFilterProps {
  /** How many products of each kind; kinds without products get no chip. */
  counts: Partial<Record<ProductKind, number>>
  defaultValue?: KindFilterValue
  onChange?: (value: KindFilterValue) => void
  /** Set by Taro's native component wrapper: the custom component instance. */
  $scope?: { triggerEvent?: (name: string, detail: object) => void }
}

export default function KindFilter({
  counts,
  defaultValue = 'all',
  onChange,
  $scope,
}: KindFilterProps) {
  const [value, setValue] = useState<KindFilterValue>(defaultValue)
  const total = PRODUCT_KINDS.reduce((sum, kind) => sum + (counts[kind] ?? 0), 0)
  const options: { value: KindFilterValue; label: string; count: number }[] = [
    { value: 'all', label: '全部', count: total },
    ...PRODUCT_KINDS.filter((kind) => (counts[kind] ?? 0) > 0).map((kind) => ({
      value: kind,
      label: PRODUCT_KIND_LABELS[kind],
      count: counts[kind] ?? 0,
    })),
  ]

  const select = (next: KindFilterValue) => {
    if (next === value) return
    setValue(next)
    onChange?.(next)
    $scope?.triggerEvent?.('change', { value: next })
  }

  return (
    <View className="kind-filter">
      {options.map((option) => (
        <View
          key={option.value}
          className={`kind-filter__option${option.value === value ? ' kind-filter__option--active' : ''}`}
          data-value={option.value}
          onClick={() => select(option.value)}
        >
          <Text className="kind-filter__label">{option.label}</Text>
          <Text className="kind-filter__count">{option.count}</Text>
        </View>
      ))}
    </View>
  )
}
