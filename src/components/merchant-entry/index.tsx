// 我的 → 商家后台, shown only to merchants (user.role). On H5 this is the merchant's way in, since
// Taro's H5 router draws no custom tab bar; on weapp the 商家 tab item opens the same board.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useIsMerchant } from '@/hooks/useMerchantRole'
import { MERCHANT_PAGES } from '@/routes'
import './index.scss'

export default function MerchantEntry() {
  const isMerchant = useIsMerchant()
  if (!isMerchant) return null
  return (
    <View
      className="merchant-entry"
      hoverClass="merchant-entry--pressed"
      onClick={() => void Taro.navigateTo({ url: MERCHANT_PAGES.board })}
    >
      <View className="merchant-entry__body">
        <Text className="merchant-entry__title">商家后台</Text>
        <Text className="merchant-entry__hint">订单看板、库存、拼单、预约与数据</Text>
      </View>
      <Text className="merchant-entry__arrow">›</Text>
    </View>
  )
}
