export default definePageConfig({
  navigationBarTitleText: '订阅设置',
})
