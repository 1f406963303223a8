export default definePageConfig({
  navigationBarTitleText: '量体档案',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
