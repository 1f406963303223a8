export default definePageConfig({
  navigationBarTitleText: '设计师预约',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
