// 上门服务 (issue 18): an order's home visits for its customer, opened from the order page with
// `orderId` (and `kind`, to book that visit at once). Each visit service the order includes shows
// its live visit (when, who, report, 改约 / 取消预约 / 确认尺寸 / 评价) or the booking form.
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { standingVisit, VISIT_KINDS, type VisitKind } from '@/domain/visit-types'
import SubscribeSheetHost from '@/components/subscribe-sheet'
import { Loadable } from '@/components/state-view'
import BookPanel from './book-panel'
import { useVisits, type VisitRow } from './use-visits'
import VisitCard from './visit-card'
import './index.scss'

const cancelledOf = (visits: VisitRow[], kind: VisitKind) =>
  visits.filter((v) => v.kind === kind && v.node === 'cancelled')

export default function VisitPage() {
  const { params } = useRouter()
  const orderId = params.orderId ?? ''
  const linked = VISIT_KINDS.find((kind) => kind === params.kind)
  const visits = useVisits(orderId)
  usePullDownRefresh(() => void visits.reload().finally(() => Taro.stopPullDownRefresh()))

  return (
    <View className="visit-page">
      <Loadable state={visits} rows={2}>
        {({ order, visits: rows }) => {
          if (!order) return <Text className="visit-page__none">没有找到这个订单</Text>
          const others = rows.filter((row) => !order.kinds.includes(row.kind))
          const card = (visit: VisitRow) => (
            <VisitCard
              key={visit.id}
              visit={visit}
              sizes={order.sizes}
              busy={visits.busy}
              change={visits.change}
            />
          )
          return (
            <>
              <Text className="visit-page__order">
                {order.productName} · 订单 {order.orderNo}
              </Text>
              {visits.error ? (
                <Text className="visit-page__stale">{visits.error.message}</Text>
              ) : null}
              {order.kinds.length === 0 && rows.length === 0 ? (
                <Text className="visit-page__none">这个订单不含上门服务</Text>
              ) : null}
              {order.kinds
                .map((kind) => ({ kind, visit: standingVisit(rows, kind) }))
                .map(({ kind, visit }) =>
                  visit ? (
                    card(visit)
                  ) : (
                    <View key={kind}>
                      {cancelledOf(rows, kind).map(card)}
                      <BookPanel
                        orderId={orderId}
                        kind={kind}
                        opened={kind === linked}
                        busy={visits.busy}
                        change={visits.change}
                      />
                    </View>
                  ),
                )}
              {/* A repair (booked from 售后) is not one of the order's options. */}
              {others.map(card)}
            </>
          )
        }}
      </Loadable>
      <SubscribeSheetHost />
    </View>
  )
}
