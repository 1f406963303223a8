// 为你推荐 on the dashboard: per slot over the last 30 days, how often its items were shown,
// tapped and ordered within 7 days of a tap, and the bases whose taps turn into orders.
import { Text, View } from '@tarojs/components'
import type { Wire } from '@/domain/api/contract'
import type { DashboardView } from '@/domain/merchant-views'
import { BASIS_LABELS, SLOT_LABELS } from '@/domain/rec-stats'

const percent = (rate: number | null) => (rate === null ? '—' : `${rate}%`)

export default function RecSlotsCard({ stats }: { stats: Wire<DashboardView['recommendations']> }) {
  return (
    <View className="dash-card dash-rec">
      <Text className="dash-card__title">{`为你推荐（近 ${stats.days} 天）`}</Text>
      {stats.slots.map((row) => (
        <View key={row.slot} className="dash-rec__slot" data-slot={row.slot}>
          <Text className="dash-rec__name">{SLOT_LABELS[row.slot]}</Text>
          <Text className="dash-rec__figures">
            {`展示 ${row.shown} · 点击 ${row.tapped}（${percent(row.tapRate)}） · 7 天内下单 ${row.ordered}（${percent(row.orderRate)}）`}
          </Text>
        </View>
      ))}
      <Text className="dash-held">
        {stats.topBases.length === 0
          ? '还没有由推荐带来的订单'
          : `最能带来订单：${stats.topBases
              .map((b) => `${BASIS_LABELS[b.basis]} ${b.ordered} 单（${percent(b.orderRate)}）`)
              .join('，')}`}
      </Text>
    </View>
  )
}
