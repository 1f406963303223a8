// The fields of an answer to after-sales requests, one request's or a batch's: 受理's plan and
// days, 不受理's reason. `prefix` names the inputs (m-as-input--plan, m-as-batch__plan…).
import { Input, Text } from '@tarojs/components'
import { PLAN_MAX } from '@/domain/after-sales'

type Prefix = 'm-as-input--' | 'm-as-batch__'

export function PlanFields(props: {
  prefix: Prefix
  label: string
  plan: string
  days: string
  onPlan: (plan: string) => void
  onDays: (days: string) => void
}) {
  return (
    <>
      <Text className="m-as-label">{props.label}</Text>
      <Input
        className={`m-as-input ${props.prefix}plan`}
        value={props.plan}
        maxlength={PLAN_MAX}
        placeholder="处理方案，如：改短袖长 2cm"
        onInput={(e) => props.onPlan(e.detail.value)}
      />
      <Text className="m-as-label">预计天数</Text>
      <Input
        className={`m-as-input ${props.prefix}days`}
        type="number"
        value={props.days}
        placeholder="预计天数"
        onInput={(e) => props.onDays(e.detail.value)}
      />
    </>
  )
}

export function ReasonField(props: {
  prefix: Prefix
  label: string
  reason: string
  onReason: (reason: string) => void
}) {
  return (
    <>
      <Text className="m-as-label">{props.label}</Text>
      <Input
        className={`m-as-input ${props.prefix}reason`}
        value={props.reason}
        maxlength={PLAN_MAX}
        placeholder={props.label}
        onInput={(e) => props.onReason(e.detail.value)}
      />
    </>
  )
}
