// H5: the first-screen script (src/services/first-screen-boot.ts) inline at the top of
// index.html's head, so the launch page's identity and first read start as the page is parsed,
// beside the download of app.js rather than after it has run.
import HtmlWebpackPlugin from 'html-webpack-plugin'
import { require as requireTypeScript } from 'tsx/cjs/api'
import type { Compiler } from 'webpack'
import type * as Boot from '../src/services/first-screen-boot'

const NAME = 'FirstScreenBootPlugin'

export class FirstScreenBootPlugin {
  /** `base`: where the local cloud answers (LOCAL_CLOUD_BASE). */
  constructor(private readonly base: string) {}

  apply(compiler: Compiler): void {
    // Loaded here, not with the config, so weapp builds skip it. Taro compiles only config/ as
    // it loads the config; the script's module is in src/.
    const { firstScreenBootScript } = requireTypeScript(
      '../src/services/first-screen-boot',
      __filename,
    ) as typeof Boot
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(NAME, (data) => {
        const script = HtmlWebpackPlugin.createHtmlTagObject(
          'script',
          {},
          firstScreenBootScript(this.base),
        )
        data.headTags.unshift(script)
        return data
      })
    })
  }
}
