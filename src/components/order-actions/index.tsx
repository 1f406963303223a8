// The consumer's buttons on an order: exactly the events the server returned for this caller
// that a consumer fires from this bar (cancel, confirm receipt), plus 再来一单 (reorder).
// choose_remedy has its own chooser.
import { Text, View } from '@tarojs/components'
import { EVENT_LABELS } from '@/domain/order-labels'
import type { OrderEvent } from '@/domain/order-types'
import './index.scss'

const BAR_EVENTS: readonly OrderEvent[] = ['cancel', 'complete']

export interface OrderActionsProps {
  actions: readonly OrderEvent[]
  busy: boolean
  onEvent: (event: OrderEvent) => void
  onReorder: () => void
}

export default function OrderActions({ actions, busy, onEvent, onReorder }: OrderActionsProps) {
  const events = BAR_EVENTS.filter((event) => actions.includes(event))
  return (
    <View className={`order-actions${busy ? ' order-actions--busy' : ''}`}>
      {events.map((event) => (
        <View
          key={event}
          className={`order-action order-action--${event}`}
          onClick={() => !busy && onEvent(event)}
        >
          <Text>{EVENT_LABELS[event]}</Text>
        </View>
      ))}
      <View className="order-action order-action--reorder" onClick={() => !busy && onReorder()}>
        <Text>再来一单</Text>
      </View>
    </View>
  )
}
