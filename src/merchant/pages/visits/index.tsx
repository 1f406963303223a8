// 派单 (issue 18): the owner's home visits of one China day (today on the cloud's clock, then the
// day before or after): who goes, the automatic choice and why, 自动分配 / 指派 / 改派 with a
// confirmation naming who and when, 重新预约 for a visit that was missed, and the day's 师傅.
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { addDays, type ChinaDate } from '@/domain/china-date'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import { TEAM_PAGES } from '@/routes'
import DispatchCard from './dispatch-card'
import StaffList from './staff-list'
import { useDispatch, type DispatchRow } from './use-dispatch'
import { useDispatchPrompts } from './use-dispatch-prompts'
import './index.scss'

const WAITING = ['requested', 'missed']

function VisitsPageBody() {
  const [date, setDate] = useState<ChinaDate | undefined>()
  const day = useDispatch(date)
  const { data, error, loading, busy, reload } = day
  // The cloud's today, from the first answer (the phone's clock may be wrong).
  const [today, setToday] = useState<ChinaDate>()
  useEffect(() => {
    if (!today && data) setToday(data.date)
  }, [today, data])
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))

  const shown = data?.date ?? date
  const { auto, pick, rebook } = useDispatchPrompts(day)

  const items = data?.items ?? []
  const waiting = items.filter((row) => WAITING.includes(row.visit.node))
  const planned = items.filter((row) => !WAITING.includes(row.visit.node))
  const card = (row: DispatchRow) => (
    <DispatchCard
      key={row.visit.id}
      row={row}
      day={data?.date ?? ''}
      busy={busy}
      onAuto={() => void auto(row)}
      onPick={(option) => void pick(row, option)}
      onRebook={(start, label) => void rebook(row, start, label)}
    />
  )
  return (
    <View className="visits">
      <MerchantNav current="visits" />
      <View className="visits__days">
        <View
          className="visits__step visits__step--prev"
          onClick={() => shown && !loading && setDate(addDays(shown, -1))}
        >
          <Text>前一天</Text>
        </View>
        <Text className="visits__day">
          {shown ? `${shown}${shown === today ? '（今天）' : ''}` : '…'}
        </Text>
        <View
          className="visits__step visits__step--next"
          onClick={() => shown && !loading && setDate(addDays(shown, 1))}
        >
          <Text>后一天</Text>
        </View>
      </View>
      {error && data ? <Text className="visits__stale">{error.message}</Text> : null}
      {!data ? (
        error && !loading ? (
          <ErrorState message={error.message} onRetry={() => void reload()} />
        ) : (
          <SkeletonList rows={2} />
        )
      ) : items.length === 0 ? (
        <EmptyState text="这天没有上门" hint="顾客预约的测量、安装和维修会列在这里" />
      ) : (
        <>
          <Text className="visits__title">{`待处理（${waiting.length}）`}</Text>
          {waiting.length === 0 ? <Text className="visits__none">都已安排好</Text> : null}
          {waiting.map(card)}
          <Text className="visits__title">{`已安排（${planned.length}）`}</Text>
          {planned.map(card)}
        </>
      )}
      {data && data.staff.length > 0 ? (
        <>
          <View className="visits__staff-head">
            <Text className="visits__title">{`师傅（${data.staff.length}）`}</Text>
            <Text
              className="visits__team"
              onClick={() => void Taro.navigateTo({ url: TEAM_PAGES.staff })}
            >
              师傅管理
            </Text>
          </View>
          <StaffList staff={data.staff} />
        </>
      ) : null}
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function VisitsPage() {
  return (
    <MerchantOnly>
      <VisitsPageBody />
    </MerchantOnly>
  )
}
