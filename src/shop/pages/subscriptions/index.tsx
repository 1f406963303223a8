// 订阅设置: each kind of message with its switch, credits left and "always" choice, 增加次数
// (a tap point of its own), the quiet-hours opt-in, and how to turn subscriptions back on when
// the user switched them all off in WeChat.
import { Text, View } from '@tarojs/components'
import { ErrorState, SkeletonList } from '@/components/state-view'
import SubscribeSheetHost from '@/components/subscribe-sheet'
import SubscriptionList from '@/components/subscription-list'
import { useSubscriptions } from '@/hooks/useSubscriptions'
import { openSubscriptionSettings } from '@/services/subscribe'
import './index.scss'

export default function SubscriptionsPage() {
  const subs = useSubscriptions()
  const { data } = subs

  return (
    <View className="subscriptions">
      <View className="subscriptions-head">
        <Text className="subscriptions-head__title">订阅设置</Text>
        <Text className="subscriptions-head__subtitle">
          每次“允许”可收到一条该类消息；次数用完后，消息仍会显示在订单详情里
        </Text>
      </View>

      {data && !data.mainSwitch ? (
        <View className="subscriptions-banner" onClick={openSubscriptionSettings}>
          <Text className="subscriptions-banner__title">订阅消息已在微信中关闭</Text>
          <Text className="subscriptions-banner__text">
            点此或在小程序右上角「···」→「设置」→「订阅消息」中打开“接收通知”，才能收到进度提醒
          </Text>
        </View>
      ) : null}

      {subs.error ? (
        data ? (
          <Text className="subscriptions-error">{subs.error.message}</Text>
        ) : (
          <ErrorState message={subs.error.message} onRetry={() => void subs.reload()} />
        )
      ) : null}

      {data ? (
        <SubscriptionList
          items={data.items}
          quietHoursOptIn={data.quietHoursOptIn}
          quietHours={data.quietHours}
          busy={subs.busy}
          onToggle={(purpose, enabled) => void subs.setPreference({ purpose, enabled })}
          onAdd={subs.addCredits}
          onQuietHours={(optIn) => void subs.setPreference({ quietHoursOptIn: optIn })}
        />
      ) : subs.loading ? (
        <SkeletonList rows={3} />
      ) : null}

      {data ? (
        <Text className="subscriptions-note">
          关闭某类消息后，即使还有剩余次数也不会再发送；每天最多提醒 {data.dailyCap} 条。
        </Text>
      ) : null}

      <SubscribeSheetHost />
    </View>
  )
}
