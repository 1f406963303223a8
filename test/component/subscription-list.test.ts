// The SubscriptionList React component compiled to a native custom component
// (`npm run build:components`; DIST_ROOT picks another build root), run by miniprogram-simulate:
// one row per kind of message with credits and the "always" choice, the switch and 增加次数
// emit their events, refused or switched-off rows offer nothing, and the quiet-hours switch.
import simulate from 'miniprogram-simulate'
import type { SubscriptionSetting } from '@/domain/messages'
import { setupNativeComponent, until, type Rendered } from './native'

const { mount } = setupNativeComponent('subscription-list', 'subscription-list')

/** Mounts with a recorder on each of the component's events, in the order they fire. */
function mountWithEvents(props: object) {
  const { comp } = mount(props)
  const events: { name: string; detail: unknown }[] = []
  for (const name of ['toggle', 'add', 'quiethours']) {
    // j-component's RootComponent has addEventListener; the bundled typings omit it.
    ;(
      comp as unknown as {
        addEventListener(n: string, handler: (e: { detail: unknown }) => void): void
      }
    ).addEventListener(name, (e) => events.push({ name, detail: e.detail }))
  }
  return { comp, events }
}

function row(overrides: Partial<SubscriptionSetting>): SubscriptionSetting {
  return {
    purpose: 'order_confirmed',
    title: '订单确认通知',
    description: '商家确认订单后通知你',
    enabled: true,
    credits: 0,
    always: null,
    refused: false,
    ...overrides,
  }
}

const ITEMS: SubscriptionSetting[] = [
  row({ purpose: 'order_confirmed', title: '订单确认通知', credits: 2 }),
  row({ purpose: 'shipped', title: '发货通知', credits: 1, always: 'accept' }),
  row({ purpose: 'delivered', title: '签收通知', refused: true, always: 'reject' }),
  row({ purpose: 'production_started', title: '开始制作通知', enabled: false, credits: 3 }),
]
const PROPS = { items: ITEMS, quietHoursOptIn: false, quietHours: { start: '22:00', end: '08:00' } }

const text = (node: { dom: unknown } | undefined | null) =>
  ((node?.dom as HTMLElement | undefined)?.textContent ?? '').replace(/\s+/g, '')
const rows = (comp: Rendered) => comp.querySelectorAll('.subscription-row') ?? []
const klass = (node: { dom: unknown }) => (node.dom as HTMLElement).className
// Nodes in document order; every kind's row has one of each, the quiet-hours row comes last.
const inRow = (comp: Rendered, index: number, selector: string) =>
  (comp.querySelectorAll(selector) ?? [])[index]
const mounted = async (comp: Rendered) => {
  await until(() => rows(comp).length === ITEMS.length + 1, '四类消息和夜间提醒')
  return comp
}

test('renders a row per kind with credits, the "always" badge and the button state', async () => {
  const comp = await mounted(mountWithEvents(PROPS).comp)
  expect((comp.querySelectorAll('.subscription-row__title') ?? []).map(text)).toEqual([
    '订单确认通知',
    '发货通知',
    '签收通知',
    '开始制作通知',
    '夜间也提醒22:00–08:00',
  ])
  expect(ITEMS.map((_, i) => text(inRow(comp, i, '.subscription-row__credits')))).toEqual([
    '剩余2次',
    '剩余1次',
    '剩余0次',
    '剩余3次',
  ])
  expect((comp.querySelectorAll('.subscription-row__always') ?? []).map(text)).toEqual([
    '总是允许',
    '总是拒绝',
  ])
  expect(ITEMS.map((_, i) => text(inRow(comp, i, '.subscription-row__add')))).toEqual([
    '增加次数',
    '增加次数',
    '已拒绝',
    '已关闭',
  ])
  expect(klass(rows(comp)[2])).toContain('subscription-row--refused')
  expect((comp.querySelectorAll('.subscription-row__hint') ?? []).map(text)).toEqual([
    expect.stringContaining('重新允许'),
  ])
  expect(ITEMS.map((_, i) => text(inRow(comp, i, '.subscription-switch')))).toEqual([
    '开',
    '开',
    '开',
    '关',
  ])
})

test('the switch emits toggle with the opposite of the current preference', async () => {
  const { comp, events } = mountWithEvents(PROPS)
  await mounted(comp)
  inRow(comp, 0, '.subscription-switch').dispatchEvent('tap')
  inRow(comp, 3, '.subscription-switch').dispatchEvent('tap')
  await until(() => events.length === 2, '两次 toggle')
  expect(events).toEqual([
    { name: 'toggle', detail: { purpose: 'order_confirmed', enabled: false } },
    { name: 'toggle', detail: { purpose: 'production_started', enabled: true } },
  ])
})

test('增加次数 emits add for an allowed kind, nothing for refused or switched-off kinds', async () => {
  const { comp, events } = mountWithEvents(PROPS)
  await mounted(comp)
  inRow(comp, 2, '.subscription-row__add').dispatchEvent('tap')
  inRow(comp, 3, '.subscription-row__add').dispatchEvent('tap')
  await simulate.sleep(30)
  expect(events).toEqual([])
  inRow(comp, 1, '.subscription-row__add').dispatchEvent('tap')
  await until(() => events.length === 1, 'add 事件')
  expect(events).toEqual([{ name: 'add', detail: { purpose: 'shipped' } }])
})

test('while a row is saving it says so and every control ignores taps', async () => {
  const { comp, events } = mountWithEvents({ ...PROPS, busy: 'order_confirmed' })
  await mounted(comp)
  expect(text(inRow(comp, 0, '.subscription-row__add'))).toBe('处理中…')
  inRow(comp, 1, '.subscription-row__add').dispatchEvent('tap')
  inRow(comp, 1, '.subscription-switch').dispatchEvent('tap')
  comp.querySelector('.subscription-switch--quiet')!.dispatchEvent('tap')
  await simulate.sleep(30)
  expect(events).toEqual([])
})

test('the quiet-hours switch shows the opt-in and emits the new value', async () => {
  const { comp, events } = mountWithEvents({ ...PROPS, quietHoursOptIn: true })
  await mounted(comp)
  const sw = comp.querySelector('.subscription-switch--quiet')!
  expect(klass(sw)).toContain('subscription-switch--on')
  sw.dispatchEvent('tap')
  await until(() => events.length === 1, 'quiethours 事件')
  expect(events).toEqual([{ name: 'quiethours', detail: { optIn: false } }])
})
