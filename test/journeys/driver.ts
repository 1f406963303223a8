// One description of a journey, two drivers: Chromium on the H5 build (test/e2e/h5-driver.ts)
// and the compiled weapp bundle in WeChat's component framework (test/weapp/harness/driver.ts).
// Targets are a class selector as written in the source, optionally narrowed to the elements
// whose text contains `text`; the first visible match is used.
import type { TestCloud } from '../helpers/local-cloud'

export type Platform = 'h5' | 'weapp'
export type SheetAnswer = 'accept' | 'reject'
/** What the person does on the payment sheet. */
export type PayOutcome = 'paid' | 'cancelled' | 'failed'

export interface Driver {
  readonly platform: Platform
  /** The identity the app runs as (H5: the local identity switcher; weapp: the caller's OPENID). */
  readonly openid: string
  /** Opens a page afresh, as a link from a message would (path like 'pages/order/index?id=…'). */
  open(path: string): Promise<void>
  tap(css: string, text?: string): Promise<void>
  /** Types into the input or textarea inside (or at) `css`, then leaves the field. */
  fill(css: string, value: string, text?: string): Promise<void>
  /** The value the input inside (or at) `css` shows. */
  valueOf(css: string, text?: string): Promise<string>
  /** Waits until an element matching `css` (with `text`) is on screen. */
  see(css: string, text?: string): Promise<void>
  /** Waits until no element matching `css` (with `text`) is on screen. */
  notSee(css: string, text?: string): Promise<void>
  /** The text of each matching element on screen, in order. */
  texts(css: string): Promise<string[]>
  /** The back gesture: the page below comes back (wx.navigateBack; the browser's back on H5). */
  back(): Promise<void>
  /** How many matching elements are on screen now. */
  count(css: string, text?: string): Promise<number>
  /** Waits until the page on screen is `path`; resolves to its query. */
  onPage(path: string): Promise<Record<string, string>>
  /**
   * Taps `css`, which asks for subscribe messages, and answers WeChat's sheet (H5: the simulated
   * sheet) with `answer`; resolves to how many templates the sheet offered (0: no sheet).
   */
  tapAndAnswerSheet(css: string, answer: SheetAnswer, text?: string): Promise<number>
  /** Taps `css`, which opens the subscribe sheet, and leaves the sheet unanswered. */
  tapAndLeaveSheetOpen(css: string, text?: string): Promise<void>
  /** Waits until a toast containing `text` has been shown. */
  seeToast(text: string): Promise<void>
  /** The next subscribe sheet, whatever opens it, is answered with `answer`. */
  answerNextSheet(answer: SheetAnswer): void
  /** How many templates the sheet armed by answerNextSheet offered (0: none came). */
  sheetOffered(): Promise<number>
  /**
   * The next payment sheet (H5: the simulated 「模拟支付（本地环境）」 sheet; weapp: WeChat's, whose
   * outcome the wx stand-in tells the local cloud) is answered with `outcome`.
   */
  answerNextPayment(outcome: PayOutcome): void
  /** Whether the sheet armed by answerNextPayment came and was answered. */
  paymentAnswered(): Promise<boolean>
  /**
   * Taps `css`, which opens the photo picker, and picks one image: H5 a PNG through the browser's
   * file chooser; weapp the wx stand-in's chooseMedia answer.
   */
  tapAndPickPhoto(css: string, text?: string): Promise<void>
  /** Makes the next photo upload fail as a lost network would (H5: the local file stand-in). */
  failNextPhotoUpload(): Promise<void>
  /** Taps `css`, which asks a yes/no question in a modal, and answers it. */
  tapAndAnswerModal(css: string, confirm: boolean, text?: string): Promise<void>
  /** Makes the next cloud call fail as a lost network would. */
  failNextCloudCall(): Promise<void>
  /** Console errors and uncaught page errors so far. */
  errors(): string[]
}

export interface JourneyContext {
  cloud: TestCloud
  /** A phone running the app as `openid`; by default one that already agreed to the privacy guide. */
  driverFor(openid: string, options?: { privacyAgreed?: boolean }): Promise<Driver>
}
