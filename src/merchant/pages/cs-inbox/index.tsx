// 客服消息: customers' chats from WeChat's 客服 session, newest first. Each shows its order (tap
// to open it), its latest messages, whether the automatic answer covered them or a person must
// reply, and a box to reply while WeChat's 48-hour window is open.
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { HANDLING_LABELS, type CsSessionView } from '@/domain/cs-inbox-view'
import type { Wire } from '@/domain/api/contract'
import { formatChinaTime } from '@/domain/time'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { useCsInbox } from '@/hooks/useMerchantData'
import { MERCHANT_PAGES } from '@/routes'
import MerchantNav from '@/merchant/components/merchant-nav'
import MerchantOnly from '@/merchant/components/merchant-only'
import ReplyBox from './reply-box'
import './index.scss'

const openOrder = (id: string) => void Taro.navigateTo({ url: `${MERCHANT_PAGES.order}?id=${id}` })

function OrderLink({ order }: { order: { id: string; no: string } }) {
  return (
    <Text className="cs-line__order" onClick={() => openOrder(order.id)}>
      订单 {order.no}
    </Text>
  )
}

function Chat({ chat, onSent }: { chat: Wire<CsSessionView>; onSent: () => void }) {
  const orderId = chat.orderId
  return (
    <View className={`cs-chat${chat.waitingHuman ? ' cs-chat--waiting' : ''}`}>
      <View className="cs-chat__head">
        <Text className="cs-chat__customer">{chat.customer}</Text>
        {chat.waitingHuman ? <Text className="cs-chat__badge">待人工回复</Text> : null}
      </View>
      {orderId ? (
        <Text className="cs-chat__order" onClick={() => openOrder(orderId)}>
          订单 {chat.orderNo}
        </Text>
      ) : null}
      {chat.messages.map((message) => (
        <View key={message.id} className="cs-line">
          <Text>{message.type === 'reply' ? `商家回复：${message.text}` : message.text}</Text>
          {message.order ? <OrderLink order={message.order} /> : null}
          <Text className="cs-line__meta">
            {formatChinaTime(message.at, 'MM-DD HH:mm')} {HANDLING_LABELS[message.handling]}
            {message.replyError !== null ? ` 未送达（错误码 ${message.replyError}）` : ''}
          </Text>
          {message.reply ? <Text className="cs-line__reply">自动回复：{message.reply}</Text> : null}
        </View>
      ))}
      <ReplyBox openid={chat.openid} lastMessageAt={chat.lastMessageAt} onSent={onSent} />
    </View>
  )
}

function CsInboxPageBody() {
  const inbox = useCsInbox()
  usePullDownRefresh(() => void inbox.reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void inbox.loadMore())

  return (
    <View className="cs-inbox">
      <MerchantNav current="csInbox" />
      {inbox.error && inbox.items.length === 0 ? (
        <ErrorState message={inbox.error.message} onRetry={() => void inbox.reload()} />
      ) : inbox.loading && inbox.items.length === 0 ? (
        <SkeletonList rows={2} />
      ) : inbox.items.length === 0 ? (
        <EmptyState text="还没有客服消息" hint="顾客在微信客服会话里发的消息会出现在这里" />
      ) : (
        inbox.items.map((chat) => (
          <Chat key={chat.openid} chat={chat} onSent={() => void inbox.reload()} />
        ))
      )}
      {inbox.loadingMore ? <Text className="cs-inbox__more">加载中…</Text> : null}
    </View>
  )
}

// Decided before anything of the page is drawn or loaded (MerchantOnly).
export default function CsInboxPage() {
  return (
    <MerchantOnly>
      <CsInboxPageBody />
    </MerchantOnly>
  )
}
