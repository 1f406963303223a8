// A horizontal bar chart drawn with views (no chart library): each bar's length is its value
// against the largest one, with the label and the value beside it. Nothing to show (no bars, or
// every value 0) renders the empty text instead of a row of zero-length bars.
import { Text, View } from '@tarojs/components'
import './index.scss'

export interface Bar {
  label: string
  value: number
  /** Shown instead of the number, e.g. 62%. */
  display?: string
  /** Highlights the bar, e.g. overdue. */
  tone?: 'normal' | 'alert'
}

export interface BarChartProps {
  bars: Bar[]
  /** Appended to the number when no display is given, e.g. 单. */
  unit?: string
  emptyText?: string
}

/** Bar lengths in percent of the largest value; a non-zero bar stays visible (at least 2%). */
export function barWidths(values: readonly number[]): number[] {
  const max = Math.max(0, ...values)
  if (max <= 0) return values.map(() => 0)
  return values.map((value) =>
    value <= 0 ? 0 : Math.max(2, Math.round((value / max) * 1000) / 10),
  )
}

export default function BarChart({ bars, unit = '', emptyText = '暂无数据' }: BarChartProps) {
  const list = bars ?? []
  const widths = barWidths(list.map((bar) => bar.value))
  if (list.length === 0 || widths.every((width) => width === 0)) {
    return (
      <View className="bar-chart bar-chart--empty">
        <Text className="bar-chart__empty">{emptyText}</Text>
      </View>
    )
  }
  return (
    <View className="bar-chart">
      {list.map((bar, index) => (
        <View key={bar.label} className="bar-chart__row">
          <Text className="bar-chart__label">{bar.label}</Text>
          <View className="bar-chart__track">
            <View
              className={`bar-chart__bar${bar.tone === 'alert' ? ' bar-chart__bar--alert' : ''}`}
              style={{ width: `${widths[index]}%` }}
            />
          </View>
          <Text className="bar-chart__value">{bar.display ?? `${bar.value}${unit}`}</Text>
        </View>
      ))}
    </View>
  )
}
