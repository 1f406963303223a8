// Reading what the phone shows: elements by class (as written in the source; the harness renders
// without class prefixes) and visible text. Taro renders after setData, so reads poll.
import { waitUntil } from '../../helpers/wait'
import type { MiniProgram } from './mini-program'

export { WAIT_MS, waitUntil } from '../../helpers/wait'

/** Elements on screen matching `css`, optionally only those whose text contains `text`. */
export function findAll(phone: MiniProgram, css: string, text?: string): Element[] {
  return phone
    .screen()
    .flatMap((root) => Array.from(root.querySelectorAll(css)))
    .filter((element) => text === undefined || (element.textContent ?? '').includes(text))
}

export function screenText(phone: MiniProgram): string {
  return phone
    .screen()
    .map((root) => root.textContent ?? '')
    .join('\n')
}

/** The first element matching `css` (and `text`), once it appears. */
export function waitFor(phone: MiniProgram, css: string, text?: string): Promise<Element> {
  return waitUntil(
    () => findAll(phone, css, text)[0],
    `${css}${text ? ` 含「${text}」` : ''}（当前页 ${phone.current.route}：${screenText(phone).slice(0, 300)}）`,
  )
}

/** Text on screen, or in a toast (wx.showToast draws outside the page). */
export function waitForText(phone: MiniProgram, text: string): Promise<true> {
  return waitUntil(
    () => screenText(phone).includes(text) || phone.wx.toasts.some((toast) => toast.includes(text)),
    `文字「${text}」（当前页 ${phone.current.route}：${screenText(phone).slice(0, 300)}）`,
  )
}
