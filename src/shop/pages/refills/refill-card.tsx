// One tracked consumable: run-out date, cycle and next reminder, and the four answers.
// 调整周期 opens an inline input validated by the same rule the server applies.
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { parseCycleInput } from '@/domain/refill'
import { CYCLE_SOURCE_LABELS, REFILL_STATUS_LABELS } from '@/domain/refill-view'
import { formatChinaTime } from '@/domain/time'
import type { RefillItem } from './use-refills'

interface Props {
  item: RefillItem
  focused: boolean
  busy: boolean
  onReorder: () => void
  onSnooze: () => void
  onStop: () => void
  /** Resolves to the server's error message, or undefined when saved. */
  onAdjust: (days: number) => Promise<string | undefined>
}

const date = (iso: string) => formatChinaTime(iso, 'YYYY-MM-DD')

export default function RefillCard({
  item,
  focused,
  busy,
  onReorder,
  onSnooze,
  onStop,
  onAdjust,
}: Props) {
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(String(item.cycleDays))
  const [error, setError] = useState<string>()
  const stopped = item.status === 'stopped'

  const save = async () => {
    const parsed = parseCycleInput(text)
    if (!parsed.ok) return setError(parsed.message)
    const failed = await onAdjust(parsed.days)
    setError(failed)
    if (!failed) setEditing(false)
  }

  return (
    <View className={`refill-card${focused ? ' refill-card--focus' : ''}`}>
      <View className="refill-card__head">
        <Text className="refill-card__name">{item.productName}</Text>
        <Text className={`refill-card__status refill-card__status--${item.status}`}>
          {REFILL_STATUS_LABELS[item.status]}
        </Text>
      </View>
      <View className="refill-card__rows">
        <Text className="refill-card__row">预计用完：{date(item.runOutAt)}</Text>
        <Text className="refill-card__row">
          补货周期：{item.cycleDays} 天/件（{CYCLE_SOURCE_LABELS[item.cycleSource]}）
        </Text>
        <Text className="refill-card__row">
          下次提醒：{stopped ? '已停止' : date(item.nextReminderAt)}
        </Text>
        <Text className="refill-card__row refill-card__row--muted">
          上次购买 {date(item.lastPurchaseAt)} · {item.lastQuantity} 件
        </Text>
      </View>

      {editing ? (
        <View className="refill-cycle">
          <Input
            className="refill-cycle__input"
            type="number"
            value={text}
            placeholder="每件可用的天数"
            onInput={(e) => setText(e.detail.value)}
          />
          <Text className="refill-cycle__unit">天/件</Text>
          <View className="refill-cycle__save" onClick={() => !busy && void save()}>
            <Text>保存</Text>
          </View>
          <View className="refill-cycle__cancel" onClick={() => setEditing(false)}>
            <Text>取消</Text>
          </View>
        </View>
      ) : null}
      {error ? <Text className="refill-card__error">{error}</Text> : null}

      <View className="refill-actions">
        <View className="refill-action refill-action--primary" onClick={() => !busy && onReorder()}>
          <Text>立即补货</Text>
        </View>
        <View className="refill-action" onClick={() => !busy && onSnooze()}>
          <Text>{stopped ? '恢复提醒' : '暂不需要'}</Text>
        </View>
        <View className="refill-action" onClick={() => setEditing(!editing)}>
          <Text>调整周期</Text>
        </View>
        {stopped ? null : (
          <View className="refill-action refill-action--danger" onClick={() => !busy && onStop()}>
            <Text>停止提醒</Text>
          </View>
        )}
      </View>
    </View>
  )
}
