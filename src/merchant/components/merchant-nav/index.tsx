// The merchant pages' shortcuts: one tap from any page to any other. Siblings replace each
// other (redirectTo) so moving around never fills WeChat's 10-page stack.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { MERCHANT_PAGES } from '@/routes'
import './index.scss'

const ITEMS = [
  { key: 'board', text: '看板' },
  { key: 'stock', text: '库存' },
  { key: 'batches', text: '拼单' },
  { key: 'appointments', text: '预约' },
  { key: 'visits', text: '上门' },
  { key: 'dashboard', text: '数据' },
  { key: 'insights', text: '洞察' },
  { key: 'deadLetters', text: '消息' },
  { key: 'money', text: '对账' },
  { key: 'afterSales', text: '售后' },
  { key: 'csInbox', text: '客服' },
] as const

export type MerchantPageKey = (typeof ITEMS)[number]['key']

export default function MerchantNav({ current }: { current: MerchantPageKey }) {
  return (
    <View className="merchant-nav">
      {ITEMS.map((item) => (
        <View
          key={item.key}
          className={`merchant-nav__item merchant-nav__item--${item.key}${item.key === current ? ' merchant-nav__item--active' : ''}`}
          onClick={() =>
            item.key !== current && void Taro.redirectTo({ url: MERCHANT_PAGES[item.key] })
          }
        >
          <Text>{item.text}</Text>
        </View>
      ))}
    </View>
  )
}
