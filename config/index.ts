// Taro build configuration. One source tree builds the WeChat mini program (dist/weapp), the H5
// app used for local development and browser tests (dist/h5), and the native custom components
// tested with miniprogram-simulate (dist/components).
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import { FirstScreenBootPlugin } from './first-screen-boot-plugin'
import { H5_COMPONENTS_DIR, writeH5ComponentModules } from './h5-components'
import { LowerSyntaxPlugin } from './lower-syntax'
import { PreloadPagePlugin } from './preload-page'
import prodConfig from './prod'
import { loadWeappTargets } from './weapp-targets'

const LOCAL_CLOUD_PORT = process.env.LOCAL_CLOUD_PORT || '9300'
const H5_PORT = Number(process.env.H5_PORT || 10086)
const LOCAL_CLOUD_BASE = process.env.LOCAL_CLOUD_BASE || '/cloud'
/** Another source tree (the bare app of npm run bench) builds with this config too. */
const SOURCE_ROOT = process.env.SOURCE_ROOT || 'src'

/** DIST_ROOT lets two builds run side by side (e.g. parallel work) without emptying each other. */
function outputRoot(): string {
  const root = process.env.DIST_ROOT || 'dist'
  if (process.argv.includes('native-components')) return `${root}/components`
  return process.env.TARO_ENV === 'h5' ? `${root}/h5` : `${root}/weapp`
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'rouxing-dingzhi',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    // SOURCE_ROOT builds another app with this same config (the bare app of npm run bench).
    sourceRoot: SOURCE_ROOT,
    outputRoot: outputRoot(),
    plugins: [],
    defineConstants: {
      // '' means the default environment of the mini program's cloud account.
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV || ''),
      // H5 only: where the local cloud answers. Same origin by default: the dev server proxies
      // /cloud to the local cloud, and the local cloud serves the built H5 app itself.
      LOCAL_CLOUD_BASE: JSON.stringify(LOCAL_CLOUD_BASE),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
      },
      // Each component's styles have class names of their own (.state-…, .subscribe-sheet…), so
      // their order in common.wxss does not matter; pages import them in different orders.
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Every emitted .js down to the syntax of the oldest supported WeChat (config/weapp.json).
        chain.plugin('lower-syntax').use(LowerSyntaxPlugin, [loadWeappTargets().esTarget])
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
      },
      devServer: {
        host: '127.0.0.1',
        port: H5_PORT,
        proxy: [{ context: ['/cloud'], target: `http://127.0.0.1:${LOCAL_CLOUD_PORT}` }],
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // H5 only runs locally against the local cloud; the mini program's size is what ships.
        chain.performance.hints(false)
        // Each page chunk takes only the Taro components it uses (config/h5-components.ts).
        chain.resolve.alias.set('@tarojs/components$', writeH5ComponentModules(H5_COMPONENTS_DIR))
        // The home page (the first page, what an address without a page opens) downloads beside
        // app.js instead of after it.
        chain.plugin('preload-page').use(PreloadPagePlugin, ['pages/index/index.tsx'])
        // This app's identity and first read start as index.html is parsed (not the bare app's:
        // it has no cloud to call).
        if (SOURCE_ROOT === 'src')
          chain.plugin('first-screen-boot').use(FirstScreenBootPlugin, [LOCAL_CLOUD_BASE])
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
