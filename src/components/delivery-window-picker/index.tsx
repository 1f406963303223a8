// When to deliver: 工作日白天 / 工作日晚上 / 周末, or 指定日期 from the next two weeks, then
// 保存送货时间. Shows the saved choice; the parent sends order.act choose_delivery_window.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { addDays, weekdayOf, type ChinaDate } from '@/domain/china-date'
import {
  DELIVERY_WINDOW_KINDS,
  DELIVERY_WINDOW_LABELS,
  deliveryWindowText,
  type DeliveryWindow,
  type DeliveryWindowKind,
} from '@/domain/delivery-window'
import './index.scss'

/** Dates offered as chips: two weeks is what fits on a phone (the server allows a month). */
const DATES_SHOWN = 14
const WEEKDAYS = '日一二三四五六'

const dateChip = (date: ChinaDate) => `${date.slice(5)} 周${WEEKDAYS[weekdayOf(date)]}`

export interface DeliveryWindowPickerProps {
  saved: Pick<DeliveryWindow, 'kind' | 'date'> | null
  today: ChinaDate
  busy: boolean
  onSave: (kind: DeliveryWindowKind, date: ChinaDate | null) => void
}

export default function DeliveryWindowPicker({
  saved,
  today,
  busy,
  onSave,
}: DeliveryWindowPickerProps) {
  const [kind, setKind] = useState<DeliveryWindowKind | null>(saved?.kind ?? null)
  const [date, setDate] = useState<ChinaDate | null>(saved?.date ?? null)
  const ready = kind !== null && (kind !== 'date' || date !== null)
  const unchanged =
    saved !== null && saved.kind === kind && (kind !== 'date' || saved.date === date)
  const dates = Array.from({ length: DATES_SHOWN }, (_, index) => addDays(today, index + 1))
  const save = () => ready && !busy && !unchanged && onSave(kind, kind === 'date' ? date : null)

  return (
    <View className="delivery-window">
      <Text className="delivery-window__saved">
        {saved
          ? `已选：${deliveryWindowText(saved)}`
          : '发货前选择方便收货的时间，我们按此安排配送'}
      </Text>
      <View className="delivery-window__kinds">
        {DELIVERY_WINDOW_KINDS.map((option) => (
          <View
            key={option}
            className={`delivery-chip delivery-chip--${option}${option === kind ? ' delivery-chip--active' : ''}`}
            onClick={() => setKind(option)}
          >
            <Text>{DELIVERY_WINDOW_LABELS[option]}</Text>
          </View>
        ))}
      </View>
      {kind === 'date' ? (
        <View className="delivery-window__dates">
          {dates.map((option) => (
            <View
              key={option}
              className={`delivery-chip delivery-chip--date-${option}${option === date ? ' delivery-chip--active' : ''}`}
              onClick={() => setDate(option)}
            >
              <Text>{dateChip(option)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View
        className={`delivery-window__save${!ready || busy || unchanged ? ' delivery-window__save--disabled' : ''}`}
        onClick={save}
      >
        <Text>{busy ? '正在保存…' : unchanged ? '已保存' : '保存送货时间'}</Text>
      </View>
    </View>
  )
}
