// An order's in-app messages, newest first: every progress message shows here whether or not
// WeChat delivered it, so a customer without a send credit still sees it (marked 未推送). A
// message about another page (a care reminder's 保养提醒) offers 去查看, as its WeChat card would.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { heldLabelOf } from '@/domain/message-policy'
import type { OutboxStatus } from '@/domain/messages'
import { formatChinaTime } from '@/domain/time'
import type { InAppMessageView } from '@/hooks/useOrderMessages'
import './index.scss'

const STATUS_LABELS: Record<Exclude<OutboxStatus, 'held'>, string> = {
  pending: '等待推送',
  retry: '稍后重试推送',
  sending: '正在推送',
  sent: '已推送到微信',
  dead: '未推送：微信发送失败',
}

export default function MessageList({ messages }: { messages: InAppMessageView[] }) {
  return (
    <View className="message-list">
      {messages.map((message) => (
        <View
          key={message.id}
          className={`message-item message-item--${message.status}`}
          data-purpose={message.purpose}
        >
          <View className="message-item__top">
            <Text className="message-item__title">{message.title}</Text>
            <Text className="message-item__time">
              {formatChinaTime(message.createdAt, 'MM-DD HH:mm')}
            </Text>
          </View>
          {message.lines.map((line) => (
            <View key={line.label} className="message-item__line">
              <Text className="message-item__label">{line.label}</Text>
              <Text className="message-item__value">{line.value}</Text>
            </View>
          ))}
          <Text className="message-item__status">
            {message.status === 'held'
              ? heldLabelOf(message.holdReason)
              : STATUS_LABELS[message.status]}
          </Text>
          {message.page.startsWith('pages/order/') ? null : (
            <Text
              className="message-item__open"
              onClick={() => void Taro.navigateTo({ url: `/${message.page}` })}
            >
              去查看
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}
