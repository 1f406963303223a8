export default defineAppConfig({
  pages: ['pages/index/index'],
  // Compiled into native custom components by `npm run build:components` (dist/components) and
  // tested there with miniprogram-simulate; the regular builds drop this field from app.json.
  components: ['components/kind-filter/index'],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f6f4f1',
    navigationBarBackgroundColor: '#f6f4f1',
    navigationBarTitleText: '柔性定制',
    navigationBarTextStyle: 'black',
  },
  lazyCodeLoading: 'requiredComponents',
})
