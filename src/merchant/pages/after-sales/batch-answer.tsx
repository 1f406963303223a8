// 批量受理 / 批量不受理 for the requests selected on the 售后 page: one plan and its days, or one
// reason, for all of them. The server's own check runs first; then a confirmation names how many
// and which orders; then merchant.decideAfterSalesMany answers each on its own and the page shows
// the outcome per request. What was typed stays when anything is refused.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { merchantApi, type BATCH_AFTER_SALES_DECISIONS } from '@/domain/api/merchant'
import type { ResultOf } from '@/domain/api/contract'
import { callCloud } from '@/services/cloud'
import { confirmModal, toast } from '@/services/feedback'
import { PlanFields, ReasonField } from './answer-fields'

type Decision = (typeof BATCH_AFTER_SALES_DECISIONS)[number]
const LABELS: Record<Decision, string> = { accept: '批量受理', decline: '批量不受理' }
/** Order numbers named in the confirmation; the rest are counted. */
const NAMED = 5

export const namedOrders = (orderNos: string[]) =>
  orderNos.length > NAMED
    ? `${orderNos.slice(0, NAMED).join('、')} 等 ${orderNos.length} 单`
    : orderNos.join('、')

export default function BatchAnswer({
  chosen,
  onDone,
}: {
  chosen: { _id: string; orderNo: string }[]
  onDone: (title: string, view: ResultOf<typeof merchantApi.decideAfterSalesMany>) => void
}) {
  const [open, setOpen] = useState<Decision | null>(null)
  const [plan, setPlan] = useState('')
  const [days, setDays] = useState('3')
  const [reason, setReason] = useState('')
  const [sending, setSending] = useState(false)

  const send = async (decision: Decision) => {
    if (sending) return
    const answer =
      decision === 'accept' ? { plan: plan.trim(), days: Number(days) } : { reason: reason.trim() }
    const payload = { afterSalesIds: chosen.map((request) => request._id), decision, ...answer }
    const checked = merchantApi.decideAfterSalesMany.payload(payload, '')
    if (!checked.ok) return toast(checked.message)
    const what =
      'plan' in answer
        ? `受理并告知顾客：${answer.plan}，预计 ${answer.days} 天`
        : `不受理并告知顾客原因：${answer.reason}`
    const question = `${chosen.length} 个申请（订单 ${namedOrders(chosen.map((r) => r.orderNo))}）${what}？每个申请分别处理并通知顾客。`
    if (!(await confirmModal(LABELS[decision], question, { cancelText: '再想想' }))) return
    setSending(true)
    const result = await callCloud(merchantApi.decideAfterSalesMany, payload)
    setSending(false)
    if (!result.ok) return toast(result.message)
    setOpen(null)
    onDone(LABELS[decision], result.data)
  }

  return (
    <View className="m-as-batch">
      <Text className="m-as-batch__count">已选 {chosen.length} 个申请</Text>
      {open === 'accept' ? (
        <View className="m-as-form">
          <PlanFields
            prefix="m-as-batch__"
            label="处理方案（顾客可见，所选申请相同）"
            plan={plan}
            days={days}
            onPlan={setPlan}
            onDays={setDays}
          />
        </View>
      ) : open === 'decline' ? (
        <View className="m-as-form">
          <ReasonField
            prefix="m-as-batch__"
            label="不受理的原因（顾客可见，所选申请相同）"
            reason={reason}
            onReason={setReason}
          />
        </View>
      ) : null}
      <View className="m-as-actions">
        {(['accept', 'decline'] as const).map((decision) => (
          <View
            key={decision}
            className={`m-as-button m-as-batch__${decision}${open === decision ? ' m-as-button--on' : ''}`}
            onClick={() => (open === decision ? void send(decision) : setOpen(decision))}
          >
            <Text>
              {sending && open === decision
                ? '提交中…'
                : open === decision
                  ? `确认${LABELS[decision]}`
                  : LABELS[decision]}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}
