export default definePageConfig({ navigationBarTitleText: 'Taro' })
