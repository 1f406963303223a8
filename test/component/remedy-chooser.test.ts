// The RemedyChooser React component compiled to a native custom component
// (`npm run build:components`; DIST_ROOT picks another build root), run by miniprogram-simulate:
// the offers with their details, nothing sent until a remedy is picked, then `choose`.
import simulate from 'miniprogram-simulate'
import { setupNativeComponent, until } from './native'

type Rendered = ReturnType<typeof simulate.render>
const { mount } = setupNativeComponent('remedy-chooser', 'remedy-chooser', 'choose')

const OFFERED = [
  { type: 'wait_new_eta', newEta: '2026-04-10' },
  { type: 'coupon', amountFen: 3000 },
  { type: 'cancel' },
]

const options = (comp: Rendered) => comp.querySelectorAll('.remedy-option') ?? []
const text = (node: { dom: unknown } | undefined) =>
  ((node?.dom as HTMLElement | undefined)?.textContent ?? '').replace(/\s+/g, '')
const active = (comp: Rendered) =>
  options(comp).map((node) => (node.dom as HTMLElement).className.includes('remedy-option--active'))

test('lists each offered remedy with its label and detail, none selected', async () => {
  const { comp } = mount({ offered: OFFERED })
  const rows = await until(() => options(comp).length === 3 && options(comp), '三种处理方式')
  expect(rows.map(text)).toEqual([
    '等待新的完成日期新的预计完成日期：2026-04-10',
    '领取补偿券获得¥30补偿券，订单照常制作',
    '取消订单不再等待，取消这笔订单',
  ])
  expect(active(comp)).toEqual([false, false, false])
  expect(text(comp.querySelector('.remedy-submit'))).toBe('请选择一种处理方式')
})

test('sends nothing until a remedy is picked, then emits choose with it', async () => {
  const { comp, events } = mount({ offered: OFFERED })
  await until(() => options(comp).length === 3, '三种处理方式')
  const submit = () => comp.querySelector('.remedy-submit')!.dispatchEvent('tap')

  submit()
  await simulate.sleep(30)
  expect(events).toEqual([])

  options(comp)[1].dispatchEvent('tap')
  await until(() => active(comp)[1], '补偿券被选中')
  expect(active(comp)).toEqual([false, true, false])
  expect(text(comp.querySelector('.remedy-submit'))).toBe('确认选择')

  submit()
  await until(() => events.length === 1, 'choose 事件')
  expect(events).toEqual([{ remedy: 'coupon' }])
})

test('while busy the button says so and ignores taps', async () => {
  const { comp, events } = mount({ offered: OFFERED, busy: true })
  await until(() => options(comp).length === 3, '三种处理方式')
  options(comp)[0].dispatchEvent('tap')
  await until(() => active(comp)[0], '等待新日期被选中')
  comp.querySelector('.remedy-submit')!.dispatchEvent('tap')
  await simulate.sleep(30)
  expect(events).toEqual([])
  expect(text(comp.querySelector('.remedy-submit'))).toBe('正在提交…')
})
