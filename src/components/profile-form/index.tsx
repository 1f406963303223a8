// Create or edit a measurement profile: a name and the shirt measurements, each optional but
// at least one, checked here with the same range the server enforces (1–500, one decimal).
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import {
  MEASUREMENT_RANGE,
  PROFILE_NAME_MAX,
  type MeasurementProfile,
} from '@/domain/measurement-profile'
import type { ProfileDraft } from '@/hooks/useProfiles'
import './index.scss'

/** The measurement ids the demo shirt asks for (keys match the product schema's measurements). */
export const PROFILE_FIELDS = [
  { id: 'neck', label: '领围', unit: 'cm' },
  { id: 'chest', label: '胸围', unit: 'cm' },
  { id: 'shoulder', label: '肩宽', unit: 'cm' },
  { id: 'sleeve', label: '袖长', unit: 'cm' },
  { id: 'length', label: '衣长', unit: 'cm' },
] as const

const ONE_DECIMAL = /^\d{1,3}(\.\d)?$/

type Errors = Record<string, string>

export function checkDraft(name: string, texts: Record<string, string>) {
  const errors: Errors = {}
  const values: Record<string, number> = {}
  const trimmed = name.trim()
  if (trimmed === '') errors.name = '请填写档案名称，例如“本人”'
  else if (trimmed.length > PROFILE_NAME_MAX) errors.name = `名称不超过 ${PROFILE_NAME_MAX} 个字`
  for (const field of PROFILE_FIELDS) {
    const text = (texts[field.id] ?? '').trim()
    if (text === '') continue
    const value = Number(text)
    if (!ONE_DECIMAL.test(text) || value < MEASUREMENT_RANGE.min || value > MEASUREMENT_RANGE.max)
      errors[field.id] =
        `请填写 ${MEASUREMENT_RANGE.min}–${MEASUREMENT_RANGE.max} 之间的数，最多一位小数`
    else values[field.id] = value
  }
  if (Object.keys(values).length === 0 && Object.keys(errors).length === 0)
    errors.form = '至少填写一项尺寸'
  return { errors, name: trimmed, values }
}

export interface ProfileFormProps {
  initial?: MeasurementProfile
  busy: boolean
  /** A server error to show under the form (e.g. the field the server refused). */
  serverError?: string
  onSubmit: (draft: ProfileDraft) => void
  onCancel: () => void
}

export default function ProfileForm({
  initial,
  busy,
  serverError,
  onSubmit,
  onCancel,
}: ProfileFormProps) {
  const [name, setName] = useState(initial?.name ?? '')
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      PROFILE_FIELDS.map((f) => [
        f.id,
        initial?.values[f.id] === undefined ? '' : String(initial.values[f.id]),
      ]),
    ),
  )
  const [errors, setErrors] = useState<Errors>({})

  const submit = () => {
    if (busy) return
    const checked = checkDraft(name, texts)
    setErrors(checked.errors)
    if (Object.keys(checked.errors).length > 0) return
    onSubmit({ ...(initial ? { id: initial.id } : {}), name: checked.name, values: checked.values })
  }

  return (
    <View className="profile-form">
      <Text className="profile-form__title">{initial ? '编辑量体档案' : '新建量体档案'}</Text>
      <View className="profile-field">
        <Text className="profile-field__label">档案名称</Text>
        <Input
          className="profile-field__input profile-field__input--name"
          value={name}
          maxlength={PROFILE_NAME_MAX}
          placeholder="例如：本人、父亲"
          onInput={(e) => setName(e.detail.value)}
        />
      </View>
      {errors.name ? <Text className="profile-field__error">{errors.name}</Text> : null}
      {PROFILE_FIELDS.map((field) => (
        <View key={field.id}>
          <View className="profile-field">
            <Text className="profile-field__label">{field.label}</Text>
            <Input
              className={`profile-field__input profile-field__input--${field.id}`}
              type="digit"
              value={texts[field.id]}
              placeholder="未填写"
              onInput={(e) => setTexts((prev) => ({ ...prev, [field.id]: e.detail.value }))}
            />
            <Text className="profile-field__unit">{field.unit}</Text>
          </View>
          {errors[field.id] ? (
            <Text className="profile-field__error">{errors[field.id]}</Text>
          ) : null}
        </View>
      ))}
      {errors.form || serverError ? (
        <Text className="profile-field__error">{errors.form ?? serverError}</Text>
      ) : null}
      <View className="profile-form__buttons">
        <View className="profile-button profile-button--ghost" onClick={onCancel}>
          <Text>取消</Text>
        </View>
        <View
          className={`profile-button profile-button--save${busy ? ' profile-button--busy' : ''}`}
          onClick={submit}
        >
          <Text>{busy ? '正在保存…' : '保存'}</Text>
        </View>
      </View>
    </View>
  )
}
