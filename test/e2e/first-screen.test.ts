// H5 first screen (issue 21 goal 5): the home page's user.home leaves while the page's own chunk
// is still on its way (services/first-screen.ts), not after the page has run, and only once; and
// index.html preloads that chunk (config/preload-page.ts), so it downloads beside app.js.
import { setupH5App } from './app'
import { newPhoneContext } from './browser'

const app = setupH5App()

test('home preloads its chunk and asks user.home before the chunk arrives, once', async () => {
  const html = await (await fetch(app.cloud.url)).text()
  const initialScripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1])
  const context = await newPhoneContext(app.browser)
  const page = await context.newPage()
  const homeCalls: string[] = []
  let homeAsked: () => void = () => undefined
  const asked = new Promise<void>((resolve) => (homeAsked = resolve))
  page.on('request', (request) => {
    if (!request.url().includes('/cloud/invoke/user')) return
    homeCalls.push(request.postData() ?? '')
    homeAsked()
  })
  // Later chunks (the page's) are held until user.home was asked, or 5 s: before the early read
  // the page asked only once its chunk had run, so the hold ran out.
  let heldTooLong = false
  const pageChunks: string[] = []
  await page.route('**/js/*.js', async (route) => {
    if (initialScripts.some((src) => route.request().url().endsWith(src))) return route.continue()
    pageChunks.push(new URL(route.request().url()).pathname)
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, 5_000, true)))
    if (await Promise.race([asked.then(() => false), timedOut])) heldTooLong = true
    clearTimeout(timer)
    return route.continue()
  })
  await page.goto(app.cloud.url)
  await page.locator('.product-list >> visible=true').waitFor({ timeout: 20_000 })
  expect(heldTooLong).toBe(false)
  expect(homeCalls).toEqual([JSON.stringify({ action: 'home' })])
  const preloaded = [...html.matchAll(/<link rel="preload" as="script" href="([^"]+)"/g)]
  expect(preloaded.map((m) => m[1])).toEqual(pageChunks)
  await context.close()
}, 60_000)
