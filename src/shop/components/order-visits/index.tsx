// 上门服务 on the order page, for an order whose options include home visits: each visit's kind,
// where it stands and when, or 预约上门 while that service is not booked; a tap opens the visit
// page. Read after the order has shown (its own call); back from the visit page, both are read
// again (a confirmation of the measured sizes changes the order).
import { useRef } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { visitApi } from '@/domain/api/visit'
import { formatChinaTime } from '@/domain/time'
import { VISIT_KIND_LABELS, VISIT_NODE_LABELS } from '@/domain/visit-labels'
import { standingVisit, type VisitKind } from '@/domain/visit-types'
import { useCloud } from '@/hooks/useCloud'
import { useReloadOnReturn } from '@/hooks/useReloadOnReturn'
import { ACCOUNT_PAGES } from '@/routes'
import './index.scss'

interface OrderVisitsProps {
  orderId: string
  /** A cancelled order books nothing more. */
  bookable: boolean
  /** Back from the visit page: confirmed sizes changed the order, so it is read again. */
  onVisitsChanged: () => unknown
}

export default function OrderVisits({ orderId, bookable, onVisitsChanged }: OrderVisitsProps) {
  const state = useCloud(visitApi.mine, { orderId })
  const opened = useRef(false)
  useReloadOnReturn(() => {
    if (!opened.current) return
    opened.current = false
    void state.reload()
    void onVisitsChanged()
  })
  const order = state.data?.order
  if (!order || order.kinds.length === 0) return null
  const visits = state.data?.visits ?? []
  const openPage = (kind?: VisitKind) => {
    opened.current = true
    void Taro.navigateTo({
      url: `${ACCOUNT_PAGES.visit}?orderId=${orderId}${kind ? `&kind=${kind}` : ''}`,
    })
  }

  return (
    <View className="order-visits">
      <Text className="order-visits__title">上门服务</Text>
      {order.kinds.map((kind) => {
        const live = standingVisit(visits, kind)
        return (
          <View
            key={kind}
            className={`order-visits__row order-visits__row--${kind}`}
            onClick={() => openPage(live ? undefined : kind)}
          >
            <Text className="order-visits__kind">{VISIT_KIND_LABELS[kind]}</Text>
            {live ? (
              <Text className="order-visits__state">
                {VISIT_NODE_LABELS[live.node]} · {formatChinaTime(live.window.start, 'MM-DD HH:mm')}
                {live.staffName ? ` · ${live.staffName}` : ''}
              </Text>
            ) : bookable ? (
              <Text className="order-visits__book">预约上门 ›</Text>
            ) : (
              <Text className="order-visits__state">未预约</Text>
            )}
          </View>
        )
      })}
      {bookable ? (
        <View
          className="order-visits__designer"
          onClick={() =>
            void Taro.navigateTo({ url: `${ACCOUNT_PAGES.bookings}?orderId=${orderId}` })
          }
        >
          <Text className="order-visits__kind">设计师</Text>
          <Text className="order-visits__book">预约设计师 ›</Text>
        </View>
      ) : null}
    </View>
  )
}
