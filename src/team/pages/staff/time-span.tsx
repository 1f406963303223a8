// A working span as two time pickers, 「09:00 至 18:00」: a weekday's hours in the staff form and a
// day's own hours. A fragment, so each form lays it out in its own row.
import { Picker, Text } from '@tarojs/components'
import type { DailyHours } from '@/domain/visit-hours'

/** Where a new span starts: a working day. */
export const DEFAULT_SPAN: DailyHours = { from: '09:00', to: '18:00' }

interface Props {
  span: DailyHours
  onChange: (change: Partial<DailyHours>) => void
}

export default function TimeSpan({ span, onChange }: Props) {
  return (
    <>
      <Picker mode="time" value={span.from} onChange={(e) => onChange({ from: e.detail.value })}>
        <Text className="time-span__time">{span.from}</Text>
      </Picker>
      <Text>至</Text>
      <Picker mode="time" value={span.to} onChange={(e) => onChange({ to: e.detail.value })}>
        <Text className="time-span__time">{span.to}</Text>
      </Picker>
    </>
  )
}
