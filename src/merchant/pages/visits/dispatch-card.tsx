// One visit on 派单: what, when, where, for whom, who goes, and the automatic choice with why
// (why not the others folded). The buttons follow the state table's events for the owner:
// 自动分配 / 指派 a requested visit, 改派 a scheduled one, 重新预约 a missed one.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ChinaDate } from '@/domain/china-date'
import { formatChinaTime } from '@/domain/time'
import { VISIT_KIND_LABELS, VISIT_NODE_LABELS } from '@/domain/visit-labels'
import RebookForm from './rebook-form'
import StaffChoice, { type StaffOption } from './staff-choice'
import type { DispatchRow } from './use-dispatch'

export const windowText = (window: DispatchRow['visit']['window']) =>
  `${formatChinaTime(window.start, 'HH:mm')}–${formatChinaTime(window.end, 'HH:mm')}`

interface DispatchCardProps {
  row: DispatchRow
  day: ChinaDate
  busy: boolean
  onAuto: () => void
  onPick: (option: StaffOption) => void
  onRebook: (start: string, label: string) => void
}

export default function DispatchCard({
  row,
  day,
  busy,
  onAuto,
  onPick,
  onRebook,
}: DispatchCardProps) {
  const { visit, assignment } = row
  const [choosing, setChoosing] = useState(false)
  const [whyNot, setWhyNot] = useState(false)
  const canAssign = visit.events.includes('assign')
  const canReassign = visit.events.includes('reassign')
  const missed = visit.node === 'missed'

  return (
    <View className={`dispatch-card dispatch-card--${visit.node}`}>
      <View className="dispatch-card__head">
        <Text className="dispatch-card__window">{windowText(visit.window)}</Text>
        <Text className="dispatch-card__kind">{VISIT_KIND_LABELS[visit.kind]}</Text>
        <Text className="dispatch-card__node">{VISIT_NODE_LABELS[visit.node]}</Text>
      </View>
      <Text className="dispatch-card__address">
        {visit.district} · {visit.address}
      </Text>
      <Text className="dispatch-card__customer">顾客：{row.customer ?? '订单已不存在'}</Text>
      <Text className="dispatch-card__staff">师傅：{visit.staffName ?? '未指派'}</Text>

      {missed ? (
        <View className="dispatch-card__missed">
          <Text className="dispatch-card__missed-text">
            已错过：时段结束半小时仍无人到达。可为顾客重新预约，原师傅有空仍由其上门，否则自动换人。
          </Text>
          {visit.events.includes('reschedule') ? (
            <RebookForm day={day} busy={busy} onSubmit={onRebook} />
          ) : null}
        </View>
      ) : canAssign || canReassign ? (
        <View className="dispatch-card__choice">
          <Text className="dispatch-card__suggested">
            {assignment.choice
              ? `自动分配：${assignment.choice.explanation}`
              : '自动分配：暂无合适的师傅'}
          </Text>
          {assignment.rejected.length > 0 ? (
            <Text className="dispatch-card__why-toggle" onClick={() => setWhyNot(!whyNot)}>
              {whyNot ? '收起' : `为什么不是其他师傅（${assignment.rejected.length}）`}
            </Text>
          ) : null}
          {whyNot
            ? assignment.rejected.map((other) => (
                <Text key={other.staffId} className="dispatch-card__why-not">
                  {other.explanation}
                </Text>
              ))
            : null}
        </View>
      ) : null}

      {canAssign || canReassign ? (
        <View className="dispatch-card__actions">
          {canAssign ? (
            <View
              className="dispatch-card__button dispatch-card__button--auto"
              onClick={() => !busy && onAuto()}
            >
              <Text>自动分配</Text>
            </View>
          ) : null}
          <View
            className="dispatch-card__button dispatch-card__button--pick"
            onClick={() => setChoosing(!choosing)}
          >
            <Text>{canAssign ? '指派' : '改派'}</Text>
          </View>
        </View>
      ) : null}
      {choosing ? (
        <StaffChoice
          row={row}
          onPick={(option) => {
            if (busy) return
            setChoosing(false)
            onPick(option)
          }}
        />
      ) : null}
    </View>
  )
}
