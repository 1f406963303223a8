// Shown when these exact choices were already submitted as an order (the customer left the confirm
// page before reaching the order, or came back to this page): the order is one tap away, and
// submitting the same choices again returns that order instead of making a second one.
import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { OrderSelection } from '@/domain/order-selection'
import { SHOP_PAGES } from '@/routes'
import { forgetPlacedOrder, onPlacedOrderChange, placedOrderFor } from '@/services/draft-order'

export default function PlacedNotice({
  productId,
  selection,
}: {
  productId: string
  selection: OrderSelection | null
}) {
  // The order is remembered outside React: read it again whenever the page shows, and when a
  // submit the customer left behind is answered while this page is up.
  const [, setShown] = useState(0)
  useDidShow(() => setShown((n) => n + 1))
  useEffect(() => onPlacedOrderChange(() => setShown((n) => n + 1)), [])
  const placed = placedOrderFor(productId, selection)
  if (!placed) return null
  return (
    <View className="placed-notice">
      <Text className="placed-notice__text">这份定制已提交为订单 {placed.orderNo}</Text>
      <View className="placed-notice__actions">
        <View
          className="placed-notice__view"
          onClick={() => void Taro.navigateTo({ url: `${SHOP_PAGES.order}?id=${placed.orderId}` })}
        >
          <Text>查看订单</Text>
        </View>
        <View
          className="placed-notice__again"
          onClick={() => {
            forgetPlacedOrder()
            setShown((n) => n + 1)
          }}
        >
          <Text>再下一单</Text>
        </View>
      </View>
    </View>
  )
}
