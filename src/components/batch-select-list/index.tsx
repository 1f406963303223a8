// The board's multi-select list for batch advancing: tap orders to select them, 全选 selects
// every order of the same node, and an order of another node is refused with a hint. The parent
// hears every change through onChange or, compiled as a native custom component, a `change`
// event whose detail is the selection `{ node, ids }`.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { NODE_LABELS } from '@/domain/order-labels'
import type { OrderNode } from '@/domain/order-types'
import { EMPTY_SELECTION, toggleAll, toggleOrder, type Selection } from './selection'
import './index.scss'

export interface BatchSelectItem {
  id: string
  node: OrderNode
  title: string
  subtitle?: string
  /** A short marker such as 逾期 or 异常. */
  flag?: string
}

export interface BatchSelectListProps {
  items: BatchSelectItem[]
  onChange?: (selection: Selection) => void
  $scope?: { triggerEvent?: (name: string, detail: object) => void }
}

export default function BatchSelectList({ items, onChange, $scope }: BatchSelectListProps) {
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION)
  const [hint, setHint] = useState('')
  const list = items ?? []

  const update = (next: Selection) => {
    setSelection(next)
    onChange?.(next)
    $scope?.triggerEvent?.('change', next)
  }

  const tap = (item: BatchSelectItem) => {
    const next = toggleOrder(selection, item)
    if (next === selection) {
      setHint(`只能选择同一节点的订单（当前：${NODE_LABELS[selection.node!]}）`)
      return
    }
    setHint('')
    update(next)
  }

  const all = toggleAll(selection, list)
  const allSelected = all.ids.length === 0 && selection.ids.length > 0

  return (
    <View className="batch-select">
      <View className="batch-select__head">
        <Text className="batch-select__count">已选 {selection.ids.length} 单</Text>
        <View
          className="batch-select__all"
          onClick={() => {
            setHint('')
            update(all)
          }}
        >
          <Text>{allSelected ? '全不选' : '全选'}</Text>
        </View>
      </View>
      {hint ? <Text className="batch-select__hint">{hint}</Text> : null}
      {list.map((item) => {
        const checked = selection.ids.includes(item.id)
        const other = selection.node !== null && selection.node !== item.node
        return (
          <View
            key={item.id}
            className={`batch-item${checked ? ' batch-item--checked' : ''}${other ? ' batch-item--other' : ''}`}
            data-id={item.id}
            onClick={() => tap(item)}
          >
            <View className="batch-item__box">{checked ? <Text>✓</Text> : null}</View>
            <View className="batch-item__body">
              <Text className="batch-item__title">{item.title}</Text>
              {item.subtitle ? <Text className="batch-item__subtitle">{item.subtitle}</Text> : null}
            </View>
            {item.flag ? <Text className="batch-item__flag">{item.flag}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
