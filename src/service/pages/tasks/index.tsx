// 我的任务 (issue 18): a service staff member's visits of today or tomorrow, in window order, each
// with the address, the customer and the order, and the next step. The report is kept on the
// phone when there is no signal and sent when the network returns, once.
import { useEffect, useState } from 'react'
import { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { addDays, type ChinaDate } from '@/domain/china-date'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { toast } from '@/services/feedback'
import LeaveButton from './leave-button'
import TaskCard from './task-card'
import { useTasks, type ReportPayload, type StaffEvent, type TaskRow } from './use-tasks'
import './index.scss'

const DONE_TOASTS: Record<StaffEvent, string> = { set_out: '已出发', arrive: '已到达' }

export default function Tasks() {
  // Today is the cloud's (the phone's clock may be wrong); tomorrow follows its answer.
  const [date, setDate] = useState<ChinaDate | undefined>()
  const tasks = useTasks(date)
  const { data, error, loading, busy, waiting, reload } = tasks
  const [today, setToday] = useState<ChinaDate>()
  useEffect(() => {
    if (!today && date === undefined && data) setToday(data.date)
  }, [today, date, data])
  usePullDownRefresh(() => void tasks.flush().then(reload))

  const act = async (item: TaskRow, event: StaffEvent) => {
    const result = await tasks.act(item, event)
    toast(result.ok ? DONE_TOASTS[event] : result.message)
  }
  const report = async (payload: ReportPayload) => {
    const answer = await tasks.report(payload)
    if (answer === 'sent') toast('上门报告已提交')
    if (answer === 'kept') toast('网络不好，报告已保存，恢复后自动提交')
    return answer
  }

  const shown = data?.date
  const days = today
    ? [
        { date: today, label: '今天' },
        { date: addDays(today, 1), label: '明天' },
      ]
    : []
  return (
    <View className="tasks">
      <View className="tasks__days">
        {days.map((day) => (
          <View
            key={day.date}
            className={`tasks__day${day.date === shown ? ' tasks__day--on' : ''}`}
            onClick={() => setDate(day.date)}
          >
            <Text>
              {day.label} {day.date.slice(5)}
            </Text>
          </View>
        ))}
      </View>
      {shown ? <LeaveButton date={shown} /> : null}
      {error ? <Text className="tasks__stale">{error.message}</Text> : null}
      {!data ? (
        error && !loading ? (
          <ErrorState message={error.message} onRetry={() => void reload()} />
        ) : (
          <SkeletonList rows={2} />
        )
      ) : data.items.length === 0 ? (
        <EmptyState text="这天没有上门任务" hint="商家指派给你的测量、安装和维修会列在这里" />
      ) : (
        data.items.map((item) => (
          <TaskCard
            key={item.visit.id}
            item={item}
            busy={busy}
            waiting={waiting.includes(item.visit.id)}
            onAct={(event) => void act(item, event)}
            onReport={report}
          />
        ))
      )}
    </View>
  )
}
