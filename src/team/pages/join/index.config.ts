export default definePageConfig({
  navigationBarTitleText: '师傅入驻',
})
