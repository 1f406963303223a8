// The bare Taro 4 React app of `npm run bench`: one page, built with our config/index.ts
// (SOURCE_ROOT=tools/bench/bare-app/src), so its size and first screen are the framework's alone.
export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: 'Taro' },
})
