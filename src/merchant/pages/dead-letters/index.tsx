// 消息失败: subscribe messages WeChat refused for good, newest first, with the reason and the
// WeChat error code, so the merchant can tell a refused subscription from a broken template.
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatChinaTime } from '@/domain/time'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { useDeadLetters } from '@/hooks/useMerchantData'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import './index.scss'

function DeadLettersPageBody() {
  const letters = useDeadLetters()
  usePullDownRefresh(() => void letters.reload().finally(() => Taro.stopPullDownRefresh()))
  const items = letters.data?.items ?? []

  return (
    <View className="dead-letters">
      <MerchantNav current="deadLetters" />
      {letters.error && !letters.data ? (
        <ErrorState message={letters.error.message} onRetry={() => void letters.reload()} />
      ) : !letters.data ? (
        <SkeletonList rows={2} />
      ) : items.length === 0 ? (
        <EmptyState text="没有发送失败的消息" hint="微信拒收的消息会连同原因出现在这里" />
      ) : (
        items.map((letter) => (
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
      )}
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
