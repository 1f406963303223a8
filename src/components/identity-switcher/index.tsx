// H5 local mode only: choose which demo user the local cloud runs the functions as. Never
// renders on weapp, where the caller is whoever is signed in to WeChat.
import { Text, View } from '@tarojs/components'
import { ROLE_LABELS } from '@/domain/user'
import { useLocalIdentity } from '@/hooks/useLocalIdentity'
import './index.scss'

export default function IdentitySwitcher() {
  const { users, current, choose } = useLocalIdentity()
  if (process.env.TARO_ENV !== 'h5' || users.length === 0) return null
  return (
    <View className="identity-switcher">
      <Text className="identity-switcher__title">本地调试 · 以谁的身份访问</Text>
      <View className="identity-switcher__options">
        {users.map((user) => (
          <View
            key={user.openid}
            className={`identity-option${user.openid === current ? ' identity-option--active' : ''}`}
            data-openid={user.openid}
            onClick={() => choose(user.openid)}
          >
            <Text className="identity-option__name">{user.name}</Text>
            <Text className="identity-option__role">{ROLE_LABELS[user.role]}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
