export default definePageConfig({
  navigationBarTitleText: '师傅管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  // 分享给师傅: useShareAppMessage in the page.
  enableShareAppMessage: true,
})
