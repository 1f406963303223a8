// 我的 → 优惠券: the customer's coupons (order.coupons), usable ones first, each with its amount,
// threshold, expiry and origin (e.g. 订单延期补偿). They are spent on the confirm page.
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Loadable } from '@/components/state-view'
import { orderApi } from '@/domain/api/order'
import { couponCard } from '@/domain/coupon-view'
import { useCloud } from '@/hooks/useCloud'
import './index.scss'

export default function Coupons() {
  const state = useCloud(orderApi.coupons)

  usePullDownRefresh(() => {
    void state.reload().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className="coupons">
      <View className="coupons-head">
        <Text className="coupons-head__title">优惠券</Text>
        <Text className="coupons-head__subtitle">在确认下单时选择使用，每张限用一次</Text>
      </View>
      {state.error && state.data ? (
        <Text className="coupons__stale">{state.error.message}</Text>
      ) : null}
      <Loadable
        state={state}
        rows={2}
        empty={{
          when: (data) => data.items.length === 0,
          text: '还没有优惠券',
          hint: '订单延期等情况下选择“领取补偿券”，券会出现在这里',
        }}
      >
        {(data) => {
          const now = new Date()
          return (
            <View className="coupons-list">
              {data.items.map((coupon) => {
                const card = couponCard(coupon, now)
                return (
                  <View
                    key={card.id}
                    className={`coupon-card${card.available ? '' : ' coupon-card--off'}`}
                  >
                    <View className="coupon-card__value">
                      <Text className="coupon-card__amount">{card.amount}</Text>
                      <Text className="coupon-card__threshold">{card.threshold}</Text>
                    </View>
                    <View className="coupon-card__body">
                      <Text className="coupon-card__origin">{card.origin}</Text>
                      <Text className="coupon-card__expiry">{card.expiry}</Text>
                    </View>
                    <Text className="coupon-card__state">{card.state}</Text>
                  </View>
                )
              })}
            </View>
          )
        }}
      </Loadable>
    </View>
  )
}
