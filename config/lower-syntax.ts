// Lowers the syntax of every JavaScript file the weapp build emits to one ECMAScript level
// (config/weapp.json esTarget), after minification, with esbuild. Without it our own pages and
// components shipped ?. ?? and object spread: babel-preset-taro follows package.json's modern
// browserslist (shared with H5 and Node), and project.config.json's es6 switch is off. Vendors
// from node_modules (@tarojs/runtime, ...) are not run through babel at all, so a post-emit pass
// is the one place that covers every file, whatever produced it. WeChat runs the logic layer on
// the phone's own engine (JavaScriptCore on iOS), so a syntax the oldest supported iOS lacks is a
// SyntaxError at launch, on that phone only. tools/check-weapp.ts parses the result at this level.
import { transformSync } from 'esbuild'
import type { Compiler } from 'webpack'

const NAME = 'LowerSyntaxPlugin'

export class LowerSyntaxPlugin {
  constructor(private readonly target: string) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    const minify = compiler.options.optimization?.minimize === true
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        // After terser (OPTIMIZE_SIZE), so nothing reintroduces newer syntax afterwards.
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 },
        (assets) => {
          for (const file of Object.keys(assets)) {
            if (!file.endsWith('.js')) continue
            const source = compilation.getAsset(file)?.source.source().toString() ?? ''
            try {
              const result = transformSync(source, {
                loader: 'js',
                target: this.target,
                // In production esbuild minifies again. Lowering alone renamed every nested
                // e, t, n that shadows a name of the file to e2, t2, n2 and printed its helpers
                // (__spreadValues ...) at full length: about 19 KB more in the main package.
                // Taro's terser also leaves most compressions off (MiniBaseConfig), which
                // minifySyntax does within the target. Top-level names stay (no format given).
                minifyWhitespace: minify,
                minifySyntax: minify,
                minifyIdentifiers: minify,
                legalComments: 'inline',
                charset: 'utf8',
              })
              compilation.updateAsset(file, new sources.RawSource(result.code))
            } catch (error) {
              compilation.errors.push(
                new compiler.webpack.WebpackError(
                  `${NAME}: cannot lower ${file} to ${this.target}: ${(error as Error).message}`,
                ),
              )
            }
          }
        },
      )
    })
  }
}
