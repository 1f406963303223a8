// Runs the real compiled mini program (`npm run build:weapp` -> <DIST_ROOT>/weapp: app.js,
// runtime.js, taro.js, vendors.js, common.js, each page's js) inside WeChat's own component
// framework as published on npm (exparser through j-component / miniprogram-simulate), with every
// template compiled by WeChat's wcc. Only `wx` is a stand-in (./wx-stand-in.ts).
//
// miniprogram-simulate knows components only, so Page() registers each page as a component whose
// `attached` runs onLoad then onShow and whose `ready` runs onReady, as the base library does; the
// router below keeps WeChat's page stack (tab pages stay alive, subpackage pages load on demand).
// The bundles keep their state in module globals, like a phone's JS runtime: switchUser() starts
// a fresh runtime (another phone) rather than reusing one across identities.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../../tools/build-cloudfunctions'
import { installDom } from './dom'
import { WxStandIn, type CloudInvoke, type PageRouter, type SettlePayment } from './wx-stand-in'

export const WEAPP_DIR = join(PROJECT_ROOT, process.env.DIST_ROOT ?? 'dist', 'weapp')

installDom()
// Loaded after the DOM exists: both read window/document when they load.
/* eslint-disable @typescript-eslint/no-var-requires */
const simulate = require('miniprogram-simulate')
const exparser = require('miniprogram-exparser')
/* eslint-enable @typescript-eslint/no-var-requires */

type Rendered = {
  dom: HTMLElement
  instance: PageInstance
  attach(parent: Element): void
  detach(): void
}
type Lifecycle = (this: PageInstance, ...args: unknown[]) => unknown
type PageInstance = Record<string, unknown> & { route: string; options: Record<string, string> }
interface AppConfig {
  onLaunch?: Lifecycle
  onShow?: Lifecycle
  onHide?: Lifecycle
}
interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: { custom?: boolean; list: { pagePath: string }[] }
}

export interface OpenPage {
  route: string
  query: Record<string, string>
  rendered: Rendered
  tabBar?: Rendered
  host: HTMLElement
}

const PAGE_LIFECYCLE = ['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload'] as const

function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [path, search = ''] = url.replace(/^\//, '').split('?')
  return { route: path, query: Object.fromEntries(new URLSearchParams(search)) }
}

const globals = globalThis as Record<string, unknown>

// simulate's Component(), before the harness wraps it.
const registerComponent = globals.Component as (options: Record<string, unknown>) => void

export class MiniProgram implements PageRouter {
  wx: WxStandIn
  readonly appJson: AppJson
  /** console.error / console.warn lines the app printed. */
  readonly consoleErrors: string[] = []
  private app: AppConfig = {}
  private readonly stack: OpenPage[] = []
  private readonly tabPages = new Map<string, OpenPage>()
  private readonly pageIds = new Map<string, string>()
  private tabBarId?: string
  private mounting?: OpenPage
  private readonly root = document.body

  constructor(
    openid: string,
    private readonly invoke: CloudInvoke,
    private readonly settlePayment?: SettlePayment,
  ) {
    if (!existsSync(join(WEAPP_DIR, 'app.js'))) {
      throw new Error(`缺少小程序构建 ${WEAPP_DIR}：先运行 npm run build:weapp`)
    }
    this.appJson = require(join(WEAPP_DIR, 'app.json'))
    this.wx = new WxStandIn(openid, this, invoke, settlePayment)
    this.captureConsole()
    this.installGlobals()
  }

  /** Another person's phone: every page closed, a fresh JS runtime, launched as `openid`. */
  async switchUser(openid: string): Promise<void> {
    await this.wx.idle()
    this.consoleErrors.length = 0
    if (openid === this.wx.openid && this.stack.length > 0)
      return this.reLaunch('/pages/index/index')
    this.close()
    jest.resetModules()
    this.pageIds.clear()
    this.tabBarId = undefined
    this.wx = new WxStandIn(openid, this, this.invoke, this.settlePayment)
    this.installGlobals()
    await this.launch()
  }

  /** Unloads every page (tab pages too). */
  close(): void {
    while (this.stack.length > 0) this.unload(this.stack.pop()!)
    for (const page of this.tabPages.values()) if (page.host.isConnected) this.unload(page)
    this.tabPages.clear()
  }

  /** Runs app.js and opens the launch page, as WeChat does on a cold start. */
  async launch(url = '/pages/index/index'): Promise<void> {
    require(join(WEAPP_DIR, 'app.js'))
    const { route, query } = parseUrl(url)
    await this.app.onLaunch?.call(this.app as never, { path: route, query, scene: 1001 })
    await this.app.onShow?.call(this.app as never, { path: route, query, scene: 1001 })
    await this.open(url)
  }

