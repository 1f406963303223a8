// One order on the board: number, product, customer (masked phone), ETA, its markers and whether
// it is paid (an unpaid order cannot be confirmed yet).
import { Text, View } from '@tarojs/components'
import { chinaDateOf } from '@/domain/china-date'
import { NODE_LABELS } from '@/domain/order-labels'
import { PRE_SHIPPING_NODES } from '@/domain/order-types'
import { orderPaymentTag } from '@/domain/order-payment-view'
import type { OrderView } from '@/hooks/order-view'

export function orderFlags(order: OrderView, today = chinaDateOf(new Date())): string[] {
  const flags: string[] = []
  if (order.exception) flags.push(order.exception.choice ? '顾客已选' : '异常')
  if (PRE_SHIPPING_NODES.includes(order.node) && order.eta < today) flags.push('逾期')
  if (order.quote.urgent?.applied) flags.push('急单')
  return flags
}

export default function OrderRow({ order, onOpen }: { order: OrderView; onOpen: () => void }) {
  const pay = orderPaymentTag(order, 'merchant')
  return (
    <View
      className="board-order"
      data-order-no={order.orderNo}
      hoverClass="board-order--pressed"
      onClick={onOpen}
    >
      <View className="board-order__head">
        <Text className="board-order__no">{order.orderNo}</Text>
        {orderFlags(order).map((flag) => (
          <Text
            key={flag}
            className={`board-flag board-flag--${flag === '急单' ? 'urgent' : 'alert'}`}
          >
            {flag}
          </Text>
        ))}
        {pay ? <Text className={`board-pay board-pay--${pay.state}`}>{pay.text}</Text> : null}
      </View>
      <Text className="board-order__product">{order.productSnapshot.name}</Text>
      <View className="board-order__meta">
        <Text>
          {order.address.name} {order.address.phone}
        </Text>
        <Text>
          {NODE_LABELS[order.node]} · 预计 {order.eta}
        </Text>
      </View>
    </View>
  )
}
