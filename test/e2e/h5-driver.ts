// The journey driver for the H5 build in a real Chromium (playwright-core). Taro's H5 router
// keeps earlier pages in the DOM, hidden, so every target is the visible one.
import type { Locator, Page } from 'playwright-core'
import type { Driver, JourneyContext, PayOutcome, SheetAnswer } from '../journeys/driver'
import type { H5App } from './app'
import { newPhoneContext } from './browser'

// A 1×1 PNG: what the file chooser picks.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

const WAIT = { timeout: 20_000 }
/** The simulated sheet ignores taps in its first moments on screen (a double tap is no consent). */
const SHEET_SETTLE_MS = 600
/** The simulated payment sheet's buttons (src/services/h5-payment-sheet.ts). */
const PAY_BUTTONS: Record<PayOutcome, string> = {
  paid: '.pay-sheet__pay',
  cancelled: '.pay-sheet__cancel',
  failed: '.pay-sheet__fail',
}

/**
 * Waits for the simulated payment sheet and answers it with `outcome`; resolves to whether a
 * sheet came (false after the wait).
 */
export async function answerPaySheet(page: Page, outcome: PayOutcome): Promise<boolean> {
  const sheet = page.locator('.pay-sheet >> visible=true')
  try {
    await sheet.waitFor(WAIT)
  } catch {
    return false
  }
  await page.locator(`${PAY_BUTTONS[outcome]} >> visible=true`).click()
  await sheet.waitFor({ state: 'detached', ...WAIT })
  return true
}

type ToastWindow = Window & { toastsShown?: string[] }

/**
 * In the page: records the text of every toast Taro shows, as the weapp stand-in records
 * wx.showToast, so a 2.5 s toast is seen even when a busy machine polls after it has gone.
 */
function recordToasts(): void {
  const shown: string[] = ((window as ToastWindow).toastsShown = [])
  let showing = ''
  new MutationObserver(() => {
    const toasts = [...document.querySelectorAll<HTMLElement>('.taro__toast')]
    const visible = toasts.find((toast) => toast.style.display !== 'none')
    const text = visible?.querySelector('p:last-of-type')?.textContent ?? ''
    if (text && text !== showing) shown.push(text)
    showing = text
  }).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['style'],
  })
}

export class H5Driver implements Driver {
  readonly platform = 'h5' as const
  private readonly collected: string[] = []

