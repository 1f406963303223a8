// Each product's funnel: 列表曝光 → 详情浏览 → 下单, with the two step rates.
import { Text, View } from '@tarojs/components'
import type { FunnelRow } from '@/domain/insights'
import { percentText } from '@/merchant/components/charts'

export default function FunnelCard({
  rows,
  windowDays,
}: {
  rows: FunnelRow[]
  windowDays: number
}) {
  return (
    <View className="insights-card">
      <Text className="insights-card__title">商品漏斗 · 近 {windowDays} 天</Text>
      {rows.map((row) => (
        <View key={row.productId} className="funnel-row">
          <Text className="funnel-row__name">{row.name}</Text>
          <View className="funnel-row__steps">
            <Text className="funnel-step">列表曝光 {row.listViews}</Text>
            <Text className="funnel-rate">→ {percentText(row.openRate)} →</Text>
            <Text className="funnel-step">详情浏览 {row.detailOpens}</Text>
            <Text className="funnel-rate">→ {percentText(row.orderRate)} →</Text>
            <Text className="funnel-step">下单 {row.orders}</Text>
          </View>
        </View>
      ))}
      <Text className="insights-note">
        详情浏览只统计开启“个性化推荐”的顾客，下单统计全部顾客，所以下单率可能超过 100%。
      </Text>
    </View>
  )
}
