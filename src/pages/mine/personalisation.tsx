// 我的 → 个性化推荐 (PIPL art. 24: an option not aimed at the person's characteristics). On: the
// cloud records views, chosen options, orders and refill answers for 为你推荐. Off: nothing is
// recorded from then on and the home page shows the shop's picks.
import { Text, View } from '@tarojs/components'
import { BEHAVIOUR_PRIVACY_TEXT } from '@/domain/behaviour'
import { usePersonalisation } from '@/hooks/usePersonalisation'

export default function Personalisation() {
  const state = usePersonalisation()
  const on = state.data?.personalised
  const error = state.failed ?? (state.data ? undefined : state.error)
  return (
    <View className="personalisation">
      <View className="personalisation__head">
        <Text className="personalisation__title">个性化推荐</Text>
        {/* Shown while it loads too, so nothing below moves (or takes a tap meant for it). */}
        {on === undefined ? (
          <View className="personalisation__toggle personalisation__toggle--loading">
            <Text>读取中</Text>
          </View>
        ) : (
          <View
            className={`personalisation__toggle personalisation__toggle--${on ? 'on' : 'off'}${state.busy ? ' is-busy' : ''}`}
            hoverClass="personalisation__toggle--pressed"
            onClick={() => void (state.busy ? undefined : state.toggle(!on))}
          >
            <Text>{state.busy ? '请稍候' : on ? '已开启' : '已关闭'}</Text>
          </View>
        )}
      </View>
      <Text className="personalisation__hint">{BEHAVIOUR_PRIVACY_TEXT}</Text>
      {error ? <Text className="personalisation__error field-error">{error.message}</Text> : null}
    </View>
  )
}
