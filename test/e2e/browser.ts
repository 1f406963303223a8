// Debian's Chromium driven by playwright-core; a browser download is impossible here.
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/**
 * A new phone-sized browser context (no cache), as a consumer's: by default one who already agreed
 * to the privacy guide (test/e2e/privacy.test.ts opens with `privacyAgreed: false` to see the
 * consent popup).
 */
export async function newPhoneContext(browser: Browser, { privacyAgreed = true } = {}) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
  // The storage entry Taro.setStorageSync('privacy.agreed', true) writes (services/privacy.ts).
  if (privacyAgreed)
    await context.addInitScript(() => localStorage.setItem('privacy.agreed', '{"data":true}'))
  return context
}

/** A page in a new phone context, with the page errors it raises collected. */
export async function openPhonePage(browser: Browser, url: string, options = {}) {
  const context = await newPhoneContext(browser, options)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(url)
  return { page, errors }
}
