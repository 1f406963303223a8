// The journey driver for the weapp build: taps and typing go through WeChat's component framework
// (harness/mini-program.ts); answers that WeChat's own UI would give come from the wx stand-in.
import type { Driver, JourneyContext, PayOutcome, SheetAnswer } from '../../journeys/driver'
import type { WeappApp } from './app'
import { MiniProgram, attributeOf } from './mini-program'
import { findAll, waitFor, waitUntil } from './screen'

const FIELD = 'wx-input, wx-textarea'

function fieldIn(element: Element): Element {
  if (element.matches(FIELD)) return element
  const field = element.querySelector(FIELD)
  if (!field) throw new Error(`${element.getAttribute('class')} 中没有输入框`)
  return field
}

export class WeappDriver implements Driver {
  readonly platform = 'weapp' as const
  constructor(readonly phone: MiniProgram) {}

  get openid(): string {
    return this.phone.wx.openid
  }

  async open(path: string): Promise<void> {
    await this.phone.reLaunch(`/${path}`)
  }

  async tap(css: string, text?: string): Promise<void> {
    this.phone.tap(await waitFor(this.phone, css, text))
    await this.phone.settle()
  }

  async fill(css: string, value: string, text?: string): Promise<void> {
    this.phone.type(fieldIn(await waitFor(this.phone, css, text)), value)
    await this.phone.settle()
  }

  async valueOf(css: string, text?: string): Promise<string> {
    return String(attributeOf(fieldIn(await waitFor(this.phone, css, text)), 'value') ?? '')
  }

  async see(css: string, text?: string): Promise<void> {
    await waitFor(this.phone, css, text)
  }

  async notSee(css: string, text?: string): Promise<void> {
    await waitUntil(() => findAll(this.phone, css, text).length === 0, `${css} 消失`)
  }

  async texts(css: string): Promise<string[]> {
    await this.phone.settle()
    return findAll(this.phone, css).map((element) => (element.textContent ?? '').trim())
  }

  async back(): Promise<void> {
    await this.phone.navigateBack()
    await this.phone.settle()
  }

  async count(css: string, text?: string): Promise<number> {
    await this.phone.settle()
    return findAll(this.phone, css, text).length
  }

  async onPage(path: string): Promise<Record<string, string>> {
    await waitUntil(() => this.phone.current.route === path, `页面 ${path}`)
    return this.phone.current.query
  }

  private sheetsBefore = 0

  async tapAndAnswerSheet(css: string, answer: SheetAnswer, text?: string): Promise<number> {
    this.answerNextSheet(answer)
    await this.tap(css, text)
    return this.sheetOffered()
  }

  async tapAndLeaveSheetOpen(css: string, text?: string): Promise<void> {
    this.phone.wx.subscribeAnswer = () => 'open'
    await this.tap(css, text)
  }

  async seeToast(text: string): Promise<void> {
    await waitUntil(() => this.phone.wx.toasts.some((t) => t.includes(text)), `提示「${text}」`)
  }

  answerNextSheet(answer: SheetAnswer): void {
    this.sheetsBefore = this.phone.wx.subscribeRequests.length
    this.phone.wx.subscribeAnswer = (ids) =>
      Object.fromEntries(ids.map((id) => [id, answer] as const))
  }

  async sheetOffered(): Promise<number> {
    await this.phone.settle()
    return this.phone.wx.subscribeRequests.slice(this.sheetsBefore).flat().length
  }

  private paymentsBefore = 0

  answerNextPayment(outcome: PayOutcome): void {
    this.paymentsBefore = this.phone.wx.payments.length
    this.phone.wx.paymentAnswer = () => outcome
  }

  async paymentAnswered(): Promise<boolean> {
    try {
      await waitUntil(() => this.phone.wx.payments.length > this.paymentsBefore, '支付弹窗')
    } catch {
      return false
    }
    await this.phone.settle()
    return true
  }

  async tapAndPickPhoto(css: string, text?: string): Promise<void> {
    const before = this.phone.wx.calls.filter((call) => call === 'cloud.uploadFile').length
    await this.tap(css, text)
    await waitUntil(
      () => this.phone.wx.calls.filter((call) => call === 'cloud.uploadFile').length > before,
      `${css} 上传照片`,
    )
    await this.phone.settle()
  }

  async tapAndAnswerModal(css: string, confirm: boolean, text?: string): Promise<void> {
    const before = this.phone.wx.modals.length
    this.phone.wx.modalAnswers.push(confirm)
    await this.tap(css, text)
    await waitUntil(() => this.phone.wx.modals.length > before, `${css} 弹出确认框`)
  }

  async failNextCloudCall(): Promise<void> {
    this.phone.wx.failNextCalls += 1
  }

  async failNextPhotoUpload(): Promise<void> {
    this.phone.wx.failNextUploads += 1
  }

  errors(): string[] {
    return this.phone.consoleErrors
  }
}

/** Journeys on weapp: one phone, relaunched as whoever the journey asks for. */
export function weappJourneyContext(app: WeappApp): JourneyContext {
  return {
    get cloud() {
      return app.cloud
    },
    async driverFor(openid: string, { privacyAgreed = true } = {}) {
      await app.phone.switchUser(openid)
      app.phone.wx.privacyNeeded = !privacyAgreed
      return new WeappDriver(app.phone)
    },
  }
}
