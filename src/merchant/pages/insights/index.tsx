// 经营洞察 (issue 19): each product's funnel over the last 30 days, and the demand signals that
// reach production — products, option choices and regions this week against last, risers first —
// and the message A/B tests.
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { formatChinaTime } from '@/domain/time'
import { ErrorState, SkeletonList } from '@/components/state-view'
import { useInsights } from '@/hooks/useMerchantData'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import DemandTable from './demand-table'
import ExperimentCard from './experiment-card'
import FunnelCard from './funnel-card'
import './index.scss'

function InsightsPageBody() {
  const insights = useInsights()
  usePullDownRefresh(() => void insights.reload().finally(() => Taro.stopPullDownRefresh()))
  const data = insights.data

  if (!data) {
    return (
      <View className="insights">
        <MerchantNav current="insights" />
        {insights.error ? (
          <ErrorState message={insights.error.message} onRetry={() => void insights.reload()} />
        ) : (
          <SkeletonList rows={3} />
        )}
      </View>
    )
  }

  const { demand } = data
  return (
    <View className="insights">
      <MerchantNav current="insights" />
      <FunnelCard rows={data.funnel} windowDays={data.windowDays} />
      <Text className="insights-note">
        需求信号：本周（{demand.thisWeek} 起，至今）与上周（{demand.lastWeek} 起）的下单件数；
        本周至少 {demand.surgeMinUnits} 件且不少于上周两倍时标为“需求激增”。
      </Text>
      <DemandTable title="商品需求" rows={demand.products} />
      <DemandTable title="款式选项需求" rows={demand.options} />
      <DemandTable title="地区需求（省 市）" rows={demand.regions} />
      <ExperimentCard experiments={data.experiments} windowDays={data.windowDays} />
      {data.sampled ? (
        <Text className="insights-note">订单较多，以上订单数据为最近的部分订单。</Text>
      ) : null}
      <Text className="insights-generated">
        更新于 {formatChinaTime(data.generatedAt, 'MM-DD HH:mm')}
      </Text>
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function InsightsPage() {
  return (
    <MerchantOnly>
      <InsightsPageBody />
    </MerchantOnly>
  )
}
