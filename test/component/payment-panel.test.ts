// The PaymentPanel React component compiled to a native custom component
// (`npm run build:components`), run by miniprogram-simulate: 待付款 with its countdown to dueBy
// and 去支付 (a `pay` event, none while paying), 支付确认中…, time up, and a refund without any
// button.
import simulate from 'miniprogram-simulate'
import { setupNativeComponent, until, type Rendered } from './native'

const { mount } = setupNativeComponent('payment-panel', 'payment-panel', 'pay')

const UNPAID = {
  state: 'unpaid',
  title: '待付款',
  text: '请在 12-01 12:30 前支付 ¥479，逾期未付订单将自动取消',
  tone: 'alert',
}
const REFUNDING = {
  state: 'refunding',
  title: '退款中',
  text: '¥479 将原路退回你的微信支付，到账后这里会显示已退款',
  tone: 'info',
}

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()

const text = (comp: Rendered, css: string) =>
  ((comp.querySelector(css)?.dom as HTMLElement | undefined)?.textContent ?? '').trim()

test('待付款: the time left, what happens at the end, and 去支付 sends `pay`', async () => {
  const { comp, events } = mount({ notice: UNPAID, payable: true, dueBy: inMinutes(30) })
  await until(() => text(comp, '.payment-panel__title') === '待付款', '待付款')
  expect(text(comp, '.payment-panel__countdown')).toMatch(/^剩余 (29:5\d|30:00)$/)
  expect(text(comp, '.payment-panel__text')).toBe(UNPAID.text)
  expect(text(comp, '.payment-panel__pay')).toBe('去支付')
  comp.querySelector('.payment-panel__pay')!.dispatchEvent('tap')
  await until(() => events.length === 1, 'pay 事件')
})

test('while paying the button says so and ignores taps', async () => {
  const { comp, events } = mount({
    notice: UNPAID,
    payable: true,
    dueBy: inMinutes(10),
    paying: true,
  })
  await until(() => text(comp, '.payment-panel__pay') === '支付中…', '支付中…')
  comp.querySelector('.payment-panel__pay')!.dispatchEvent('tap')
  await simulate.sleep(30)
  expect(events).toEqual([])
})

test('支付确认中… replaces the countdown and the button', async () => {
  const { comp } = mount({
    notice: UNPAID,
    payable: true,
    dueBy: inMinutes(10),
    confirming: true,
  })
  await until(() => text(comp, '.payment-panel__title') === '支付确认中…', '支付确认中…')
  expect(text(comp, '.payment-panel__text')).toBe('正在等待微信支付的结果，请稍候')
  expect(comp.querySelector('.payment-panel__pay')).toBeFalsy()
  expect(comp.querySelector('.payment-panel__countdown')).toBeFalsy()
})

test('time up: 已超时 and no button, the order is about to be cancelled', async () => {
  const { comp } = mount({ notice: UNPAID, payable: true, dueBy: inMinutes(-1) })
  await until(() => text(comp, '.payment-panel__countdown') === '已超时', '已超时')
  expect(text(comp, '.payment-panel__text')).toBe('已超过付款时间，订单即将自动取消')
  expect(comp.querySelector('.payment-panel__pay')).toBeFalsy()
})

test('a refund says what happens next and offers nothing to tap', async () => {
  const { comp } = mount({ notice: REFUNDING })
  await until(() => text(comp, '.payment-panel__title') === '退款中', '退款中')
  expect(text(comp, '.payment-panel__text')).toBe(REFUNDING.text)
  expect(comp.querySelector('.payment-panel__pay')).toBeFalsy()
  expect(comp.querySelector('.payment-panel__countdown')).toBeFalsy()
})
