// H5 first screen in Chromium: time from navigation to content (the home page's product list,
// an order detail's current node) on a cold load, next to the bare Taro app's "Hello world!"
// served the same way (a local cloud serving the build). Median of RUNS loads of each, taken in
// turns, each in a new browser context (no cache); phone viewport. Also the JS and CSS bytes
// each first screen loads.
import { cpus, loadavg } from 'node:os'
import { launchChromium, newPhoneContext } from '../../test/e2e/browser'
import { FUNCTIONS } from '../../src/domain/names'
import { SHOP_PAGES } from '../../src/routes'
import { FUNCTIONS_ROOT } from '../build-cloudfunctions'
import { startLocalCloud } from '../local-cloud'
import { DEMO_USERS, seedDemo } from '../seed/demo'
import { ensureBuild } from './builds'
import { shirtOrderPayload } from './orders'
import type { BenchFigure, Benchmark } from './types'

const RUNS = 11
const CONSUMER = DEMO_USERS.find((u) => u.role === 'consumer')!.openid
type Browser = Awaited<ReturnType<typeof launchChromium>>

/** One cold load: ms to the first element matching `selector` with text, and KB of JS + CSS. */
async function loadOnce(browser: Browser, url: string, selector: string) {
  // A returning user's phone: consent to the privacy guide already given.
  const context = await newPhoneContext(browser)
  // Stamp the moment the content appears, from inside the page (no polling delay). A string:
  // tsx would wrap a function's inner helpers in a __name() the page does not have.
  await context.addInitScript(`(() => {
    const check = () => {
      const el = document.querySelector(${JSON.stringify(selector)})
      if (window.__contentAt === undefined && el && el.textContent.trim())
        window.__contentAt = performance.now()
    }
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true })
  })()`)
  const page = await context.newPage()
  const bodies: Promise<number>[] = []
  page.on('response', (response) => {
    if (/\.(js|css)(\?|$)/.test(response.url()))
      bodies.push(response.body().then((body) => body.length))
  })
  await page.goto(url)
  const at = await page.waitForFunction('window.__contentAt', undefined, { timeout: 30_000 })
  const ms = Number(await at.jsonValue())
  // Every script and style the first screen asked for, read to the end.
  await page.waitForLoadState('networkidle')
  const bytes = (await Promise.all(bodies)).reduce((sum, length) => sum + length, 0)
  await context.close()
  return { ms, kb: bytes / 1024 }
}

type Screen = { url: string; selector: string }

/**
 * Each screen's median time to content and its bytes, over RUNS rounds that load every screen
 * once in turn: the bare app and this app's screens see the same moments of a noisy machine.
 */
async function firstScreens(browser: Browser, screens: Screen[]) {
  const loads = screens.map(() => [] as { ms: number; kb: number }[])
  for (let run = 0; run < RUNS; run += 1)
    for (const [i, { url, selector }] of screens.entries())
      loads[i].push(await loadOnce(browser, url, selector))
  return loads.map((each) => {
    const times = each.map((load) => load.ms).sort((a, b) => a - b)
    return { ms: times[times.length >> 1], kb: each[each.length - 1].kb }
  })
}

export const benchmark: Benchmark = {
  name: 'h5',
  title: 'H5 first screen in Chromium vs the bare Taro app',
  async prepare(log) {
    await ensureBuild('app', 'h5', log)
    await ensureBuild('bare', 'h5', log)
  },
  async run(ctx) {
    await seedDemo(ctx.cloud.store)
    const payload = await shirtOrderPayload(ctx)
    const placed = (await ctx.cloud.invoke(
      FUNCTIONS.order,
      { action: 'create', payload: payload('bench-h5') },
      CONSUMER,
    )) as { data: { order: { _id: string } } }
    const orderId = placed.data.order._id
    const serve = async (app: 'app' | 'bare') =>
      startLocalCloud({
        functionsRoot: FUNCTIONS_ROOT,
        databaseUrl: ctx.databaseUrl,
        port: 0,
        users: DEMO_USERS,
        staticDir: await ensureBuild(app, 'h5', ctx.log),
      })
    const [app, bare] = [await serve('app'), await serve('bare')]
    const browser = await launchChromium()
    try {
      // Warm the server's functions so the first load does not carry a worker's start.
      await app.invoke(FUNCTIONS.user, { action: 'home' }, CONSUMER)
      await app.invoke(FUNCTIONS.order, { action: 'detail', payload: { orderId } }, CONSUMER)
      // Other work on the machine slows every load; the ratio to the bare app travels better.
      const load = loadavg()[0].toFixed(1)
      ctx.log(`load average (1 min) as the loads begin: ${load} on ${cpus().length} cores`)
      const [bareScreen, home, detail] = await firstScreens(browser, [
        { url: bare.url, selector: '.bare' },
        { url: app.url, selector: '.product-list' },
        // The page itself, not its old address (which redirects to it).
        { url: `${app.url}/#${SHOP_PAGES.order}?id=${orderId}`, selector: '.order-hero__node' },
      ])
      const baselineLabel = 'bare Taro app, "Hello world!"'
      const figures: BenchFigure[] = [
        {
          label: 'home page: time to content (product list)',
          value: home.ms,
          baseline: bareScreen.ms,
          unit: 'ms',
          baselineLabel,
          note: 'includes user.home through the local cloud',
        },
        {
          label: 'order detail: time to content (current node)',
          value: detail.ms,
          baseline: bareScreen.ms,
          unit: 'ms',
          baselineLabel,
          note: 'includes order.detail through the local cloud',
        },
        {
          label: 'home page: JS + CSS loaded',
          value: home.kb,
          baseline: bareScreen.kb,
          unit: 'KB',
          baselineLabel,
        },
        {
          label: 'order detail: JS + CSS loaded',
          value: detail.kb,
          baseline: bareScreen.kb,
          unit: 'KB',
          baselineLabel,
        },
      ]
      return {
        setup: `H5 production builds (\`taro build --type h5\`, same config/index.ts) of this app and of tools/bench/bare-app, each served by a local cloud on the same machine (no compression). Chromium ${browser.version()} headless, 390×844 phone viewport, a new context per load (cold cache); median of ${RUNS} loads of each screen, taken in turns (bare app, home, order detail) so each sees the same moments of the machine. Time to content: performance.now() when the element first holds text, stamped in the page by a MutationObserver. Home waits for the product list (user.home answered); the order detail for the order's current node (order.detail answered), signed in as the demo consumer. Load average (1 min) when the loads began: ${load} on ${cpus().length} cores.`,
        figures,
      }
    } finally {
      await browser.close()
      await app.stop()
      await bare.stop()
    }
  },
}
