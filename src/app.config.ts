export default defineAppConfig({
  // The tab pages, and the old addresses of shop pages that links already sent still name
  // (each opens its shop page in its place: hooks/useMovedPage.ts).
  pages: [
    'pages/index/index',
    'pages/orders/index',
    'pages/mine/index',
    'pages/product/index',
    'pages/order/index',
    'pages/refills/index',
  ],
  subPackages: [
    // Shopping: customise, confirm, the order and its progress, subscriptions, refills. Out of the
    // main package to keep launch small; the tab pages preload it (preloadRule), so a tap on a
    // product or an order seldom waits for its download.
    {
      root: 'shop',
      pages: [
        'pages/product/index',
        'pages/confirm/index',
        'pages/order/index',
        'pages/subscriptions/index',
        'pages/refills/index',
      ],
    },
    // Merchant pages load only when a merchant opens them; consumers never download them.
    {
      root: 'merchant',
      pages: [
        'pages/board/index',
        'pages/order/index',
        'pages/stock/index',
        'pages/batches/index',
        'pages/appointments/index',
        'pages/dashboard/index',
        'pages/dead-letters/index',
        'pages/money/index',
        'pages/after-sales/index',
        'pages/cs-inbox/index',
        'pages/insights/index',
        'pages/visits/index',
      ],
    },
    // Customer service: loaded the first time a customer asks for after-sales, rates an order or
    // opens a care reminder, or a service staff member opens 我的任务.
    {
      root: 'service',
      pages: [
        'pages/after-sales/index',
        'pages/rating/index',
        'pages/return-shipment/index',
        'pages/care/index',
        'pages/tasks/index',
      ],
    },
    // The customer's own records (量体档案, 优惠券, an order's 上门服务, 我的预约), opened from 我的,
    // the product page or the order page; not at launch.
    {
      root: 'account',
      pages: [
        'pages/profiles/index',
        'pages/coupons/index',
        'pages/visit/index',
        'pages/bookings/index',
      ],
    },
    // The service team: the owner's 师傅管理 (from 派单) and 师傅入驻, where a person joins with the
    // owner's invite code; small and rarely opened, so neither `merchant` nor `service` grows.
    {
      root: 'team',
      pages: ['pages/staff/index', 'pages/join/index'],
    },
  ],
  // chooseLocation (the customer pins the visit's place on 上门服务) is a private-info API: WeChat
  // refuses it unless declared here.
  requiredPrivateInfos: ['chooseLocation'],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['shop'] },
    'pages/orders/index': { network: 'all', packages: ['shop'] },
    'pages/mine/index': { network: 'all', packages: ['shop'] },
  },
  // Compiled into native custom components by `npm run build:components` (dist/components) and
  // tested there with miniprogram-simulate; the regular builds drop this field from app.json.
  components: [
    'components/kind-filter/index',
    'components/option-picker/index',
    'components/timeline/index',
    'components/remedy-chooser/index',
    'components/subscription-list/index',
    'components/batch-select-list/index',
    'components/bar-chart/index',
    'components/payment-panel/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f6f4f1',
    navigationBarBackgroundColor: '#f6f4f1',
    navigationBarTitleText: '柔性定制',
    navigationBarTextStyle: 'black',
    // WeChat draws its own bar (back, or home when the page is alone on the stack). Taro's H5
    // router has the same bar but hides it unless asked for; H5 has no other way back or home
    // (NervJS/taro#18643). Its buttons are named in services/h5-navigation-bar.ts.
    ...(process.env.TARO_ENV === 'h5' ? { navigationStyle: 'default' as const } : {}),
  },
  // Text-only tabs. weapp draws them with src/custom-tab-bar, which adds 商家 for merchants; Taro's
  // H5 router cannot render a custom bar, so H5 keeps the default one (docs/architecture.md).
  tabBar: {
    custom: process.env.TARO_ENV === 'weapp',
    color: '#9a948a',
    selectedColor: '#b4532a',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/orders/index', text: '订单' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // H5 only: Taro's router hides the page it leaves on a 350 ms timer that going back does not
  // cancel, so a back within that time left the previous page blank. No slide, no timer.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // Privacy APIs (address, phone, photos) wait for the user's consent to the privacy guide.
  __usePrivacyCheck__: true,
})
