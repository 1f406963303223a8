// What a batch action did, order by order: how many were applied, and each failure with the
// server's reason, so the merchant knows exactly which orders still need attention.
import { Text, View } from '@tarojs/components'
import type { OrderActionResult } from '@/domain/merchant-views'
import './index.scss'

export interface ResultReportProps {
  title: string
  results: OrderActionResult[]
  onClose: () => void
}

export default function ResultReport({ title, results, onClose }: ResultReportProps) {
  const failed = results.filter((result) => !result.ok)
  return (
    <View className={`result-report${failed.length > 0 ? ' result-report--partial' : ''}`}>
      <Text className="result-report__title">{title}</Text>
      <Text className="result-report__summary">
        成功 {results.length - failed.length} 单
        {failed.length > 0 ? `，失败 ${failed.length} 单` : ''}
      </Text>
      {failed.map((result) => (
        <View key={result.orderId} className="result-report__failure">
          <Text className="result-report__order">{result.orderNo ?? result.orderId}</Text>
          <Text className="result-report__reason">{result.message ?? result.code ?? '失败'}</Text>
        </View>
      ))}
      <View className="result-report__close" onClick={onClose}>
        <Text>知道了</Text>
      </View>
    </View>
  )
}
