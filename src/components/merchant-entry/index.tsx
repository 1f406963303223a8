// 我的 → 商家后台, shown only to merchants (user.role), or 我的任务 to service staff. On H5 this is the merchant's way in, since
// Taro's H5 router draws no custom tab bar; on weapp the 商家 tab item opens the same board.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useIsMerchant, useIsStaff } from '@/hooks/useMerchantRole'
import { MERCHANT_PAGES, SERVICE_PAGES } from '@/routes'
import './index.scss'

export default function MerchantEntry() {
  const isMerchant = useIsMerchant()
  const isStaff = useIsStaff()
  if (isStaff)
    return (
      <View
        className="merchant-entry merchant-entry--tasks"
        hoverClass="merchant-entry--pressed"
        onClick={() => void Taro.navigateTo({ url: SERVICE_PAGES.tasks })}
      >
        <View className="merchant-entry__body">
          <Text className="merchant-entry__title">我的任务</Text>
          <Text className="merchant-entry__hint">今天和明天的上门测量、安装与维修</Text>
        </View>
        <Text className="merchant-entry__arrow">›</Text>
      </View>
    )
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
