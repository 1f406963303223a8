export default definePageConfig({
  navigationBarTitleText: '我的补货',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
