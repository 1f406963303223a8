export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/product/index',
    'pages/confirm/index',
    'pages/orders/index',
    'pages/mine/index',
    'pages/order/index',
    'pages/profiles/index',
  ],
  // Compiled into native custom components by `npm run build:components` (dist/components) and
  // tested there with miniprogram-simulate; the regular builds drop this field from app.json.
  components: [
    'components/kind-filter/index',
    'components/option-picker/index',
    'components/timeline/index',
    'components/remedy-chooser/index',
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f6f4f1',
    navigationBarBackgroundColor: '#f6f4f1',
    navigationBarTitleText: '柔性定制',
    navigationBarTextStyle: 'black',
  },
  // Text-only tabs (WeChat allows a tab bar without icons); the default bar, not a custom one.
  tabBar: {
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
})
