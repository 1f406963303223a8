export default definePageConfig({
  navigationBarTitleText: '对账',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