  get pages(): readonly OpenPage[] {
    return this.stack
  }

  get current(): OpenPage {
    const page = this.stack[this.stack.length - 1]
    if (!page) throw new Error('没有打开的页面')
    return page
  }

  isTabPage(route: string): boolean {
    return (this.appJson.tabBar?.list ?? []).some((tab) => tab.pagePath === route)
  }

  // ---- the page stack (wx.navigateTo and friends land here) ----

  async navigateTo(url: string): Promise<void> {
    const { route } = parseUrl(url)
    if (this.isTabPage(route)) throw new Error(`navigateTo:fail can not navigateTo a tabbar page`)
    if (this.stack.length >= 10) throw new Error('navigateTo:fail webview count limit exceed')
    this.hide(this.stack[this.stack.length - 1])
    await this.open(url)
  }

  async redirectTo(url: string): Promise<void> {
    const { route } = parseUrl(url)
    if (this.isTabPage(route)) throw new Error(`redirectTo:fail can not redirectTo a tabbar page`)
    const top = this.stack.pop()
    if (top) this.unload(top)
    await this.open(url)
  }

  async switchTab(url: string): Promise<void> {
    const { route } = parseUrl(url)
    if (!this.isTabPage(route)) throw new Error(`switchTab:fail can not switch to no-tabBar page`)
    while (this.stack.length > 0) {
      const page = this.stack.pop()!
      if (this.isTabPage(page.route)) this.hide(page)
      else this.unload(page)
    }
    const kept = this.tabPages.get(route)
    if (kept) {
      this.stack.push(kept)
      this.show(kept)
    } else await this.open(`/${route}`)
  }

  async reLaunch(url: string): Promise<void> {
    this.close()
    await this.open(url)
  }

  async navigateBack(delta = 1): Promise<void> {
    if (this.stack.length <= 1)
      throw new Error('navigateBack:fail cannot navigate back at first page')
    for (let i = 0; i < delta && this.stack.length > 1; i += 1) this.unload(this.stack.pop()!)
    this.show(this.current)
  }

  // ---- taps and typing, as the base library delivers them ----

