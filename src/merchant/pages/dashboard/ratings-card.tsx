// 评价 on the dashboard: how many ratings came in over the window and their averages, per
// product, and the lowest-rated orders, each opening the merchant's order page.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Wire } from '@/domain/api/contract'
import type { DashboardView } from '@/domain/merchant-views'
import { scoresLine } from '@/domain/rating-stats'
import { MERCHANT_PAGES } from '@/routes'

export default function RatingsCard({ ratings }: { ratings: Wire<DashboardView['ratings']> }) {
  return (
    <View className="dash-card dash-ratings">
      <Text className="dash-card__title">{`评价（近 ${ratings.windowDays} 天）`}</Text>
      {ratings.ratings === 0 ? (
        <Text className="dash-held">近期还没有评价</Text>
      ) : (
        <>
          <Text className="dash-ratings__overall">
            {`${ratings.ratings} 条 · 平均 ${scoresLine(ratings.average, 1)}`}
          </Text>
          {ratings.byProduct.map((row) => (
            <View key={row.product} className="dash-ratings__product">
              <Text className="dash-ratings__name">{`${row.product}（${row.ratings} 条）`}</Text>
              <Text className="dash-ratings__scores">{scoresLine(row.average, 1)}</Text>
            </View>
          ))}
          <Text className="dash-held">评分最低的订单</Text>
          {ratings.lowest.map((row) => (
            <View
              key={row.orderId}
              className="dash-ratings__low"
              data-order={row.orderId}
              onClick={() =>
                void Taro.navigateTo({ url: `${MERCHANT_PAGES.order}?id=${row.orderId}` })
              }
            >
              <Text className="dash-ratings__name">{`订单 ${row.orderNo} · ${row.product}`}</Text>
              <Text className="dash-ratings__scores">
                {`${scoresLine(row)} · 均分 ${row.mean.toFixed(1)}`}
              </Text>
              {row.text ? <Text className="dash-ratings__text">{row.text}</Text> : null}
            </View>
          ))}
        </>
      )}
    </View>
  )
}
