// 改约: another window of the visit's kind, sent with the version the page shows, so a change
// made meanwhile (the shop reassigned it) is refused rather than overwritten. The chosen window
// stays when the call is refused (too close to the visit, the slot just taken).
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { visitApi } from '@/domain/api/visit'
import { VISIT_EVENT_SUBMIT_LABELS } from '@/domain/visit-labels'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'
import type { RunChange, VisitRow } from './use-visits'
import WindowPicker, { type ChosenWindow } from './window-picker'

interface RescheduleFormProps {
  visit: VisitRow
  busy: boolean
  change: RunChange
  onClose: () => void
}

export default function RescheduleForm({ visit, busy, change, onClose }: RescheduleFormProps) {
  const [chosen, setChosen] = useState<ChosenWindow | null>(null)
  const [error, setError] = useState('')

  const send = async () => {
    if (!chosen) return setError('请选择新的上门时间')
    setError('')
    const payload = { visitId: visit.id, start: chosen.start, expectedVersion: visit.version }
    const result = await change(() => callCloud(visitApi.reschedule, payload))
    if (!result) return
    if (!result.ok) return setError(result.message)
    toast('已改约')
    onClose()
  }

  return (
    <View className="visit-reschedule">
      <WindowPicker
        orderId={visit.orderId}
        kind={visit.kind}
        chosen={chosen}
        onChoose={setChosen}
      />
      {chosen ? <Text className="visit-book__chosen">改到 {chosen.label}</Text> : null}
      {error ? <Text className="visit-book__error">{error}</Text> : null}
      <View className="visit-reschedule__buttons">
        <View className="visit-reschedule__back" onClick={onClose}>
          <Text>再想想</Text>
        </View>
        <View
          className={`visit-reschedule__submit${busy ? ' is-busy' : ''}`}
          onClick={() => void send()}
        >
          <Text>{busy ? '提交中…' : VISIT_EVENT_SUBMIT_LABELS.reschedule}</Text>
        </View>
      </View>
    </View>
  )
}
