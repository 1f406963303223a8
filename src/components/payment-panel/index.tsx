// An order's payment on its page: 待付款 with the time left and 去支付, 支付确认中… while WeChat's
// callback is awaited, or the refund and what happens next. The merchant's page shows the same
// panel without the button. 去支付 tells the parent through onPay, or, compiled as a native custom
// component, through a `pay` event.
import { Text, View } from '@tarojs/components'
import { CONFIRMING_TEXT, type PaymentNotice } from '@/domain/payment-view'
import './index.scss'

export interface PaymentPanelProps {
  notice: PaymentNotice
  /** Shows 去支付 and the countdown (the customer, while the order can be paid). */
  payable?: boolean
  /** mm:ss left to pay. */
  countdown?: string
  /** The time to pay is up: the server's timer is about to cancel the order. */
  expired?: boolean
  paying?: boolean
  confirming?: boolean
  onPay?: () => void
  $scope?: { triggerEvent?: (name: string, detail: object) => void }
}

function textOf({ notice, payable, expired, confirming }: PaymentPanelProps): string {
  if (confirming) return CONFIRMING_TEXT
  if (payable && expired) return '已超过付款时间，订单即将自动取消'
  return notice.text
}

export default function PaymentPanel(props: PaymentPanelProps) {
  const { notice, payable, countdown, expired, paying, confirming, onPay, $scope } = props
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
        {payable && countdown && !confirming ? (
          <Text className="payment-panel__countdown">
            {expired ? '已超时' : `剩余 ${countdown}`}
          </Text>
        ) : null}
      </View>
      <Text className="payment-panel__text">{textOf(props)}</Text>
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
