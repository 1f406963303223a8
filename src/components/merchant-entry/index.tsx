// 我的 → 商家后台 for merchants, 我的任务 for service staff (user.role); nothing for customers. On
// H5 this is the merchant's way in, since Taro's H5 router draws no custom tab bar; on weapp the
// 商家 tab item opens the same board.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallerRole } from '@/hooks/useMerchantRole'
import { MERCHANT_PAGES, SERVICE_PAGES } from '@/routes'
import './index.scss'

const ENTRIES = {
  merchant: {
    className: 'merchant-entry',
    url: MERCHANT_PAGES.board,
    title: '商家后台',
    hint: '订单看板、库存、拼单、预约与数据',
  },
  staff: {
    className: 'merchant-entry merchant-entry--tasks',
    url: SERVICE_PAGES.tasks,
    title: '我的任务',
    hint: '今天和明天的上门测量、安装与维修',
  },
}

export default function MerchantEntry() {
  const role = useCallerRole()
  if (role !== 'merchant' && role !== 'staff') return null
  const entry = ENTRIES[role]
  return (
    <View
      className={entry.className}
      hoverClass="merchant-entry--pressed"
      onClick={() => void Taro.navigateTo({ url: entry.url })}
    >
      <View className="merchant-entry__body">
        <Text className="merchant-entry__title">{entry.title}</Text>
        <Text className="merchant-entry__hint">{entry.hint}</Text>
      </View>
      <Text className="merchant-entry__arrow">›</Text>
    </View>
  )
}
