// The urgent channel (急单通道): surcharge and the faster date, or why it is unavailable today
// (the quote's `urgent.reason`, e.g. 今日加急名额已满). The whole row is the tap target.
import { Text, View } from '@tarojs/components'
import { addDays } from '@/domain/china-date'
import { formatFen } from '@/domain/money'
import type { Quote } from '@/domain/pricing'
import type { UrgentChannel } from '@/domain/product-schema'
import './index.scss'

export interface UrgentToggleProps {
  channel: UrgentChannel
  checked: boolean
  quote: Quote | undefined
  onChange: (checked: boolean) => void
}

export default function UrgentToggle({ channel, checked, quote, onChange }: UrgentToggleProps) {
  const soldOut = quote !== undefined && !quote.urgent.available
  const urgentDate =
    quote && !quote.urgent.applied
      ? addDays(quote.quotedOn, Math.min(channel.urgentLeadDays, quote.leadDays))
      : quote?.etaDate
  const tap = () => {
    if (soldOut && !checked) return
    onChange(!checked)
  }
  return (
    <View
      className={`urgent${checked ? ' urgent--on' : ''}${soldOut ? ' urgent--sold-out' : ''}`}
      onClick={tap}
    >
      <View className="urgent__body">
        <Text className="urgent__title">急单通道</Text>
        {soldOut ? (
          <Text className="urgent__detail urgent__sold-out">
            {quote?.urgent.reason ?? '今日加急名额已满'}
          </Text>
        ) : (
          <Text className="urgent__detail">
            加 {formatFen(channel.surchargeFen)}，约 {channel.urgentLeadDays} 天完成
            {urgentDate ? `（预计 ${urgentDate}）` : ''}
          </Text>
        )}
      </View>
      <View className={`urgent__switch${checked ? ' urgent__switch--on' : ''}`}>
        <View className="urgent__knob" />
      </View>
    </View>
  )
}
