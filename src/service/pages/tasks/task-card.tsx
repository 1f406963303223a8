// One visit of 我的任务: when and where, what for, the order as the customer placed it, and the
// staff member's next step (出发 / 到达 / the report form).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { NODE_LABELS } from '@/domain/order-labels'
import type { OrderNode } from '@/domain/order-types'
import { formatChinaTime } from '@/domain/time'
import { VISIT_EVENT_LABELS, VISIT_KIND_LABELS, VISIT_NODE_LABELS } from '@/domain/visit-labels'
import ReportForm from './report-form'
import type { ReportPayload, StaffEvent, TaskRow } from './use-tasks'

interface TaskCardProps {
  item: TaskRow
  busy: boolean
  /** The report waits on the phone for the network. */
  waiting: boolean
  onAct: (event: StaffEvent) => void
  onReport: (payload: ReportPayload) => Promise<'sent' | 'kept' | { message: string }>
}

const STEPS: StaffEvent[] = ['set_out', 'arrive']

export default function TaskCard({ item, busy, waiting, onAct, onReport }: TaskCardProps) {
  const { visit, order } = item
  const [reporting, setReporting] = useState(false)
  const window = `${formatChinaTime(visit.window.start, 'HH:mm')}–${formatChinaTime(visit.window.end, 'HH:mm')}`
  const copyAddress = () => void Taro.setClipboardData({ data: visit.address })
  // The customer's pin opens WeChat's map (weapp; H5 has no offline map); otherwise the address.
  const { location } = visit
  const navigate = () =>
    location && process.env.TARO_ENV === 'weapp'
      ? void Taro.openLocation({
          ...location,
          name: location.name ?? visit.address,
          address: visit.address,
        })
      : copyAddress()
  const call = () => order && void Taro.makePhoneCall({ phoneNumber: order.contact.phone })

  return (
    <View className={`task-card task-card--${visit.node}`}>
      <View className="task-card__head">
        <Text className="task-card__window">{window}</Text>
        <Text className="task-card__kind">{VISIT_KIND_LABELS[visit.kind]}</Text>
        <Text className="task-card__node">{VISIT_NODE_LABELS[visit.node]}</Text>
      </View>
      <Text className="task-card__address" onClick={copyAddress}>
        {visit.district} · {visit.address}（点按复制）
      </Text>
      {order ? (
        <View className="task-card__order">
          <Text className="task-card__product">
            {order.productName} · 订单 {order.orderNo}
          </Text>
          <Text className="task-card__contact" onClick={call}>
            {order.contact.name} {order.contact.phone}（点按拨打）
          </Text>
          {order.details.map((row) => (
            <Text key={row.label} className="task-card__detail">
              {row.label}：{row.value}
            </Text>
          ))}
          {order.history.slice(-3).map((entry) => (
            <Text key={`${entry.node}-${String(entry.at)}`} className="task-card__history">
              {formatChinaTime(entry.at, 'MM-DD HH:mm')} {NODE_LABELS[entry.node as OrderNode]}
              {entry.note ? ` · ${entry.note}` : ''}
            </Text>
          ))}
        </View>
      ) : null}
      {waiting ? (
        <Text className="task-card__waiting">报告已保存在手机上，有网络时自动提交</Text>
      ) : null}
      <View className="task-card__actions">
        <View className="task-card__button task-card__button--navigate" onClick={navigate}>
          <Text>导航</Text>
        </View>
        {STEPS.filter((event) => visit.events.includes(event)).map((event) => (
          <View
            key={event}
            className={`task-card__button task-card__button--${event}`}
            onClick={() => !busy && onAct(event)}
          >
            <Text>{VISIT_EVENT_LABELS[event]}</Text>
          </View>
        ))}
        {visit.events.includes('finish') && !reporting && !waiting ? (
          <View
            className="task-card__button task-card__button--finish"
            onClick={() => setReporting(true)}
          >
            <Text>填写上门报告</Text>
          </View>
        ) : null}
      </View>
      {reporting && !waiting && visit.events.includes('finish') ? (
        <ReportForm item={item} busy={busy} onSubmit={onReport} />
      ) : null}
    </View>
  )
}
