// 上门服务 on the dashboard: home visits whose window started in the window (visit-stats.ts):
// how many and how many missed, the share of arrivals inside their window, visits per day and per
// district, and each staff member's visits and average rating. Opens 派单 on tap of its link.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Wire } from '@/domain/api/contract'
import type { DashboardView } from '@/domain/merchant-views'
import BarChart from '@/components/bar-chart'
import { ShareMeter } from '@/merchant/components/charts'
import { MERCHANT_PAGES } from '@/routes'

type Service = Wire<DashboardView['service']>

const ratingText = (row: Service['byStaff'][number]) =>
  row.rating === null ? '暂无评分' : `评分 ${row.rating.toFixed(1)}（${row.ratings} 条）`

export default function ServiceCard({ service }: { service: Service }) {
  return (
    <View className="dash-card dash-service">
      <Text className="dash-card__title">{`上门服务（近 ${service.windowDays} 天）`}</Text>
      {service.visits === 0 ? (
        <Text className="dash-held">近期还没有上门</Text>
      ) : (
        <>
          <Text className="dash-service__overall">
            {`${service.visits} 次上门 · 错过 ${service.missed} 次`}
          </Text>
          <ShareMeter
            label="准时到达率"
            share={service.onTimeRate === null ? null : service.onTimeRate / 100}
            hint={`基于 ${service.arrivals} 次到达（时段结束前到达算准时）`}
          />
          <Text className="dash-held">每天上门</Text>
          <BarChart
            unit="次"
            bars={service.byDay.map((row) => ({ label: row.date.slice(5), value: row.visits }))}
          />
          <Text className="dash-held">各区上门</Text>
          <BarChart
            unit="次"
            bars={service.byDistrict.map((row) => ({ label: row.district, value: row.visits }))}
          />
          <Text className="dash-held">师傅</Text>
          {service.byStaff.map((row) => (
            <View key={row.staffId} className="dash-service__staff">
              <Text className="dash-service__name">{row.name}</Text>
              <Text className="dash-service__figures">
                {`${row.visits} 次 · 完成 ${row.done} · ${ratingText(row)}`}
              </Text>
            </View>
          ))}
          {service.capped ? (
            <Text className="dash-held">上门较多，只统计了最近的一部分</Text>
          ) : null}
        </>
      )}
      <Text
        className="dash-service__link"
        onClick={() => void Taro.redirectTo({ url: MERCHANT_PAGES.visits })}
      >
        去派单 ›
      </Text>
    </View>
  )
}
