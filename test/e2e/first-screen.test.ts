// H5 first screen (issue 21 goal 5): the home page's user.home leaves as index.html is parsed
// (services/first-screen-boot.ts), before app.js or the page's chunk has arrived, only once and
// as the identity the app then uses; and index.html preloads the page's chunk
// (config/preload-page.ts), so it downloads beside app.js.
import { IDENTITY_STORAGE_KEY } from '@/services/first-screen-boot'
import { DEMO_USERS } from '../../tools/seed/demo'
import { setupH5App } from './app'
import { newPhoneContext } from './browser'

const app = setupH5App()

/** index.html, and whether a script request is one of its own (not a page's chunk). */
async function servedHtml() {
  const html = await (await fetch(app.cloud.url)).text()
  const initialScripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1])
  const isInitial = (url: string) => initialScripts.some((src) => url.endsWith(src))
  return { html, isInitial }
}

async function openHome(remembered?: string) {
  const { html, isInitial } = await servedHtml()
  const context = await newPhoneContext(app.browser)
  if (remembered)
    await context.addInitScript(
      `localStorage.setItem(${JSON.stringify(IDENTITY_STORAGE_KEY)}, ${JSON.stringify(JSON.stringify({ data: remembered }))})`,
    )
  const page = await context.newPage()
  const homeCalls: Array<{ body: string; openid: string | undefined }> = []
  let homeAsked: () => void = () => undefined
  const asked = new Promise<void>((resolve) => (homeAsked = resolve))
  page.on('request', (request) => {
    if (!request.url().includes('/cloud/invoke/user')) return
    homeCalls.push({ body: request.postData() ?? '', openid: request.headers()['x-local-openid'] })
    homeAsked()
  })
  // Every script (app.js and the page's chunks) is held until user.home was asked, or 5 s:
  // before index.html's script the read left only once app.js had run, so the hold ran out.
  let heldTooLong = false
  const pageChunks: string[] = []
  await page.route('**/js/*.js', async (route) => {
    if (!isInitial(route.request().url())) pageChunks.push(new URL(route.request().url()).pathname)
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, 5_000, true)))
    if (await Promise.race([asked.then(() => false), timedOut])) heldTooLong = true
    clearTimeout(timer)
    return route.continue()
  })
  await page.goto(app.cloud.url)
  await page.locator('.product-list >> visible=true').waitFor({ timeout: 20_000 })
  const active = await page
    .locator('.identity-option--active >> visible=true')
    .getAttribute('data-openid')
  await context.close()
  return { html, heldTooLong, homeCalls, pageChunks, active }
}

const [consumerA, consumerB] = DEMO_USERS.filter((user) => user.role === 'consumer')

test('home preloads its chunk and asks user.home before any script arrives, once', async () => {
  const { html, heldTooLong, homeCalls, pageChunks, active } = await openHome()
  expect(heldTooLong).toBe(false)
  const home = JSON.stringify({ action: 'home' })
  expect(homeCalls).toEqual([{ body: home, openid: consumerA.openid }])
  expect(active).toBe(consumerA.openid)
  const preloaded = [...html.matchAll(/<link rel="preload" as="script" href="([^"]+)"/g)]
  expect(preloaded.map((m) => m[1])).toEqual(pageChunks)
}, 60_000)

test('a remembered identity: the early user.home is made as it, and used', async () => {
  const { heldTooLong, homeCalls, active } = await openHome(consumerB.openid)
  expect(heldTooLong).toBe(false)
  expect(homeCalls).toEqual([
    { body: JSON.stringify({ action: 'home' }), openid: consumerB.openid },
  ])
  expect(active).toBe(consumerB.openid)
}, 60_000)

test('user.home answered before the page runs: its first render shows the products, no skeleton', async () => {
  const context = await newPhoneContext(app.browser)
  await context.addInitScript(`(() => {
    new MutationObserver(() => {
      if (document.querySelector('.state-skeleton')) window.__skeletonShown = true
    }).observe(document, { subtree: true, childList: true })
  })()`)
  const page = await context.newPage()
  const answered = page.waitForResponse((response) => response.url().includes('/invoke/user'))
  // The home page's chunk waits for user.home's answer (and a moment for app.js to take it).
  const { isInitial } = await servedHtml()
  await page.route('**/js/*.js', async (route) => {
    if (!isInitial(route.request().url())) {
      await answered
      await new Promise((done) => setTimeout(done, 300))
    }
    return route.continue()
  })
  await page.goto(app.cloud.url)
  await page.locator('.product-list >> visible=true').waitFor({ timeout: 20_000 })
  expect(await page.evaluate('window.__skeletonShown === true')).toBe(false)
  await context.close()
}, 60_000)
