// One visit as its customer sees it: when, who comes, where it stands and how it got there, the
// report, and the buttons the state table allows (改约, 取消预约); 评价 once it is done.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { visitApi } from '@/domain/api/visit'
import { formatChinaTime } from '@/domain/time'
import { VISIT_EVENT_LABELS, VISIT_KIND_LABELS, VISIT_NODE_LABELS } from '@/domain/visit-labels'
import { callCloud } from '@/services/cloud'
import { confirmModal, toast } from '@/services/feedback'
import RateForm from './rate-form'
import RescheduleForm from './reschedule-form'
import type { RunChange, VisitOrder, VisitRow } from './use-visits'
import VisitReport from './visit-report'
import { windowLabel } from './window-picker'

interface VisitCardProps {
  visit: VisitRow
  sizes: VisitOrder['sizes']
  busy: boolean
  change: RunChange
}

export default function VisitCard({ visit, sizes, busy, change }: VisitCardProps) {
  const [rescheduling, setRescheduling] = useState(false)
  const [error, setError] = useState('')
  const kind = VISIT_KIND_LABELS[visit.kind]
  const open = !['done', 'missed', 'cancelled'].includes(visit.node)

  const cancel = async () => {
    const question = `取消 ${windowLabel(visit.window.start, visit.window.end)} 的${kind}？`
    if (
      !(await confirmModal('取消预约', question, { confirmText: '确定取消', cancelText: '再想想' }))
    )
      return
    setError('')
    const payload = { visitId: visit.id, expectedVersion: visit.version }
    const result = await change(() => callCloud(visitApi.cancel, payload))
    if (!result) return
    if (!result.ok) return setError(result.message)
    toast('预约已取消')
  }

  return (
    <View className={`visit-card visit-card--${visit.kind} visit-card--${visit.node}`}>
      <View className="visit-card__head">
        <Text className="visit-card__kind">{kind}</Text>
        <Text className="visit-card__node">{VISIT_NODE_LABELS[visit.node]}</Text>
      </View>
      <Text className="visit-card__window">
        {windowLabel(visit.window.start, visit.window.end)}
      </Text>
      <Text className="visit-card__staff">
        {visit.staffName
          ? `上门师傅：${visit.staffName}`
          : open
            ? '等待商家安排师傅'
            : '未安排师傅'}
      </Text>
      <Text className="visit-card__address">
        {visit.district} · {visit.address}
      </Text>
      {visit.node === 'missed' ? (
        <Text className="visit-card__missed">师傅未能按时上门，商家会联系您改约</Text>
      ) : null}
      <View className="visit-card__timeline">
        {visit.timeline.map((entry) => (
          <Text key={`${entry.event}-${String(entry.at)}`} className="visit-card__event">
            {formatChinaTime(entry.at, 'MM-DD HH:mm')}{' '}
            {entry.event === 'request' ? '提交预约' : VISIT_EVENT_LABELS[entry.event]}
            {entry.note ? ` · ${entry.note}` : ''}
          </Text>
        ))}
      </View>
      <VisitReport visit={visit} sizes={sizes} busy={busy} change={change} />
      {visit.node === 'done' && visit.rating ? (
        <Text className="visit-card__rating">
          你的评价：准时 {visit.rating.punctuality} 星 · 专业 {visit.rating.professionalism} 星
        </Text>
      ) : visit.node === 'done' ? (
        <RateForm visit={visit} busy={busy} change={change} />
      ) : null}
      {error ? <Text className="visit-card__error">{error}</Text> : null}
      {rescheduling && visit.events.includes('reschedule') ? (
        <RescheduleForm
          visit={visit}
          busy={busy}
          change={change}
          onClose={() => setRescheduling(false)}
        />
      ) : (
        <View className="visit-card__actions">
          {visit.events.includes('reschedule') ? (
            <View
              className="visit-card__button visit-card__button--reschedule"
              onClick={() => setRescheduling(true)}
            >
              <Text>改约</Text>
            </View>
          ) : null}
          {visit.events.includes('cancel') ? (
            <View
              className="visit-card__button visit-card__button--cancel"
              onClick={() => void cancel()}
            >
              <Text>取消预约</Text>
            </View>
          ) : null}
        </View>
      )}
    </View>
  )
}
