// One request's answer: 受理 (plan + days) or 不受理 (reason) while unanswered; once accepted,
// what follows (follow-up.tsx). Each is asked once more before it is sent; what was typed stays
// on a refusal.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { merchantApi } from '@/domain/api/merchant'
import type { AfterSalesDecision, AfterSalesRecord } from '@/domain/after-sales'
import type { Wire } from '@/domain/api/contract'
import { isReworkKind } from '@/domain/after-sales-rules'
import { callCloud } from '@/services/cloud'
import { confirmModal, toast } from '@/services/feedback'
import { PlanFields, ReasonField } from './answer-fields'
import FollowUp from './follow-up'

type Open = 'accept' | 'decline' | null

export default function DecisionForm({
  request,
  onDone,
}: {
  request: Wire<AfterSalesRecord> & { refundableFen?: number }
  onDone: () => void
}) {
  const [open, setOpen] = useState<Open>(null)
  const [plan, setPlan] = useState('')
  const [days, setDays] = useState('3')
  const [reason, setReason] = useState('')
  const [sending, setSending] = useState(false)

  const send = async (
    decision: AfterSalesDecision,
    question: string,
    extra: { carrier?: string; trackingNo?: string; refundFen?: number } = {},
  ) => {
    if (sending || !(await confirmModal('确认处理', question, { cancelText: '再想想' }))) return
    setSending(true)
    const result = await callCloud(merchantApi.decideAfterSales, {
      afterSalesId: request._id,
      decision,
      ...(decision === 'accept' ? { plan: plan.trim(), days: Number(days) } : {}),
      ...(decision === 'decline' ? { reason: reason.trim() } : {}),
      ...extra,
    })
    setSending(false)
    toast(result.ok ? '已处理' : result.message)
    if (result.ok) onDone()
  }

  if (request.state === 'accepted' || request.state === 'shipped_back')
    return <FollowUp request={request} sending={sending} send={send} />
  if (request.state !== 'submitted') return null
  return (
    <View className="m-as-decision">
      {open === 'accept' ? (
        <View className="m-as-form">
          <PlanFields
            prefix="m-as-input--"
            label="处理方案（顾客可见）"
            plan={plan}
            days={days}
            onPlan={setPlan}
            onDays={setDays}
          />
          <View
            className="m-as-submit m-as-submit--accept"
            onClick={() =>
              void send(
                'accept',
                `受理并告知顾客：${plan.trim() || '（未填写方案）'}，预计 ${days} 天？${
                  isReworkKind(request.kind)
                    ? '订单将回到「返工中」，质检发货送达后售后自动完成。'
                    : ''
                }`,
              )
            }
          >
            <Text>{sending ? '提交中…' : '确认受理'}</Text>
          </View>
        </View>
      ) : open === 'decline' ? (
        <View className="m-as-form">
          <ReasonField
            prefix="m-as-input--"
            label="不受理的原因（顾客可见）"
            reason={reason}
            onReason={setReason}
          />
          <View
            className="m-as-submit m-as-submit--decline"
            onClick={() =>
              void send(
                'decline',
                `不受理这个申请，并告知顾客原因：${reason.trim() || '（未填写）'}？`,
              )
            }
          >
            <Text>{sending ? '提交中…' : '确认不受理'}</Text>
          </View>
        </View>
      ) : null}
      <View className="m-as-actions">
        <View
          className={`m-as-button${open === 'accept' ? ' m-as-button--on' : ''}`}
          onClick={() => setOpen(open === 'accept' ? null : 'accept')}
        >
          <Text>受理</Text>
        </View>
        <View
          className={`m-as-button${open === 'decline' ? ' m-as-button--on' : ''}`}
          onClick={() => setOpen(open === 'decline' ? null : 'decline')}
        >
          <Text>不受理</Text>
        </View>
      </View>
    </View>
  )
}
