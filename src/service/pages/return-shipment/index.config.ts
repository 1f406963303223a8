export default definePageConfig({
  navigationBarTitleText: '寄回信息',
})
