// 保养提醒: a made good's care tasks (issue 20), opened by a care reminder with ?orderId=…&mid=…
// (or from the in-app message list). Each task shows what to do and when; 暂不需要 moves it to
// its next occurrence, 停止 ends the order's whole plan after a confirmation.
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { CARE_STATUS_LABELS } from '@/domain/care-view'
import { formatChinaTime } from '@/domain/time'
import { useMessageOpened } from '@/hooks/useMessageOpened'
import { confirmModal, toast } from '@/services/feedback'
import { askForSubscriptions } from '@/services/subscribe'
import { useCareTasks, type CareItem } from './use-care-tasks'
import './index.scss'

const everyText = (item: CareItem) => (item.everyDays ? `每 ${item.everyDays} 天一次` : '一次')

export default function Care() {
  const orderId = useRouter().params.orderId
  const care = useCareTasks(orderId)
  useMessageOpened()
  const { data, error, loading, busy, reload } = care

  const snooze = async (item: CareItem) => {
    // A tap point: the customer may allow the next care reminder to reach WeChat.
    askForSubscriptions('careTasks')
    const result = await care.snooze(item.id)
    const next = result.ok ? result.data.tasks.find((task) => task.id === item.id) : undefined
    toast(
      result.ok
        ? `将于 ${formatChinaTime(next?.dueAt ?? item.dueAt, 'YYYY-MM-DD')} 再提醒`
        : result.message,
    )
  }
  const stop = async (item: CareItem) => {
    const sure = await confirmModal('停止保养提醒', `不再提醒“${item.productName}”的保养？`, {
      confirmText: '停止',
      confirmColor: '#c2413b',
    })
    if (!sure) return
    const result = await care.stop(item.orderId)
    toast(result.ok ? '已停止保养提醒' : result.message)
  }

  if (!data) {
    return (
      <View className="care">
        {error && !loading ? (
          <ErrorState message={error.message} onRetry={() => void reload()} />
        ) : (
          <SkeletonList rows={1} />
        )}
      </View>
    )
  }
  return (
    <View className="care">
      {error ? <Text className="care__stale">{error.message}</Text> : null}
      {data.tasks.length === 0 ? (
        <EmptyState text="暂无保养提醒" hint="定制商品签收后，会按商品的保养计划提醒你" />
      ) : (
        data.tasks.map((item) => (
          <View key={item.id} className="care-task">
            <Text className="care-task__product">{item.productName}</Text>
            <Text className="care-task__title">{item.title}</Text>
            <Text className="care-task__meta">
              {CARE_STATUS_LABELS[item.status]} · {everyText(item)} · 建议{' '}
              {formatChinaTime(item.dueAt, 'YYYY-MM-DD')}
            </Text>
            {item.status === 'stopped' ? null : (
              <View className="care-task__actions">
                <View className="care-task__button" onClick={() => !busy && void snooze(item)}>
                  <Text>暂不需要</Text>
                </View>
                <View
                  className="care-task__button care-task__button--stop"
                  onClick={() => !busy && void stop(item)}
                >
                  <Text>停止</Text>
                </View>
              </View>
            )}
          </View>
        ))
      )}
    </View>
  )
}
