// Mine: shortcuts to what a customer keeps here, and (H5 local mode) who the app acts as.
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import ContactService from '@/components/contact-service'
import IdentitySwitcher from '@/components/identity-switcher'
import MerchantEntry from '@/components/merchant-entry'
import { ACCOUNT_PAGES, SERVICE_PAGES, SHOP_PAGES } from '@/routes'
import PersonalData from './personal-data'
import Personalisation from './personalisation'
import './index.scss'

const ENTRIES = [
  {
    key: 'orders',
    title: '我的订单',
    hint: '制作进度、物流与异常处理',
    url: '/pages/orders/index',
    tab: true,
  },
  {
    key: 'refills',
    title: '我的补货',
    hint: '消耗品快用完时提醒，一键再来一单',
    url: SHOP_PAGES.refills,
    tab: false,
  },
  {
    key: 'care',
    title: '保养提醒',
    hint: '定制商品签收后，按保养计划提醒清洗与检查',
    url: SERVICE_PAGES.care,
    tab: false,
  },
  {
    key: 'bookings',
    title: '我的预约',
    hint: '上门服务与设计师预约',
    url: ACCOUNT_PAGES.bookings,
    tab: false,
  },
  {
    key: 'coupons',
    title: '优惠券',
    hint: '补偿券等，确认下单时可用',
    url: ACCOUNT_PAGES.coupons,
    tab: false,
  },
  {
    key: 'profiles',
    title: '量体档案',
    hint: '保存尺寸，下次定制一键填入',
    url: ACCOUNT_PAGES.profiles,
    tab: false,
  },
  {
    key: 'subscriptions',
    title: '订阅设置',
    hint: '选择接收哪些进度消息，查看剩余次数',
    url: SHOP_PAGES.subscriptions,
    tab: false,
  },
] as const

export default function Mine() {
  const open = (entry: (typeof ENTRIES)[number]) =>
    void (entry.tab ? Taro.switchTab({ url: entry.url }) : Taro.navigateTo({ url: entry.url }))

  return (
    <View className="mine">
      <View className="mine-head">
        <Text className="mine-head__title">我的</Text>
        <Text className="mine-head__subtitle">
          {process.env.TARO_ENV === 'h5' ? '本地调试：下方可切换访问身份' : '已通过微信身份登录'}
        </Text>
      </View>

      <IdentitySwitcher />

      <MerchantEntry />

      <View className="mine-entries">
        {ENTRIES.map((entry) => (
          <View
            key={entry.key}
            className={`mine-entry mine-entry--${entry.key}`}
            hoverClass="mine-entry--pressed"
            onClick={() => open(entry)}
          >
            <View className="mine-entry__body">
              <Text className="mine-entry__title">{entry.title}</Text>
              <Text className="mine-entry__hint">{entry.hint}</Text>
            </View>
            <Text className="mine-entry__arrow">›</Text>
          </View>
        ))}
      </View>

      <ContactService from={{ page: 'mine' }} />

      <Personalisation />

      <PersonalData />

      <Text className="mine-note">量体数据仅用于制作你的定制商品，可随时在“量体档案”中删除。</Text>
    </View>
  )
}
