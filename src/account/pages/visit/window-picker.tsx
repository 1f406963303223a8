// The days from tomorrow to the booking horizon, a week at a time, and the chosen day's open
// windows for the order's district (visit.windows). The chosen window stays chosen while other
// days are looked at, and after a failed booking.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { visitApi } from '@/domain/api/visit'
import { addDays, chinaDateOf, weekdayOf, type ChinaDate } from '@/domain/china-date'
import { formatChinaTime } from '@/domain/time'
import { BOOKING_HORIZON_DAYS } from '@/domain/visit-booking'
import type { VisitKind } from '@/domain/visit-types'
import { useCloud } from '@/hooks/useCloud'

export interface ChosenWindow {
  /** The window's start as the server sent it (an ISO instant). */
  start: string
  label: string
}

interface WindowPickerProps {
  orderId: string
  kind: VisitKind
  chosen: ChosenWindow | null
  onChoose: (window: ChosenWindow) => void
}

const WEEK = 7
const WEEKDAYS = '日一二三四五六'
export const windowLabel = (start: string | Date, end: string | Date) =>
  `${formatChinaTime(start, 'MM-DD')} ${formatChinaTime(start, 'HH:mm')}–${formatChinaTime(end, 'HH:mm')}`

export default function WindowPicker({ orderId, kind, chosen, onChoose }: WindowPickerProps) {
  // The phone's day is close enough here: the server offers only what its clock allows.
  const [today] = useState(() => chinaDateOf(new Date()))
  const days = Array.from({ length: BOOKING_HORIZON_DAYS }, (_, i) => addDays(today, i + 1))
  const [week, setWeek] = useState(0)
  const [date, setDate] = useState<ChinaDate>(days[0])
  const open = useCloud(visitApi.windows, { orderId, kind, date })
  const shown = days.slice(week * WEEK, week * WEEK + WEEK)
  const weeks = Math.ceil(days.length / WEEK)

  return (
    <View className="window-picker">
      <View className="window-picker__days">
        {week > 0 ? (
          <View className="window-picker__page" onClick={() => setWeek(week - 1)}>
            <Text>上一周</Text>
          </View>
        ) : null}
        {shown.map((day) => (
          <View
            key={day}
            className={`visit-day visit-day--${day}${day === date ? ' visit-day--on' : ''}`}
            onClick={() => setDate(day)}
          >
            <Text className="visit-day__date">{day.slice(5)}</Text>
            <Text className="visit-day__weekday">周{WEEKDAYS[weekdayOf(day)]}</Text>
          </View>
        ))}
        {week < weeks - 1 ? (
          <View className="window-picker__page" onClick={() => setWeek(week + 1)}>
            <Text>下一周</Text>
          </View>
        ) : null}
      </View>
      {open.error ? (
        <View className="window-picker__error" onClick={() => void open.reload()}>
          <Text>{open.error.message}（点按重试）</Text>
        </View>
      ) : !open.data ? (
        <Text className="window-picker__hint">正在查询可预约时间…</Text>
      ) : open.data.windows.length === 0 ? (
        <Text className="window-picker__hint">这天没有可预约的时间，请换一天</Text>
      ) : (
        <View className="window-picker__windows">
          {open.data.windows.map(({ window, staffCount }) => {
            const start = String(window.start)
            return (
              <View
                key={start}
                className={`visit-window${chosen?.start === start ? ' visit-window--on' : ''}`}
                onClick={() => onChoose({ start, label: windowLabel(window.start, window.end) })}
              >
                <Text className="visit-window__time">
                  {formatChinaTime(window.start, 'HH:mm')}–{formatChinaTime(window.end, 'HH:mm')}
                </Text>
                {staffCount === 1 ? (
                  <Text className="visit-window__last">仅剩 1 位师傅</Text>
                ) : null}
              </View>
            )
          })}
        </View>
      )}
    </View>
  )
}
