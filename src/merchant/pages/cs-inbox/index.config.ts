export default definePageConfig({
  navigationBarTitleText: '客服消息',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
