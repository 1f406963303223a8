// One order in My orders: product, key choices, price, where it is, when it should be ready,
// a badge when it has an open exception (asking for a choice if none is made yet), and its payment
// when it needs attention (待付款, a refund).
import { Text, View } from '@tarojs/components'
import { formatFen } from '@/domain/money'
import { EXCEPTION_KIND_LABELS, NODE_LABELS } from '@/domain/order-labels'
import { FINAL_NODES, PRE_SHIPPING_NODES } from '@/domain/order-types'
import { orderPaymentTag } from '@/domain/order-payment-view'
import type { OrderView } from '@/hooks/order-view'
import './index.scss'

export default function OrderCard({ order, onOpen }: { order: OrderView; onOpen: () => void }) {
  const { productSnapshot: product, exception } = order
  const choices = product.choices.map((choice) => choice.choiceLabel).join(' · ')
  const pay = orderPaymentTag(order, 'consumer')
  const showEta = PRE_SHIPPING_NODES.includes(order.node) && !FINAL_NODES.includes(order.node)
  return (
    <View
      className="order-card"
      data-id={order._id}
      hoverClass="order-card--pressed"
      onClick={onOpen}
    >
      <View className="order-card__top">
        <Text className="order-card__no">订单 {order.orderNo}</Text>
        <Text className={`order-card__node order-card__node--${order.node}`}>
          {NODE_LABELS[order.node]}
        </Text>
      </View>
      <Text className="order-card__name">{product.name}</Text>
      {choices ? <Text className="order-card__choices">{choices}</Text> : null}
      {exception ? (
        <View className="order-card__exception">
          <Text>
            {EXCEPTION_KIND_LABELS[exception.kind]}
            {exception.choice ? ' · 已选择处理方式' : ' · 请选择处理方式'}
          </Text>
        </View>
      ) : null}
      <View className="order-card__foot">
        <Text className="order-card__price">{formatFen(order.quote.priceFen)}</Text>
        {pay ? (
          <Text className={`order-card__pay order-card__pay--${pay.state}`}>{pay.text}</Text>
        ) : null}
        {showEta ? <Text className="order-card__eta">预计 {order.eta} 完成</Text> : null}
      </View>
    </View>
  )
}
