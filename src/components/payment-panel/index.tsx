// An order's payment on its page: 待付款 with the time left and 去支付, 支付确认中… while WeChat's
// callback is awaited, or the refund and what happens next. The merchant's page shows the same
// panel without the button.
import { Text, View } from '@tarojs/components'
import { CONFIRMING_TEXT, type PaymentNotice } from '@/domain/payment-view'
import './index.scss'

export interface PaymentPanelProps {
  notice: PaymentNotice
  /** mm:ss left to pay, while the order can be paid. */
  countdown?: string
  expired?: boolean
  paying?: boolean
  confirming?: boolean
  /** Shows 去支付 (the customer, while the order can be paid). */
  onPay?: () => void
}

export default function PaymentPanel(props: PaymentPanelProps) {
  const { notice, countdown, expired, paying, confirming, onPay } = props
  const tone = confirming ? 'info' : notice.tone
  return (
    <View className={`payment-panel payment-panel--${tone}`} data-state={notice.state}>
      <View className="payment-panel__head">
        <Text className="payment-panel__title">{confirming ? '支付确认中…' : notice.title}</Text>
        {countdown && !confirming ? (
          <Text className="payment-panel__countdown">
            {expired ? '已超时' : `剩余 ${countdown}`}
          </Text>
        ) : null}
      </View>
      <Text className="payment-panel__text">
        {confirming ? CONFIRMING_TEXT : expired ? '已超过付款时间，订单即将自动取消' : notice.text}
      </Text>
      {onPay && !confirming && !expired ? (
        <View
          className={`payment-panel__pay${paying ? ' payment-panel__pay--off' : ''}`}
          hoverClass={paying ? 'none' : 'payment-panel__pay--pressed'}
          onClick={() => !paying && onPay()}
        >
          <Text>{paying ? '支付中…' : '去支付'}</Text>
        </View>
      ) : null}
    </View>
  )
}
