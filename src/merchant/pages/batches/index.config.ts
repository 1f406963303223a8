export default definePageConfig({
  navigationBarTitleText: '拼单批次',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
