// Debian's Chromium driven by playwright-core; a browser download is impossible here.
import { chromium, type Browser } from 'playwright-core'
import { DEMO_USERS } from '../../tools/seed/demo'

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
  // The entries services/privacy.ts writes on 同意: one per demo identity in H5 (personal-storage).
  if (privacyAgreed)
    await context.addInitScript(
      (openids) => {
        for (const openid of openids)
          localStorage.setItem(`privacy.agreed.${openid}`, '{"data":true}')
      },
      DEMO_USERS.map((user) => user.openid),
    )
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
