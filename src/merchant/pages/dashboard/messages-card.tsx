// 消息 on the dashboard: how the window's messages fared (sent, held with why, failed, queued)
// and how many sent ones the customer opened, overall and per purpose (opened / sent).
import { Text, View } from '@tarojs/components'
import type { Wire } from '@/domain/api/contract'
import type { DashboardView } from '@/domain/merchant-views'
import { HOLD_REASON_NAMES } from '@/domain/message-policy'
import { templateOf } from '@/domain/message-templates'
import { HOLD_REASON_CODES } from '@/domain/messages'
import BarChart from '@/components/bar-chart'
import { ShareMeter, StackedBar } from '@/merchant/components/charts'

export default function MessagesCard({ messages }: { messages: Wire<DashboardView['messages']> }) {
  return (
    <View className="dash-card dash-messages">
      <Text className="dash-card__title">消息送达</Text>
      <StackedBar
        emptyText="暂无消息"
        parts={[
          { label: '已发送', value: messages.sent, color: '#4f8a5b' },
          { label: '未推送', value: messages.held, color: '#d9a441' },
          { label: '失败', value: messages.failed, color: '#c2413b' },
          { label: '排队中', value: messages.pending, color: '#9a948a' },
        ]}
      />
      {messages.held > 0 ? (
        <Text className="dash-held">
          {`未推送原因：${HOLD_REASON_CODES.filter((r) => messages.heldBy[r] > 0)
            .map((r) => `${HOLD_REASON_NAMES[r]} ${messages.heldBy[r]}`)
            .join(' · ')}`}
        </Text>
      ) : null}
      <ShareMeter
        label="消息打开率"
        share={messages.openRate}
        hint={`已打开 ${messages.opened} / 已发送 ${messages.sent}`}
      />
      {messages.byPurpose.length > 0 ? (
        <BarChart
          emptyText="已发送的消息还没有被打开"
          bars={messages.byPurpose.map((row) => ({
            label: templateOf(row.purpose).title,
            value: row.opened,
            display: `${row.opened} / ${row.sent}`,
          }))}
        />
      ) : null}
    </View>
  )
}
