export default definePageConfig({
  navigationBarTitleText: '柔性定制',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