  constructor(
    readonly page: Page,
    readonly openid: string,
    private readonly baseUrl: string,
  ) {
    page.on('pageerror', (error) => this.collected.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') this.collected.push(message.text())
    })
  }

  private target(css: string, text?: string): Locator {
    const visible = this.page.locator(`${css} >> visible=true`)
    return (text === undefined ? visible : visible.filter({ hasText: text })).first()
  }

  // A fresh load, as a link from a message opens the app (weapp: reLaunch); a hash change alone
  // sometimes leaves Taro's H5 router on the page reached by redirectTo.
  async open(path: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/?load=${Date.now()}#/${path}`)
  }

  async tap(css: string, text?: string): Promise<void> {
    await this.target(css, text).click(WAIT)
  }

  private async field(css: string, text?: string): Promise<Locator> {
    const at = this.target(css, text)
    await at.waitFor(WAIT)
    const tag = await at.evaluate((element) => element.tagName.toLowerCase())
    return tag === 'input' || tag === 'textarea' ? at : at.locator('input, textarea').first()
  }

  async fill(css: string, value: string, text?: string): Promise<void> {
    const field = await this.field(css, text)
    await field.fill(value)
    await field.blur()
  }

  async valueOf(css: string, text?: string): Promise<string> {
    return (await this.field(css, text)).inputValue()
  }

  async see(css: string, text?: string): Promise<void> {
    await this.target(css, text).waitFor(WAIT)
  }

  async notSee(css: string, text?: string): Promise<void> {
    await this.target(css, text).waitFor({ state: 'detached', ...WAIT })
  }

  async texts(css: string): Promise<string[]> {
    return (await this.page.locator(`${css} >> visible=true`).allInnerTexts()).map((t) => t.trim())
  }

  async back(): Promise<void> {
    await this.page.goBack()
  }

  async count(css: string, text?: string): Promise<number> {
    const visible = this.page.locator(`${css} >> visible=true`)
    return (text === undefined ? visible : visible.filter({ hasText: text })).count()
  }

  async onPage(path: string): Promise<Record<string, string>> {
    const escaped = path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    await this.page.waitForURL(new RegExp(`#/${escaped}(\\?|$)`), WAIT)
    const hash = new URL(this.page.url()).hash
    return Object.fromEntries(new URLSearchParams(hash.split('?')[1] ?? ''))
  }

  private nextSheet: Promise<number> = Promise.resolve(0)

  async tapAndAnswerSheet(css: string, answer: SheetAnswer, text?: string): Promise<number> {
    this.answerNextSheet(answer)
    await this.tap(css, text)
    return this.sheetOffered()
  }

  async tapAndLeaveSheetOpen(css: string, text?: string): Promise<void> {
    await this.tap(css, text)
    await this.page.locator('.subscribe-sheet >> visible=true').waitFor(WAIT)
  }

  async seeToast(text: string): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => (window as ToastWindow).toastsShown?.some((shown) => shown.includes(wanted)),
      text,
      WAIT,
    )
  }

  answerNextSheet(answer: SheetAnswer): void {
    this.nextSheet = this.answerSheet(answer)
    this.nextSheet.catch(() => undefined)
  }

  sheetOffered(): Promise<number> {
    return this.nextSheet
  }

  private async answerSheet(answer: SheetAnswer): Promise<number> {
    const sheet = this.page.locator('.subscribe-sheet >> visible=true')
    try {
      await sheet.waitFor({ timeout: 8_000 })
    } catch {
      return 0
    }
    const offered = await this.page.locator('.subscribe-item >> visible=true').count()
    await this.page.waitForTimeout(SHEET_SETTLE_MS)
    if (answer === 'reject') {
      const allowed = this.page.locator('.subscribe-item--on >> visible=true')
      while ((await allowed.count()) > 0) await allowed.first().click()
    }
    await this.page.locator('.subscribe-sheet__confirm >> visible=true').click()
    await sheet.waitFor({ state: 'detached', ...WAIT })
    return offered
  }

  private nextPayment: Promise<boolean> = Promise.resolve(false)

  answerNextPayment(outcome: PayOutcome): void {
    this.nextPayment = this.answerPayment(outcome)
    this.nextPayment.catch(() => undefined)
  }

  paymentAnswered(): Promise<boolean> {
    return this.nextPayment
  }

  private answerPayment(outcome: PayOutcome): Promise<boolean> {
    return answerPaySheet(this.page, outcome)
  }

  async tapAndPickPhoto(css: string, text?: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser', WAIT)
    await this.tap(css, text)
    await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG })
  }

  async tapAndAnswerModal(css: string, confirm: boolean, text?: string): Promise<void> {
    await this.tap(css, text)
    await this.page
      .locator(`${confirm ? '.taro-model__confirm' : '.taro-model__cancel'} >> visible=true`)
      .click(WAIT)
  }

  async failNextCloudCall(): Promise<void> {
    let failed = false
    await this.page.route('**/cloud/invoke/**', async (route) => {
      if (failed) return route.continue()
      failed = true
      return route.abort('connectionreset')
    })
  }

  async failNextPhotoUpload(): Promise<void> {
    let failed = false
    await this.page.route(
      (url) => url.pathname === '/cloud/files',
      async (route) => {
        if (failed || route.request().method() !== 'POST') return route.continue()
        failed = true
        return route.abort('connectionreset')
      },
    )
  }

  errors(): string[] {
    return this.collected
  }
}

/** Journeys on H5: a new phone-sized browser context per identity, on the home page. */
export function h5JourneyContext(app: H5App): JourneyContext {
  return {
    get cloud() {
      return app.cloud
    },
    async driverFor(openid: string, { privacyAgreed = true } = {}) {
      const context = await newPhoneContext(app.browser, { privacyAgreed })
      // The local identity switcher's remembered choice (services/local-identity.ts).
      await context.addInitScript(
        (id) => localStorage.setItem('localCloud.openid', JSON.stringify({ data: id })),
        openid,
      )
      await context.addInitScript(recordToasts)
      const page = await context.newPage()
      const driver = new H5Driver(page, openid, app.cloud.url)
      await page.goto(app.cloud.url)
      return driver
    },
  }
}
