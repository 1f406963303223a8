// The 订阅设置 list: one row per kind of message with its on/off switch, credits left, the
// user's "always" choice and 增加次数, then the quiet-hours opt-in. Tells the parent through
// callbacks or, compiled as a native custom component, through events: `toggle`
// {purpose, enabled}, `add` {purpose}, `quiethours` {optIn}.
import { Text, View } from '@tarojs/components'
import type { AlwaysSetting, MessagePurpose, SubscriptionSetting } from '@/domain/messages'
import './index.scss'

const ALWAYS_LABELS: Record<AlwaysSetting, string> = {
  accept: '总是允许',
  reject: '总是拒绝',
  ban: '已被禁止',
}

export interface SubscriptionListProps {
  items: SubscriptionSetting[]
  quietHoursOptIn: boolean
  quietHours: { start: string; end: string }
  /** The row (or 'quietHours') being saved: its controls ignore taps meanwhile. */
  busy?: MessagePurpose | 'quietHours' | null
  onToggle?: (purpose: MessagePurpose, enabled: boolean) => void
  onAdd?: (purpose: MessagePurpose) => void
  onQuietHours?: (optIn: boolean) => void
  $scope?: { triggerEvent?: (name: string, detail: object) => void }
}

/** What the row's button offers, and why not when it cannot. */
export function addState(item: SubscriptionSetting): { can: boolean; label: string } {
  if (item.refused) return { can: false, label: '已拒绝' }
  if (!item.enabled) return { can: false, label: '已关闭' }
  return { can: true, label: '增加次数' }
}

export default function SubscriptionList({
  items,
  quietHoursOptIn,
  quietHours,
  busy = null,
  onToggle,
  onAdd,
  onQuietHours,
  $scope,
}: SubscriptionListProps) {
  const emit = (name: string, detail: object) => $scope?.triggerEvent?.(name, detail)
  const toggle = (item: SubscriptionSetting) => {
    if (busy) return
    onToggle?.(item.purpose, !item.enabled)
    emit('toggle', { purpose: item.purpose, enabled: !item.enabled })
  }
  const add = (item: SubscriptionSetting) => {
    if (busy || !addState(item).can) return
    onAdd?.(item.purpose)
    emit('add', { purpose: item.purpose })
  }
  const quiet = () => {
    if (busy) return
    onQuietHours?.(!quietHoursOptIn)
    emit('quiethours', { optIn: !quietHoursOptIn })
  }

  return (
    <View className="subscription-list">
      {(items ?? []).map((item) => {
        const button = addState(item)
        return (
          <View
            key={item.purpose}
            className={`subscription-row${item.enabled ? '' : ' subscription-row--off'}${item.refused ? ' subscription-row--refused' : ''}`}
            data-purpose={item.purpose}
          >
            <View className="subscription-row__top">
              <View className="subscription-row__text">
                <Text className="subscription-row__title">{item.title}</Text>
                <Text className="subscription-row__description">{item.description}</Text>
              </View>
              <View
                className={`subscription-switch${item.enabled ? ' subscription-switch--on' : ''}`}
                onClick={() => toggle(item)}
              >
                <Text className="subscription-switch__label">{item.enabled ? '开' : '关'}</Text>
                <View className="subscription-switch__knob" />
              </View>
            </View>
            <View className="subscription-row__bottom">
              <Text className="subscription-row__credits">剩余 {item.credits} 次</Text>
              {item.always ? (
                <Text
                  className={`subscription-row__always subscription-row__always--${item.always}`}
                >
                  {ALWAYS_LABELS[item.always]}
                </Text>
              ) : null}
              <View
                className={`subscription-row__add${button.can ? '' : ' subscription-row__add--off'}`}
                onClick={() => add(item)}
              >
                <Text>{busy === item.purpose ? '处理中…' : button.label}</Text>
              </View>
            </View>
            {item.refused ? (
              <Text className="subscription-row__hint">
                你已选择不再接收，可在微信「设置 → 订阅消息」中重新允许
              </Text>
            ) : null}
          </View>
        )
      })}
      <View className="subscription-row subscription-row--quiet">
        <View className="subscription-row__top">
          <View className="subscription-row__text">
            <Text className="subscription-row__title">
              夜间也提醒 {quietHours?.start}–{quietHours?.end}
            </Text>
            <Text className="subscription-row__description">默认这段时间不发消息，到早上再发</Text>
          </View>
          <View
            className={`subscription-switch subscription-switch--quiet${quietHoursOptIn ? ' subscription-switch--on' : ''}`}
            onClick={quiet}
          >
            <Text className="subscription-switch__label">{quietHoursOptIn ? '开' : '关'}</Text>
            <View className="subscription-switch__knob" />
          </View>
        </View>
      </View>
    </View>
  )
}
