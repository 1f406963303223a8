// The gate every merchant page renders first: nothing of the merchant's screen is drawn until
// user.role says the caller is a merchant. While that is unknown a skeleton shows; anyone else sees
// only the refusal. The server refuses merchant actions regardless; this keeps the screen honest.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ErrorState, SkeletonList } from '@/components/state-view'
import { useMerchantAccess } from '@/hooks/useMerchantRole'
import './index.scss'

export default function MerchantOnly({ children }: { children: React.ReactNode }) {
  const { access, retry } = useMerchantAccess()
  if (access === 'merchant') return <>{children}</>
  return (
    <View className="merchant-only">
      {access === 'unknown' ? (
        <SkeletonList rows={2} />
      ) : access === 'failed' ? (
        <ErrorState message="暂时无法确认账号身份" onRetry={retry} />
      ) : (
        <View className="merchant-only__refused">
          <Text className="merchant-only__title">仅商家可以进行此操作</Text>
          <Text className="merchant-only__hint">这里是商家后台，当前账号不是商家。</Text>
          <View
            className="merchant-only__home"
            onClick={() => void Taro.switchTab({ url: '/pages/mine/index' })}
          >
            <Text>返回我的</Text>
          </View>
        </View>
      )}
    </View>
  )
}
