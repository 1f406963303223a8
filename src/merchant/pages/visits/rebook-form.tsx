// 重新预约 for a missed visit: the owner picks a new China day and start (a 2-hour window, as the
// customer's); the page confirms, then visit.reschedule keeps the person if they are free.
import { useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import { addDays, type ChinaDate } from '@/domain/china-date'

interface RebookFormProps {
  /** The day shown on 派单; the form offers the next one by default. */
  day: ChinaDate
  busy: boolean
  onSubmit: (start: string, label: string) => void
}

export default function RebookForm({ day, busy, onSubmit }: RebookFormProps) {
  const [date, setDate] = useState(addDays(day, 1))
  const [time, setTime] = useState('10:00')
  return (
    <View className="rebook-form">
      <Picker mode="date" value={date} start={day} onChange={(e) => setDate(e.detail.value)}>
        <View className="rebook-form__field rebook-form__date">
          <Text>{date}</Text>
        </View>
      </Picker>
      <Picker mode="time" value={time} onChange={(e) => setTime(e.detail.value)}>
        <View className="rebook-form__field rebook-form__time">
          <Text>{time}</Text>
        </View>
      </Picker>
      <View
        className="dispatch-card__button rebook-form__submit"
        onClick={() => !busy && onSubmit(`${date}T${time}:00+08:00`, `${date} ${time}`)}
      >
        <Text>重新预约</Text>
      </View>
    </View>
  )
}
