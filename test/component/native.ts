// Loads a React component as WeChat runs it: compiled by Taro into a native custom component
// (`npm run build:components` -> <DIST_ROOT>/components) and rendered with miniprogram-simulate.
// Taro passes React props through the one `props` property and renders through base.wxml.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import simulate from 'miniprogram-simulate'

export type Rendered = ReturnType<typeof simulate.render>
export type SimNode = NonNullable<ReturnType<Rendered['querySelector']>>

const BUILD_DIR = join(__dirname, '..', '..', process.env.DIST_ROOT ?? 'dist', 'components')

/**
 * Registers a beforeAll that loads `components/<dir>/index` once (the compiled file registers
 * its Component() when first required); `mount` renders it and records `event`'s details.
 */
export function setupNativeComponent(dir: string, tag: string, event?: string) {
  const file = join(BUILD_DIR, 'components', dir, 'index')
  let componentId = ''
  beforeAll(() => {
    if (!existsSync(`${file}.js`)) {
      throw new Error(`缺少原生组件构建 ${file}.js：先运行 npm run build:components`)
    }
    // Taro's runtime reads the current page (its route) while mounting a native component, and
    // its API layer reads the app instance when it loads.
    const host = { route: 'pages/host/index', options: {} }
    ;(globalThis as { getCurrentPages?: () => unknown[] }).getCurrentPages = () => [host]
    ;(globalThis as { getApp?: () => unknown }).getApp = () => ({})
    componentId = simulate.load(file, tag, { rootPath: BUILD_DIR })
  })
  return {
    mount(props: object): { comp: Rendered; events: unknown[] } {
      const comp = simulate.render(componentId, { props })
      comp.attach(document.createElement('parent-wrapper'))
      const events: unknown[] = []
      // j-component's RootComponent has addEventListener; the bundled typings omit it.
      if (event)
        (
          comp as unknown as {
            addEventListener(name: string, handler: (e: { detail: unknown }) => void): void
          }
        ).addEventListener(event, (e) => events.push(e.detail))
      return { comp, events }
    },
  }
}

/** Taro renders asynchronously (after setData), so wait until the tree shows what we expect. */
export async function until<T>(read: () => T | undefined | null | false, what: string): Promise<T> {
  for (let i = 0; i < 50; i += 1) {
    const value = read()
    if (value) return value
    await simulate.sleep(10)
  }
  throw new Error(`等待超时：${what}`)
}
