import { Text, View } from '@tarojs/components'
import { formatChinaTime } from '@/domain/time'
import { ROLE_LABELS, type Profile } from '@/domain/user'
import './index.scss'

export default function GreetingCard({ profile }: { profile: Profile }) {
  const merchant = profile.role === 'merchant'
  return (
    <View className="greeting-card">
      <View className="greeting-card__top">
        <Text className="greeting-title">{merchant ? '欢迎回到工坊' : '你好，欢迎光临'}</Text>
        <Text className={`greeting-role greeting-role--${profile.role}`}>
          {ROLE_LABELS[profile.role]}
        </Text>
      </View>
      <Text className="greeting-visits">第 {profile.visits} 次到访</Text>
      <Text className="greeting-since">首次到访 {formatChinaTime(profile.firstSeenAt)}</Text>
    </View>
  )
}
