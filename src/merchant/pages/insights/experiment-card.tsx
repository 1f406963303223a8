// Message A/B tests: per variant, messages sent, opened and followed by an order within 7 days.
import { Text, View } from '@tarojs/components'
import { FOLLOW_ON_DAYS, type ExperimentFigures } from '@/domain/message-variants'
import { templateOf } from '@/domain/message-templates'
import { shareOf } from '@/domain/dashboard'
import { percentText } from '@/merchant/components/charts'

const figuresOf = ({ sent, opened, followedByOrder }: ExperimentFigures['variants'][number]) =>
  `已发送 ${sent} · 已打开 ${opened}（${percentText(shareOf(opened, sent))}）· ` +
  `${FOLLOW_ON_DAYS} 天内下单 ${followedByOrder}（${percentText(shareOf(followedByOrder, sent))}）`

export default function ExperimentCard({
  experiments,
  windowDays,
}: {
  experiments: ExperimentFigures[]
  windowDays: number
}) {
  if (experiments.length === 0) return null
  return (
    <View className="insights-card">
      <Text className="insights-card__title">消息方案对比 · 近 {windowDays} 天</Text>
      {experiments.map((experiment) => (
        <View key={experiment.purpose} className="experiment">
          <Text className="experiment__purpose">{templateOf(experiment.purpose).title}</Text>
          {experiment.variants.map((variant) => (
            <View key={variant.key} className="experiment-row">
              <Text className="experiment-row__label">{variant.label}</Text>
              <Text className="experiment-row__figures">{figuresOf(variant)}</Text>
            </View>
          ))}
        </View>
      ))}
      <Text className="insights-note">
        每位顾客固定收到同一方案。比较后请开发者在消息配置中只保留胜出的方案。
      </Text>
    </View>
  )
}
