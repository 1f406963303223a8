// Each refund of an order with its state (退款中 / 已退款 / 退款失败), amount, reason and time, on
// the customer's and the merchant's order page. The merchant also reads WeChat's reason for a
// failure; the customer reads that it is being retried.
import { Text, View } from '@tarojs/components'
import { refundLines, type PaymentAudience, type PaymentView } from '@/domain/payment-view'
import './index.scss'

export interface RefundListProps {
  payment: PaymentView | null | undefined
  audience: PaymentAudience
}

export default function RefundList({ payment, audience }: RefundListProps) {
  const lines = refundLines(payment, audience)
  if (lines.length === 0) return null
  return (
    <View className="refund-list">
      <Text className="refund-list__title">退款记录</Text>
      {lines.map((line) => (
        <View
          key={line.outRefundNo}
          className={`refund-list__item refund-list__item--${line.state}`}
          data-state={line.state}
        >
          <View className="refund-list__head">
            <Text className="refund-list__amount">{line.title}</Text>
            <Text className="refund-list__at">{line.at}</Text>
          </View>
          <Text className="refund-list__reason">原因：{line.reason}</Text>
          {line.failure ? <Text className="refund-list__failure">{line.failure}</Text> : null}
        </View>
      ))}
    </View>
  )
}
