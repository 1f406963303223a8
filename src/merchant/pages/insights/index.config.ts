export default definePageConfig({
  navigationBarTitleText: '经营洞察',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
