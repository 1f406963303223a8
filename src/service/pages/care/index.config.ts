export default definePageConfig({
  navigationBarTitleText: '保养提醒',
})
