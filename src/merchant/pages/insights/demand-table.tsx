// One table of demand signals: this week's units against last week's, 需求激增 where flagged.
import { Text, View } from '@tarojs/components'
import type { DemandRow } from '@/domain/insights'

const change = (row: DemandRow) => {
  const delta = row.thisWeek - row.lastWeek
  return delta > 0 ? `+${delta}` : String(delta)
}

export default function DemandTable({ title, rows }: { title: string; rows: DemandRow[] }) {
  return (
    <View className="insights-card">
      <Text className="insights-card__title">{title}</Text>
      {rows.length === 0 ? <Text className="insights-empty">两周内没有订单</Text> : null}
      {rows.map((row) => (
        <View key={row.key} className="demand-row">
          <Text className="demand-row__label">{row.label}</Text>
          <Text className="demand-row__weeks">
            本周 {row.thisWeek} · 上周 {row.lastWeek} · {change(row)}
          </Text>
          {row.surge ? <Text className="demand-row__surge">需求激增</Text> : null}
        </View>
      ))}
    </View>
  )
}
