// 上门报告 under a visit: the measured sizes (a measuring visit), a note and photos. The report id
// is made when the form opens, so however often it is sent it finishes the visit once; what was
// typed stays on the form until the server has it or the phone has kept it.
import { useRef, useState } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { VISIT_NOTE_MAX } from '@/domain/api/visit'
import { VISIT_EVENT_SUBMIT_LABELS } from '@/domain/visit-labels'
import PhotoPicker from '@/service/components/photo-picker'
import { newRequestId } from '@/services/request-id'
import type { ReportPayload, TaskRow } from './use-tasks'

interface ReportFormProps {
  item: TaskRow
  busy: boolean
  /** 'sent', 'kept' on the phone, or the server's refusal. */
  onSubmit: (payload: ReportPayload) => Promise<'sent' | 'kept' | { message: string }>
}

type Size = NonNullable<TaskRow['order']>['sizes'][number]

/** The typed sizes as numbers, or the first size that is missing or out of range. */
function sizesOf(sizes: Size[], typed: Record<string, string>) {
  const measurements: Record<string, number> = {}
  for (const size of sizes) {
    const value = Number(typed[size.id])
    if (!typed[size.id] || !Number.isFinite(value) || value < size.min || value > size.max)
      return { error: `请填写${size.label}（${size.min}–${size.max} ${size.unit}）` }
    measurements[size.id] = value
  }
  return { measurements }
}

export default function ReportForm({ item, busy, onSubmit }: ReportFormProps) {
  const sizes = item.order?.sizes ?? []
  const [typed, setTyped] = useState<Record<string, string>>({})
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(false)
  const [error, setError] = useState('')
  const reportId = useRef(newRequestId())

  const submit = async () => {
    if (busy) return
    if (uploading) return setError('照片还在上传，请稍候')
    const checked = sizesOf(sizes, typed)
    if ('error' in checked) return setError(checked.error ?? '')
    setError('')
    // An installation measures nothing: an empty record is refused (at least one size), so none goes.
    const { measurements } = checked
    const answer = await onSubmit({
      visitId: item.visit.id,
      reportId: reportId.current,
      ...(Object.keys(measurements).length > 0 ? { measurements } : {}),
      photos,
      note: note.trim(),
    })
    if (typeof answer === 'object') setError(answer.message)
  }

  return (
    <View className="report-form">
      {sizes.map((size) => (
        <View key={size.id} className="report-form__size">
          <Text className="report-form__label">
            {size.label}（{size.unit}）
          </Text>
          <Input
            className={`report-form__input report-form__input--${size.id}`}
            type="digit"
            value={typed[size.id] ?? ''}
            placeholder={`${size.min}–${size.max}`}
            onInput={(e) => setTyped((prev) => ({ ...prev, [size.id]: e.detail.value }))}
          />
        </View>
      ))}
      <Textarea
        className="report-form__note"
        value={note}
        maxlength={VISIT_NOTE_MAX}
        placeholder="现场情况、安装说明（选填）"
        onInput={(e) => setNote(e.detail.value)}
      />
      <PhotoPicker
        photos={photos}
        onChange={setPhotos}
        uploading={uploading}
        onUploading={setUploading}
      />
      {error ? <Text className="report-form__error">{error}</Text> : null}
      <View
        className={`report-form__submit${busy || uploading ? ' is-busy' : ''}`}
        onClick={() => void submit()}
      >
        <Text>{busy ? '提交中…' : VISIT_EVENT_SUBMIT_LABELS.finish}</Text>
      </View>
    </View>
  )
}
