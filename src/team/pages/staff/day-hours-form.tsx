// One person's own hours on a chosen day: 休息, or a span replacing the weekly hours that day.
// Hours that leave a visit of that day uncovered are refused by the cloud with the visits' times;
// the form keeps the choice so the owner can reassign and try again.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import { addDays, type ChinaDate } from '@/domain/china-date'
import type { Result } from '@/domain/result'
import { HOURS_HORIZON_DAYS, HOURS_NOTE_MAX } from '@/domain/visit-staff'
import TimeSpan, { DEFAULT_SPAN } from './time-span'
import type { HoursInput } from './use-staff'

interface Props {
  staffId: string
  today: ChinaDate
  busy: boolean
  onSave: (input: HoursInput) => Promise<Result<unknown>>
  onClose: () => void
}

export default function DayHoursForm({ staffId, today, busy, onSave, onClose }: Props) {
  const [date, setDate] = useState(addDays(today, 1))
  const [off, setOff] = useState(true)
  const [span, setSpan] = useState(DEFAULT_SPAN)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string>()

  const submit = async () => {
    const result = await onSave({ staffId, date, hours: off ? [] : [span], note })
    if (result.ok) {
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onClose()
    } else setError(result.message)
  }

  return (
    <View className="day-hours">
      <Picker
        mode="date"
        value={date}
        start={today}
        end={addDays(today, HOURS_HORIZON_DAYS)}
        onChange={(e) => setDate(e.detail.value)}
      >
        <Text className="day-hours__date">{`日期：${date}`}</Text>
      </Picker>
      <View className="day-hours__modes">
        <View
          className={`day-hours__mode day-hours__off${off ? ' day-hours__mode--on' : ''}`}
          onClick={() => setOff(true)}
        >
          <Text>休息</Text>
        </View>
        <View
          className={`day-hours__mode day-hours__work${off ? '' : ' day-hours__mode--on'}`}
          onClick={() => setOff(false)}
        >
          <Text>调整工时</Text>
        </View>
      </View>
      {off ? null : (
        <View className="day-hours__span">
          <TimeSpan span={span} onChange={(change) => setSpan({ ...span, ...change })} />
        </View>
      )}
      <Input
        className="day-hours__note"
        value={note}
        maxlength={HOURS_NOTE_MAX}
        placeholder="备注（选填），如 请假"
        onInput={(e) => setNote(e.detail.value)}
      />
      {error ? <Text className="day-hours__error">{error}</Text> : null}
      <View className="day-hours__actions">
        <View className="day-hours__cancel" onClick={onClose}>
          <Text>取消</Text>
        </View>
        <View className="day-hours__save" onClick={() => !busy && void submit()}>
          <Text>{busy ? '保存中…' : '保存这天'}</Text>
        </View>
      </View>
    </View>
  )
}
