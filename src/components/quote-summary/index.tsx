// The server's quote in Chinese: price lines, total and the estimated completion date; or why
// there is none yet (incomplete form, loading, an error with 重试).
import { Text, View } from '@tarojs/components'
import { formatFen } from '@/domain/money'
import type { Quote } from '@/domain/pricing'
import type { Fail } from '@/domain/result'
import './index.scss'

export interface QuoteSummaryProps {
  quote: Quote | undefined
  loading: boolean
  error?: Fail
  /** Shown when there is nothing to quote yet. */
  placeholder?: string
  onRetry?: () => void
}

export function etaText(quote: Quote): string {
  return quote.etaBasis === 'batch_reached'
    ? `成团后约 ${quote.leadDays} 天完成，最早 ${quote.etaDate}`
    : `约 ${quote.leadDays} 天完成，预计 ${quote.etaDate}`
}

export default function QuoteSummary({
  quote,
  loading,
  error,
  placeholder = '填写完整后显示实时价格',
  onRetry,
}: QuoteSummaryProps) {
  if (error) {
    return (
      <View className="quote quote--error" onClick={onRetry}>
        <Text className="quote__message">{error.message}</Text>
        {onRetry ? <Text className="quote__retry">重试</Text> : null}
      </View>
    )
  }
  if (!quote) {
    return (
      <View className="quote">
        <Text className="quote__message">{loading ? '正在计算价格…' : placeholder}</Text>
      </View>
    )
  }
  return (
    <View className={`quote${loading ? ' quote--stale' : ''}`}>
      {quote.lines.map((line, index) => (
        <View key={`${line.label}-${index}`} className="quote__line">
          <Text className="quote__line-label">{line.label}</Text>
          <Text className="quote__line-amount">{formatFen(line.amountFen)}</Text>
        </View>
      ))}
      <View className="quote__total">
        <Text className="quote__total-label">合计</Text>
        <Text className="quote__total-amount">{formatFen(quote.priceFen)}</Text>
      </View>
      {quote.depositFen ? (
        <View className="quote__line quote__deposit">
          <Text className="quote__line-label">今付定金（成团后付尾款）</Text>
          <Text className="quote__line-amount">{formatFen(quote.depositFen)}</Text>
        </View>
      ) : null}
      <Text className="quote__eta">{etaText(quote)}</Text>
      {quote.urgent.requested && !quote.urgent.applied && quote.urgent.reason ? (
        <Text className="quote__warning">{quote.urgent.reason}，请取消加急</Text>
      ) : null}
    </View>
  )
}
