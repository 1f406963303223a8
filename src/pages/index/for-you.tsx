// The parts of the home page about the customer: orders still on their way (one tap to the
// order) and refills running out (one tap to 立即补货); 为你推荐 is components/for-you.
import { Text, View } from '@tarojs/components'
import type { ResultOf } from '@/domain/api/contract'
import type { userApi } from '@/domain/api/user'

type Home = ResultOf<typeof userApi.home>

export function OrdersInProgress({
  orders,
  onOpen,
}: {
  orders: Home['orders']
  onOpen: (orderId: string) => void
}) {
  if (orders.length === 0) return null
  return (
    <View className="home-block home-orders">
      <Text className="home-block__title">进行中的订单</Text>
      {orders.map((order) => (
        <View
          key={order.id}
          className={`home-order${order.exception ? ' home-order--exception' : ''}`}
          data-id={order.id}
          hoverClass="home-row--pressed"
          onClick={() => onOpen(order.id)}
        >
          <View className="home-order__main">
            <Text className="home-order__name">{order.productName}</Text>
            <Text className="home-order__status">{order.statusText}</Text>
          </View>
          <Text className={`home-order__node home-order__node--${order.node}`}>
            {order.nodeText}
          </Text>
        </View>
      ))}
    </View>
  )
}

export function RefillsDue({
  refills,
  busy,
  onReorder,
}: {
  refills: Home['refills']
  busy: boolean
  onReorder: (refill: Home['refills'][number]) => void
}) {
  if (refills.length === 0) return null
  return (
    <View className="home-block home-refills">
      <Text className="home-block__title">快用完了</Text>
      {refills.map((refill) => (
        <View key={refill.productId} className="home-refill" data-id={refill.productId}>
          <View className="home-refill__main">
            <Text className="home-refill__name">{refill.productName}</Text>
            <Text className="home-refill__days">{refill.text}</Text>
          </View>
          <View
            className={`home-refill__go${busy ? ' is-busy' : ''}`}
            hoverClass="home-refill__go--pressed"
            onClick={() => !busy && onReorder(refill)}
          >
            <Text>{busy ? '请稍候' : '立即补货'}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
