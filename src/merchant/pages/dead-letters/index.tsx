// 消息失败: subscribe messages WeChat refused for good, newest first, with the reason and the
// WeChat error code, so the merchant can tell a refused subscription from a broken template.
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatChinaTime } from '@/domain/time'
import { Loadable } from '@/components/state-view'
import { useDeadLetters } from '@/hooks/useMerchantData'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import './index.scss'

function DeadLettersPageBody() {
  const letters = useDeadLetters()
  usePullDownRefresh(() => void letters.reload().finally(() => Taro.stopPullDownRefresh()))

  return (
    <View className="dead-letters">
      <MerchantNav current="deadLetters" />
      <Loadable
        state={letters}
        rows={2}
        empty={{
          when: (data) => data.items.length === 0,
          text: '没有发送失败的消息',
          hint: '微信拒收的消息会连同原因出现在这里',
        }}
      >
        {(data) =>
          data.items.map((letter) => (
            <View key={letter.id} className="dead-letter">
              <View className="dead-letter__head">
                <Text className="dead-letter__title">{letter.title}</Text>
                {letter.errcode !== null ? (
                  <Text className="dead-letter__code">错误码 {letter.errcode}</Text>
                ) : null}
              </View>
              <Text className="dead-letter__reason">{letter.reason}</Text>
              <Text className="dead-letter__meta">
                {letter.orderNo ? `订单 ${letter.orderNo} · ` : ''}发给 {letter.to} · 尝试{' '}
                {letter.attempts} 次 · {formatChinaTime(letter.deadAt, 'MM-DD HH:mm')}
              </Text>
            </View>
          ))
        }
      </Loadable>
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function DeadLettersPage() {
  return (
    <MerchantOnly>
      <DeadLettersPageBody />
    </MerchantOnly>
  )
}
