// Add or edit a person: name, skills, districts and one span of hours per weekday; a day's other
// spans (saved elsewhere) are shown and kept unless the day is switched off. The contract's own
// check runs before sending; a refusal keeps everything typed (the form stays open).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { visitStaffApi } from '@/domain/api/visit-staff'
import type { WeeklyHours } from '@/domain/visit-hours'
import { SKILL_LABELS } from '@/domain/visit-labels'
import { DISTRICT_MAX, STAFF_NAME_MAX, WEEKDAY_LABELS } from '@/domain/visit-staff'
import { VISIT_KINDS, type VisitKind } from '@/domain/visit-types'
import type { Result } from '@/domain/result'
import { newRequestId } from '@/services/request-id'
import TimeSpan, { DEFAULT_SPAN } from './time-span'
import type { StaffInput, StaffRow } from './use-staff'

/** Monday first, as a week is read in China. */
const WEEK = [1, 2, 3, 4, 5, 6, 0]
type Day = { on: boolean; from: string; to: string; more: WeeklyHours[] }

const daysOf = (hours: readonly WeeklyHours[]): Day[] =>
  Array.from({ length: 7 }, (_, weekday) => {
    const [span, ...more] = hours.filter((entry) => entry.weekday === weekday)
    return span
      ? { on: true, from: span.from, to: span.to, more }
      : { on: false, ...DEFAULT_SPAN, more: [] }
  })

interface Props {
  row?: StaffRow
  busy: boolean
  onSave: (input: StaffInput) => Promise<Result<unknown>>
  onClose: () => void
}

export default function StaffForm({ row, busy, onSave, onClose }: Props) {
  const [name, setName] = useState(row?.name ?? '')
  const [skills, setSkills] = useState<VisitKind[]>(row?.skills ?? ['measuring'])
  const [districts, setDistricts] = useState((row?.districts ?? []).join(' '))
  const [days, setDays] = useState<Day[]>(() => daysOf(row?.weeklyHours ?? []))
  const [error, setError] = useState<string>()
  // One per form: a retry after a lost answer adds the same person, not a second one.
  const [requestId] = useState(newRequestId)

  const toggleSkill = (kind: VisitKind) =>
    setSkills((now) => (now.includes(kind) ? now.filter((k) => k !== kind) : [...now, kind]))
  const setDay = (weekday: number, change: Partial<Day>) =>
    setDays((now) => now.map((day, index) => (index === weekday ? { ...day, ...change } : day)))

  const submit = async () => {
    const input: StaffInput = {
      ...(row ? { staffId: row.id } : { requestId }),
      name,
      skills,
      districts: districts.split(/[\s,，、]+/).filter(Boolean),
      weeklyHours: days.flatMap((day, weekday) =>
        day.on ? [{ weekday, from: day.from, to: day.to }, ...day.more] : [],
      ),
    }
    const checked = visitStaffApi.saveStaff.payload(input, '')
    if (!checked.ok) return setError(checked.message)
    setError(undefined)
    const result = await onSave(input)
    if (result.ok) {
      void Taro.showToast({ title: row ? '已保存' : '已添加', icon: 'success' })
      onClose()
    } else setError(result.message)
  }

  return (
    <View className="staff-form">
      <Text className="staff-form__title">{row ? `编辑 ${row.name}` : '添加师傅'}</Text>
      <Input
        className="staff-form__input staff-form__name"
        value={name}
        maxlength={STAFF_NAME_MAX}
        placeholder="姓名，如 王师傅"
        onInput={(e) => setName(e.detail.value)}
      />
      <View className="staff-form__chips">
        {VISIT_KINDS.map((kind) => (
          <View
            key={kind}
            className={`staff-form__chip staff-form__skill--${kind}${skills.includes(kind) ? ' staff-form__chip--on' : ''}`}
            onClick={() => toggleSkill(kind)}
          >
            <Text>{SKILL_LABELS[kind]}</Text>
          </View>
        ))}
      </View>
      <Input
        className="staff-form__input staff-form__districts"
        value={districts}
        placeholder={`服务区域，空格分开，如 徐汇区 长宁区（每个 ${DISTRICT_MAX} 字内）`}
        onInput={(e) => setDistricts(e.detail.value)}
      />
      <Text className="staff-form__hint">每周工时（点星期开关）</Text>
      {WEEK.map((weekday) => {
        const day = days[weekday]
        return (
          <View key={weekday} className={`staff-form__day staff-form__day--${weekday}`}>
            <View
              className={`staff-form__chip${day.on ? ' staff-form__chip--on' : ''}`}
              onClick={() => setDay(weekday, { on: !day.on, more: [] })}
            >
              <Text>{WEEKDAY_LABELS[weekday]}</Text>
            </View>
            {day.on ? (
              <>
                <TimeSpan span={day} onChange={(change) => setDay(weekday, change)} />
                {day.more.map((span) => (
                  <Text key={span.from} className="staff-form__more">
                    {`另 ${span.from}–${span.to}`}
                  </Text>
                ))}
              </>
            ) : (
              <Text className="staff-form__off">休息</Text>
            )}
          </View>
        )
      })}
      {error ? <Text className="staff-form__error">{error}</Text> : null}
      <View className="staff-form__actions">
        <View className="staff-form__cancel" onClick={onClose}>
          <Text>取消</Text>
        </View>
        <View className="staff-form__save" onClick={() => !busy && void submit()}>
          <Text>{busy ? '保存中…' : '保存'}</Text>
        </View>
      </View>
    </View>
  )
}
