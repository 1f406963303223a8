// What a batch action did, item by item: how many were applied, and each failure with the
// server's reason, so the merchant knows exactly which orders (or after-sales requests) still
// need attention.
import { Text, View } from '@tarojs/components'
import type { AfterSalesActionResult, OrderActionResult } from '@/domain/merchant-views'
import './index.scss'

export interface ResultReportProps {
  title: string
  results: OrderActionResult[] | AfterSalesActionResult[]
  /** What one item is counted as: 单 (orders) or 个 (after-sales requests). */
  unit?: string
  onClose: () => void
}

const idOf = (result: OrderActionResult | AfterSalesActionResult) =>
  'orderId' in result ? result.orderId : result.afterSalesId

export default function ResultReport({ title, results, unit = '单', onClose }: ResultReportProps) {
  const failed = (results as (OrderActionResult | AfterSalesActionResult)[]).filter((r) => !r.ok)
  return (
    <View className={`result-report${failed.length > 0 ? ' result-report--partial' : ''}`}>
      <Text className="result-report__title">{title}</Text>
      <Text className="result-report__summary">
        成功 {results.length - failed.length} {unit}
        {failed.length > 0 ? `，失败 ${failed.length} ${unit}` : ''}
      </Text>
      {failed.map((result) => (
        <View key={idOf(result)} className="result-report__failure">
          <Text className="result-report__order">{result.orderNo ?? idOf(result)}</Text>
          <Text className="result-report__reason">{result.message ?? result.code ?? '失败'}</Text>
        </View>
      ))}
      <View className="result-report__close" onClick={onClose}>
        <Text>知道了</Text>
      </View>
    </View>
  )
}