  /** Lets Taro's batched setData reach the screen (it renders a microtask after React commits). */
  async settle(): Promise<void> {
    for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0))
  }

  /** A tap on a rendered element: synchronous, inside WeChat's user-gesture window. */
  tap(element: Element): void {
    const node = (element as unknown as { __wxElement?: unknown }).__wxElement
    if (!node) throw new Error(`无法点击：${describe(element)} 不是小程序节点`)
    this.wx.inTap = true
    try {
      if (attributeOf(element, 'openType') === 'agreePrivacyAuthorization') {
        this.wx.agreePrivacy()
        this.dispatch(node, 'agreeprivacyauthorization', {})
      }
      this.dispatch(node, 'tap', { x: 0, y: 0 })
    } finally {
      this.wx.inTap = false
    }
  }

  /** Types into an input or textarea, then leaves it (input, then blur). */
  type(element: Element, value: string): void {
    const node = (element as unknown as { __wxElement?: unknown }).__wxElement
    if (!node) throw new Error(`无法输入：${describe(element)} 不是小程序节点`)
    this.dispatch(node, 'focus', { value, height: 0 })
    this.dispatch(node, 'input', { value, cursor: value.length, keyCode: 0 })
    this.dispatch(node, 'blur', { value })
  }

  /** Pulls the current page down (onPullDownRefresh), or scrolls it to the bottom. */
  pageEvent(name: 'onPullDownRefresh' | 'onReachBottom'): void {
    const handler = this.current.rendered.instance[name]
    if (typeof handler === 'function') handler.call(this.current.rendered.instance)
  }

  /** Everything the phone shows now: the current page and its tab bar. */
  screen(): HTMLElement[] {
    const page = this.current
    return page.tabBar ? [page.rendered.dom, page.tabBar.dom] : [page.rendered.dom]
  }

  // ---- internals ----

  private dispatch(node: unknown, type: string, detail: object): void {
    exparser.Event.dispatchEvent(
      node,
      exparser.Event.create(type, detail, {
        bubbles: true,
        composed: true,
        capturePhase: true,
        extraFields: { touches: [], changedTouches: [] },
      }),
    )
  }

  private async open(url: string): Promise<void> {
    const { route, query } = parseUrl(url)
    const id = this.pageId(route)
    const host = document.createElement('page-host')
    host.setAttribute('route', route)
    this.root.appendChild(host)
    const page = { route, query, host } as OpenPage
    this.mounting = page
    page.rendered = simulate.render(id)
    page.rendered.attach(host)
    this.mounting = undefined
    this.stack.push(page)
    if (this.isTabPage(route)) {
      this.tabPages.set(route, page)
      if (this.appJson.tabBar?.custom) {
        page.tabBar = simulate.render(this.tabBarComponentId())
        page.tabBar!.attach(host)
      }
    }
    // WeChat fires onReady once the first render is on screen.
    await simulate.sleep(0)
  }

  private hide(page: OpenPage | undefined): void {
    if (!page) return
    ;(page.rendered.instance.onHide as Lifecycle | undefined)?.call(page.rendered.instance)
    page.host.style.display = 'none'
  }

  private show(page: OpenPage): void {
    page.host.style.display = ''
    ;(page.rendered.instance.onShow as Lifecycle | undefined)?.call(page.rendered.instance)
  }

  private unload(page: OpenPage): void {
    ;(page.rendered.instance.onUnload as Lifecycle | undefined)?.call(page.rendered.instance)
    page.tabBar?.detach()
    page.rendered.detach()
    page.host.remove()
  }

  private pageId(route: string): string {
    const known = this.pageIds.get(route)
    if (known) return known
    const declared =
      this.appJson.pages.includes(route) ||
      (this.appJson.subPackages ?? []).some((sub) =>
        sub.pages.some((page) => `${sub.root}/${page}` === route),
      )
    if (!declared) throw new Error(`页面 ${route} 不在 app.json 中`)
    const id = simulate.load(join(WEAPP_DIR, route), 'page', { rootPath: WEAPP_DIR })
    this.pageIds.set(route, id)
    return id
  }

  private tabBarComponentId(): string {
    this.tabBarId ??= simulate.load(join(WEAPP_DIR, 'custom-tab-bar', 'index'), 'custom-tab-bar', {
      rootPath: WEAPP_DIR,
    })
    return this.tabBarId!
  }

  private installGlobals(): void {
    globals.wx = this.wx.wx
    globals.App = (config: AppConfig) => {
      this.app = config
    }
    globals.getApp = () => this.app
    globals.getCurrentPages = () => this.stack.map((page) => page.rendered?.instance ?? {})
    globals.requirePlugin = () => {
      throw new Error('requirePlugin 未在 wx 替身中实现')
    }
    // Every component renders without a class prefix, so selectors read as in the source.
    globals.Component = (options: Record<string, unknown>) =>
      registerComponent({
        ...options,
        // j-component wants an array where Taro passes {} (WeChat accepts both).
        behaviors: Array.isArray(options.behaviors) ? options.behaviors : [],
        options: { ...(options.options as object), classPrefix: '' },
      })
    const mountingPage = () => this.mounting!
    globals.Page = (config: Record<string, unknown>) => {
      const methods = Object.fromEntries(
        Object.entries(config).filter(([, value]) => typeof value === 'function'),
      )
      ;(globals.Component as (options: Record<string, unknown>) => void)({
        data: config.data,
        methods,
        lifetimes: {
          attached(this: PageInstance) {
            const page = mountingPage()
            this.route = page.route
            this.__route__ = page.route
            this.options = page.query
            for (const name of PAGE_LIFECYCLE) if (!(name in this)) this[name] = () => undefined
            ;(this.onLoad as Lifecycle).call(this, { ...page.query })
            ;(this.onShow as Lifecycle).call(this)
          },
          ready(this: PageInstance) {
            ;(this.onReady as Lifecycle).call(this)
          },
        },
      })
    }
  }

  // Recorded for the tests to assert on; WEAPP_CONSOLE=1 also prints them.
  private captureConsole(): void {
    for (const level of ['error', 'warn'] as const) {
      const original = console[level]
      console[level] = (...args: unknown[]) => {
        this.consoleErrors.push(
          args
            .map((a) => (a instanceof Error ? a.stack : (JSON.stringify(a) ?? String(a))))
            .join(' '),
        )
        if (process.env.WEAPP_CONSOLE === '1') original.apply(console, args as [])
      }
    }
  }
}

/** A WeChat attribute as the template set it (value, maxlength, openType…): not all reach the DOM. */
export function attributeOf(element: Element, name: string): unknown {
  const node = (
    element as unknown as { __wxElement?: { _vt?: { attrs: { name: string; value: unknown }[] } } }
  ).__wxElement
  const dashed = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
  return node?._vt?.attrs.find((attr) => attr.name === name || attr.name === dashed)?.value
}

function describe(element: Element): string {
  return `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}">`
}
