// 数据看板: orders per node and per week, overdue and exceptions, lead time against the promise,
// urgent share, this week's most requested options, reminder-to-reorder conversion, message
// delivery and opens, after-sales, ratings and home visits. Charts where a chart reads faster
// than a number.
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { NODE_LABELS } from '@/domain/order-labels'
import { ORDER_NODES } from '@/domain/order-types'
import { formatChinaTime } from '@/domain/time'
import BarChart from '@/components/bar-chart'
import { ErrorState, SkeletonList } from '@/components/state-view'
import { useDashboard } from '@/hooks/useMerchantData'
import MerchantNav from '@/merchant/components/merchant-nav'
import { MERCHANT_PAGES } from '@/routes'
import MerchantOnly from '@/merchant/components/merchant-only'
import { ShareMeter } from '@/merchant/components/charts'
import MessagesCard from './messages-card'
import RatingsCard from './ratings-card'
import RecSlotsCard from './rec-slots-card'
import ServiceCard from './service-card'
import './index.scss'

const days = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} 天`)

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <View className="dash-card">
      <Text className="dash-card__title">{title}</Text>
      {children}
    </View>
  )
}

function DashboardPageBody() {
  const dashboard = useDashboard()
  usePullDownRefresh(() => void dashboard.reload().finally(() => Taro.stopPullDownRefresh()))
  const data = dashboard.data

  if (!data) {
    return (
      <View className="dashboard">
        <MerchantNav current="dashboard" />
        {dashboard.error ? (
          <ErrorState message={dashboard.error.message} onRetry={() => void dashboard.reload()} />
        ) : (
          <SkeletonList rows={3} />
        )}
      </View>
    )
  }

  const { leadTime, refills, messages, afterSales } = data
  return (
    <View className="dashboard">
      <MerchantNav current="dashboard" />

      <View className="dash-kpis">
        <View className="dash-kpi dash-kpi--alert">
          <Text className="dash-kpi__value">{data.overdue}</Text>
          <Text className="dash-kpi__label">逾期</Text>
        </View>
        <View className="dash-kpi dash-kpi--alert">
          <Text className="dash-kpi__value">{data.exceptions}</Text>
          <Text className="dash-kpi__label">异常</Text>
        </View>
        <View className="dash-kpi">
          <Text className="dash-kpi__value">{days(leadTime.averageDays)}</Text>
          <Text className="dash-kpi__label">平均交付</Text>
        </View>
      </View>

      <View
        className={`dash-money${data.failedRefunds > 0 ? ' dash-money--alert' : ''}`}
        onClick={() => void Taro.redirectTo({ url: MERCHANT_PAGES.money })}
      >
        <Text className="dash-money__text">
          {data.failedRefunds > 0 ? `退款失败 ${data.failedRefunds} 笔，待处理` : '今日收款与退款'}
        </Text>
        <Text className="dash-money__link">对账 ›</Text>
      </View>

      <Card title="各节点订单">
        <BarChart
          unit="单"
          emptyText="暂无订单"
          bars={ORDER_NODES.map((node) => ({
            label: NODE_LABELS[node],
            value: data.byNode[node] ?? 0,
          }))}
        />
      </Card>

      <Card title="交付周期（对比承诺）">
        <BarChart
          emptyText={`样本不足（${leadTime.samples} 单）`}
          bars={[
            {
              label: '平均',
              value: leadTime.averageDays ?? 0,
              display: days(leadTime.averageDays),
            },
            {
              label: 'P90',
              value: leadTime.p90Days ?? 0,
              display: days(leadTime.p90Days),
              tone: 'alert',
            },
            {
              label: '承诺平均',
              value: leadTime.promisedAverageDays ?? 0,
              display: days(leadTime.promisedAverageDays),
            },
          ]}
        />
        <ShareMeter
          label="准时交付率"
          share={leadTime.onTimeRate}
          hint={`基于 ${leadTime.samples} 单已交付订单`}
        />
      </Card>

      <Card title="每周下单">
        <BarChart
          unit="单"
          emptyText="还没有下单记录"
          bars={data.weeklyOrders.map((week) => ({
            label: `${week.week.slice(5)} 周`,
            value: week.count,
          }))}
        />
      </Card>

      <Card title="本周热门选项（需求信号）">
        <BarChart
          unit="次"
          emptyText="本周还没有新订单"
          bars={data.topOptions.map((option) => ({ label: option.label, value: option.count }))}
        />
      </Card>

      <Card title="急单与复购">
        <ShareMeter label="急单占比" share={data.urgentShare} />
        <ShareMeter
          label="补货提醒转化"
          share={refills.conversion}
          hint={`近 ${refills.windowDays} 天提醒 ${refills.remindersSent} 次，复购 ${refills.reorders} 单`}
        />
      </Card>

      <MessagesCard messages={messages} />

      <Card title={`售后（近 ${afterSales.windowDays} 天）`}>
        <ShareMeter
          label="售后率"
          share={afterSales.rate}
          hint={`${afterSales.requests} 个申请 · 待处理 ${afterSales.open}${afterSales.overdue > 0 ? `（超时 ${afterSales.overdue}）` : ''}`}
        />
        <BarChart
          emptyText="近期没有售后申请"
          bars={afterSales.byProduct.map((row) => ({
            label: row.product,
            value: row.requests,
            display: `${row.requests} / ${row.delivered} 单`,
          }))}
        />
        <BarChart
          unit="次"
          emptyText="暂无原因"
          bars={afterSales.reasons.map((row) => ({ label: row.reason, value: row.count }))}
        />
        {afterSales.byOption.length > 0 ? (
          <>
            <Text className="dash-held">按选项（售后 / 签收）</Text>
            <BarChart
              bars={afterSales.byOption.slice(0, 8).map((row) => ({
                label: row.option,
                value: row.requests,
                display: `${row.requests} / ${row.delivered} 单`,
              }))}
            />
          </>
        ) : null}
        {afterSales.rework.count > 0 ? (
          <Text className="dash-held dash-rework">
            返工周期：平均 {afterSales.rework.averageDays} 天 · 90% 在 {afterSales.rework.p90Days}{' '}
            天内（{afterSales.rework.count} 单）
          </Text>
        ) : null}
        {afterSales.altered.length > 0 ? (
          <>
            <Text className="dash-held">最常修改的尺寸（量体指引可改进处）</Text>
            <BarChart
              bars={afterSales.altered.map((row) => ({
                label: row.label,
                value: row.count,
                display: `${row.count} 次 · 平均 ${row.averageDelta > 0 ? '+' : ''}${row.averageDelta}${row.unit}`,
                tone: 'alert' as const,
              }))}
            />
          </>
        ) : null}
      </Card>

      <RatingsCard ratings={data.ratings} />
      <ServiceCard service={data.service} />
      <RecSlotsCard stats={data.recommendations} />

      <Text className="dash-generated">
        更新于 {formatChinaTime(data.generatedAt, 'MM-DD HH:mm')}
      </Text>
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function DashboardPage() {
  return (
    <MerchantOnly>
      <DashboardPageBody />
    </MerchantOnly>
  )
}
