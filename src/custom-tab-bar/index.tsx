// weapp only (tabBar.custom in app.config): the consumer tabs, plus 商家 for merchants.
// WeChat's default tab bar cannot hide an item per user, and tab pages must live in the main
// package, so 商家 is not a tab page: it opens the merchant subpackage's board. WeChat mounts one
// instance per tab page, so the selected item is the page this instance was mounted on.
// Taro's H5 router does not render custom tab bars (NervJS/taro#10049), so H5 keeps the default
// bar and merchants reach the same board from 我的 (see docs/architecture.md).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useIsMerchant } from '@/hooks/useMerchantRole'
import { MERCHANT_PAGES } from '@/routes'
import './index.scss'

const TABS = [
  { path: 'pages/index/index', text: '首页' },
  { path: 'pages/orders/index', text: '订单' },
  { path: 'pages/mine/index', text: '我的' },
] as const

function currentRoute(): string {
  const pages = Taro.getCurrentPages()
  return pages[pages.length - 1]?.route ?? ''
}

export default function CustomTabBar() {
  const [route] = useState(currentRoute)
  const isMerchant = useIsMerchant()
  return (
    <View className="tab-bar">
      {TABS.map((tab) => (
        <View
          key={tab.path}
          className={`tab-bar__item${route === tab.path ? ' tab-bar__item--active' : ''}`}
          onClick={() => void Taro.switchTab({ url: `/${tab.path}` })}
        >
          <Text>{tab.text}</Text>
        </View>
      ))}
      {isMerchant ? (
        <View
          className="tab-bar__item tab-bar__item--merchant"
          onClick={() => void Taro.navigateTo({ url: MERCHANT_PAGES.board })}
        >
          <Text>商家</Text>
        </View>
      ) : null}
    </View>
  )
}
