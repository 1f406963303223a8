export default definePageConfig({
  navigationBarTitleText: '师傅管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
