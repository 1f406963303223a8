// My orders: one tab per node group, newest first, pull to refresh, the next page on reach-bottom.
import { useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ORDER_TABS, ORDER_TAB_LABELS, type OrderTab } from '@/domain/order-labels'
import OrderCard from '@/components/order-card'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import SubscribeSheetHost from '@/components/subscribe-sheet'
import { useOrderList } from '@/hooks/useOrderList'
import { useSubscribeAtTap } from '@/hooks/useSubscriptions'
import { SHOP_PAGES } from '@/routes'
import './index.scss'

const EMPTY_HINTS: Record<OrderTab, string> = {
  in_progress: '下单后，制作进度会出现在这里',
  shipped: '发货后可在这里查看物流',
  done: '完成和取消的订单会收在这里',
  exceptions: '一切顺利，没有需要你处理的异常',
}

export default function Orders() {
  const [tab, setTab] = useState<OrderTab>('in_progress')
  const list = useOrderList(tab)
  const shown = useRef(false)

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  // Coming back from an order (or a new one) shows what changed meanwhile.
  useDidShow(() => {
    if (shown.current) void list.reload()
    shown.current = true
  })

  const askForMessages = useSubscribeAtTap('openTracking')
  // Opening tracking asks for its messages (once per visit); the order opens when answered.
  const open = (id: string) =>
    void askForMessages().answered.then(() =>
      Taro.navigateTo({ url: `${SHOP_PAGES.order}?id=${id}` }),
    )

  return (
    <View className="orders">
      <View className="orders-tabs">
        {ORDER_TABS.map((key) => (
          <View
            key={key}
            className={`orders-tab${key === tab ? ' orders-tab--active' : ''}`}
            data-tab={key}
            onClick={() => setTab(key)}
          >
            <Text>{ORDER_TAB_LABELS[key]}</Text>
            {key === 'exceptions' && list.exceptions > 0 ? (
              <Text className="orders-tab__badge">{list.exceptions}</Text>
            ) : null}
          </View>
        ))}
      </View>

      {list.error && list.items.length === 0 ? (
        <ErrorState message={list.error.message} onRetry={() => void list.reload()} />
      ) : list.loading && list.items.length === 0 ? (
        <SkeletonList rows={2} />
      ) : list.items.length === 0 ? (
        <EmptyState text={`暂无${ORDER_TAB_LABELS[tab]}的订单`} hint={EMPTY_HINTS[tab]} />
      ) : (
        <View className="orders-list">
          {list.items.map((order) => (
            <OrderCard key={order._id} order={order} onOpen={() => open(order._id)} />
          ))}
          <View className="orders-more" onClick={() => void list.loadMore()}>
            <Text>
              {list.loadingMore
                ? '正在加载…'
                : list.error
                  ? `${list.error.message}，点此重试`
                  : list.hasMore
                    ? '上拉加载更多'
                    : '没有更多了'}
            </Text>
          </View>
        </View>
      )}
      <SubscribeSheetHost />
    </View>
  )
}
