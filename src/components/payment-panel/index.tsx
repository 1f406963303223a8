// An order's payment on its page: 待付款 with the time left and 去支付, 支付确认中… while WeChat's
// callback is awaited, or the refund and what happens next. The merchant's page shows the same
// panel without the button. 去支付 tells the parent through onPay, or, compiled as a native custom
// component, through a `pay` event.
import { Text, View } from '@tarojs/components'
import { CONFIRMING_TEXT, type PaymentNotice } from '@/domain/payment-view'
import { useCountdown } from '@/hooks/useCountdown'
import './index.scss'

export interface PaymentPanelProps {
  notice: PaymentNotice
  /** Shows 去支付 and the countdown to `dueBy` (the customer, while the order can be paid). */
  payable?: boolean
  /** When the order cancels itself if still unpaid (ISO instant). */
  dueBy?: string
  /** The countdown reached 0 on screen: the server's timer is about to cancel the order. */
  onTimeUp?: () => void
  paying?: boolean
  confirming?: boolean
  onPay?: () => void
  $scope?: { triggerEvent?: (name: string, detail: object) => void }
}

export default function PaymentPanel(props: PaymentPanelProps) {
  const { notice, payable, dueBy, onTimeUp, paying, confirming, onPay, $scope } = props
  const countdown = useCountdown(payable ? dueBy : undefined, onTimeUp)
  const expired = countdown?.expired ?? false
  const tone = confirming ? 'info' : notice.tone
  const pay = () => {
    if (paying) return
    onPay?.()
    $scope?.triggerEvent?.('pay', {})
  }
  return (
    <View className={`payment-panel payment-panel--${tone}`} data-state={notice.state}>
      <View className="payment-panel__head">
        <Text className="payment-panel__title">{confirming ? '支付确认中…' : notice.title}</Text>
        {countdown && !confirming ? (
          <Text className="payment-panel__countdown">
            {expired ? '已超时' : `剩余 ${countdown.text}`}
          </Text>
        ) : null}
      </View>
      <Text className="payment-panel__text">
        {confirming ? CONFIRMING_TEXT : expired ? '已超过付款时间，订单即将自动取消' : notice.text}
      </Text>
      {payable && !confirming && !expired ? (
        <View
          className={`payment-panel__pay${paying ? ' payment-panel__pay--off' : ''}`}
          hoverClass={paying ? 'none' : 'payment-panel__pay--pressed'}
          onClick={pay}
        >
          <Text>{paying ? '支付中…' : '去支付'}</Text>
        </View>
      ) : null}
    </View>
  )
}
