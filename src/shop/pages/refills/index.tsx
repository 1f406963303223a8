// 我的补货: the consumables the customer buys again, when each will run out, and the answers to
// a reminder. The 补货提醒 list on top holds reminders sent (or kept in-app for want of a
// credit) and not yet answered. A reminder message opens this page with ?productId=…&mid=….
// Below, 为你推荐 (slot refill) comes with the list.
import Taro, { useRouter, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ForYou from '@/components/for-you'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { formatChinaTime } from '@/domain/time'
import { useMessageOpened } from '@/hooks/useMessageOpened'
import { askForSubscriptions } from '@/services/subscribe'
import { confirmModal, toast } from '@/services/feedback'
import RefillCard from './refill-card'
import { useRefills, type RefillItem } from './use-refills'
import './index.scss'

const SNOOZE_CHOICES = [3, 7, 14, 30]

export default function Refills() {
  const focus = useRouter().params.productId
  const refills = useRefills()
  useMessageOpened()
  const { data, error, loading, busy, reload } = refills

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  const reorder = async (item: RefillItem) => {
    const result = await refills.reorder(item)
    if (!result.ok) toast(result.message)
  }
  const snooze = async (item: RefillItem) => {
    // A tap point: the customer may allow the next reminder to reach WeChat.
    askForSubscriptions('refills')
    const picked = await Taro.showActionSheet({
      itemList: SNOOZE_CHOICES.map((days) => `${days} 天后再提醒`),
    }).catch(() => undefined)
    if (!picked) return
    const result = await refills.snooze(item.productId, SNOOZE_CHOICES[picked.tapIndex])
    toast(
      result.ok
        ? `将于 ${formatChinaTime(result.data.refill.nextReminderAt, 'MM-DD')} 再提醒`
        : result.message,
    )
  }
  const stop = async (item: RefillItem) => {
    const sure = await confirmModal('停止提醒', `不再提醒补货“${item.productName}”？`, {
      confirmText: '停止',
      confirmColor: '#c2413b',
    })
    if (!sure) return
    const result = await refills.stop(item.productId)
    toast(result.ok ? '已停止提醒' : result.message)
  }
  const adjust = async (item: RefillItem, days: number) => {
    askForSubscriptions('refills')
    const result = await refills.adjustCycle(item.productId, days)
    if (!result.ok) return result.message
    toast('周期已更新')
    return undefined
  }

  if (!data) {
    return (
      <View className="refills">
        {error && !loading ? (
          <ErrorState message={error.message} onRetry={() => void reload()} />
        ) : (
          <SkeletonList rows={2} />
        )}
      </View>
    )
  }

  // The product a reminder opened comes first.
  const items = [...data.refills].sort(
    (a, b) => Number(b.productId === focus) - Number(a.productId === focus),
  )
  return (
    <View className="refills">
      {error ? <Text className="refills__stale">{error.message}</Text> : null}
      <View className="refills-head">
        <Text className="refills-head__title">我的补货</Text>
        <Text className="refills-head__subtitle">按你的购买习惯预测用完时间，提前 5 天提醒</Text>
      </View>

      {data.reminders.length ? (
        <View className="refill-reminders">
          <Text className="refill-reminders__title">补货提醒</Text>
          {data.reminders.map((item) => (
            <View key={item.productId} className="refill-reminder">
              <Text className="refill-reminder__text">
                {item.productName} 预计 {formatChinaTime(item.runOutAt, 'MM-DD')} 用完
              </Text>
              <View className="refill-reminder__go" onClick={() => !busy && void reorder(item)}>
                <Text>立即补货</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}

      {items.length === 0 ? (
        <EmptyState
          text="还没有需要补货的商品"
          hint="购买滤芯等消耗品并签收后，会在这里提醒你补货"
        />
      ) : (
        <View className="refills-list">
          {items.map((item) => (
            <RefillCard
              key={item.productId}
              item={item}
              focused={item.productId === focus}
              busy={busy}
              onReorder={() => void reorder(item)}
              onSnooze={() => void snooze(item)}
              onStop={() => void stop(item)}
              onAdjust={(days) => adjust(item, days)}
            />
          ))}
        </View>
      )}
      <ForYou
        slot="refill"
        personalised={data.recommendations.personalised}
        items={data.recommendations.items}
      />
    </View>
  )
}
