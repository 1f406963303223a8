// Create or edit a measurement profile of one kind: a name and that kind's measurements (the
// body's for shirts, a window's for curtains), each optional but at least one, checked here with
// the same per-measurement bounds profile.save enforces (profileNameCheck, profileValueProblem).
import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import {
  PROFILE_KIND_SPECS,
  profileNameCheck,
  profileValueProblem,
  type MeasurementProfile,
  type ProfileKind,
} from '@/domain/measurement-profile'
import type { ProfileDraft } from '@/hooks/useProfiles'
import './index.scss'

const NUMBER = /^\d+(\.\d+)?$/

type Errors = Record<string, string>

export function checkDraft(kind: ProfileKind, name: string, texts: Record<string, string>) {
  const errors: Errors = {}
  const values: Record<string, number> = {}
  const checkedName = profileNameCheck(name, 'name')
  if (!checkedName.ok) errors.name = checkedName.message
  for (const field of PROFILE_KIND_SPECS[kind].measurements) {
    const text = (texts[field.id] ?? '').trim()
    if (text === '') continue
    const problem = NUMBER.test(text)
      ? profileValueProblem(field, Number(text))
      : `${field.label}必须是数字`
    if (problem) errors[field.id] = problem
    else values[field.id] = Number(text)
  }
  if (Object.keys(values).length === 0 && Object.keys(errors).length === 0)
    errors.form = '至少填写一项尺寸'
  return { errors, name: name.trim(), values }
}

export interface ProfileFormProps {
  /** The kind of a new profile (an edited one keeps its own). */
  kind: ProfileKind
  initial?: MeasurementProfile
  busy: boolean
  /** A server error to show under the form (e.g. the field the server refused). */
  serverError?: string
  onSubmit: (draft: ProfileDraft) => void
  onCancel: () => void
}

export default function ProfileForm({
  kind: newKind,
  initial,
  busy,
  serverError,
  onSubmit,
  onCancel,
}: ProfileFormProps) {
  const kind = initial?.kind ?? newKind
  const spec = PROFILE_KIND_SPECS[kind]
  const [name, setName] = useState(initial?.name ?? '')
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      spec.measurements.map((f) => [
        f.id,
        initial?.values[f.id] === undefined ? '' : String(initial.values[f.id]),
      ]),
    ),
  )
  const [errors, setErrors] = useState<Errors>({})

  const submit = () => {
    if (busy) return
    const checked = checkDraft(kind, name, texts)
    setErrors(checked.errors)
    if (Object.keys(checked.errors).length > 0) return
    onSubmit({
      ...(initial ? { id: initial.id } : {}),
      kind,
      name: checked.name,
      values: checked.values,
    })
  }

  return (
    <View className={`profile-form profile-form--${kind}`}>
      <Text className="profile-form__title">
        {initial ? '编辑' : '新建'}量体档案 · {spec.label}
      </Text>
      <View className="profile-field">
        <Text className="profile-field__label">档案名称</Text>
        <Input
          className="profile-field__input profile-field__input--name"
          value={name}
          maxlength={profileNameCheck.maxLength}
          placeholder="例如：本人、父亲"
          onInput={(e) => setName(e.detail.value)}
        />
      </View>
      {errors.name ? <Text className="profile-field__error">{errors.name}</Text> : null}
      {spec.measurements.map((field) => (
        <View key={field.id}>
          <View className="profile-field">
            <Text className="profile-field__label">{field.label}</Text>
            <Input
              className={`profile-field__input profile-field__input--${field.id}`}
              type="digit"
              value={texts[field.id]}
              placeholder={`${field.min}–${field.max}`}
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
