export default definePageConfig({
  navigationBarTitleText: '消息失败',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
