// H5: the launch page's chunks (JS and CSS) are fetched beside app.js, as <link rel="preload">
// in index.html. Without it Taro's router asks for them only once app.js has run, one download
// after another (docs/benchmarks.md, H5 first screen). The chunks are still run by the router.
import HtmlWebpackPlugin from 'html-webpack-plugin'
import type { Chunk, Compilation, Compiler } from 'webpack'

const NAME = 'PreloadPagePlugin'

/** The files of the chunks loaded with the page whose source ends in `pageSource`. */
function pageFiles(compilation: Compilation, pageSource: string): string[] {
  const { chunkGraph } = compilation
  const holds = (chunk: Chunk) =>
    // nameForCondition: the file, also of a module concatenated with others.
    [...chunkGraph.getChunkModulesIterable(chunk)].some((module) =>
      module.nameForCondition()?.endsWith(pageSource),
    )
  const page = [...compilation.chunks].find((chunk) => !chunk.canBeInitial() && holds(chunk))
  if (!page) return []
  const chunks = new Set([...page.groupsIterable].flatMap((group) => group.chunks))
  return [...chunks]
    .filter((chunk) => !chunk.canBeInitial())
    .flatMap((chunk) => [...chunk.files])
    .filter((file) => /\.(js|css)$/.test(file))
}

export class PreloadPagePlugin {
  /** `pageSource`: the page's file from the source root, e.g. `pages/index/index.tsx`. */
  constructor(private readonly pageSource: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap(NAME, (data) => {
        const links = pageFiles(compilation, `/${this.pageSource}`).map((file) =>
          HtmlWebpackPlugin.createHtmlTagObject('link', {
            rel: 'preload',
            as: file.endsWith('.css') ? 'style' : 'script',
            href: `${data.publicPath}${file}`,
          }),
        )
        data.headTags.push(...links)
        return data
      })
    })
  }
}
