// The board's BatchSelectList compiled to a native custom component (`npm run build:components`;
// DIST_ROOT picks another build root), run by miniprogram-simulate: selection stays within one
// node, 全选 selects that node's orders and clears again, and the count follows.
import { setupNativeComponent, until, type Rendered } from './native'

const { mount } = setupNativeComponent('batch-select-list', 'batch-select-list', 'change')

const ITEMS = [
  { id: 'o1', node: 'submitted', title: '20261122-A1 · 衬衫' },
  { id: 'o2', node: 'submitted', title: '20261122-A2 · 衬衫', flag: '逾期' },
  { id: 'o3', node: 'confirmed', title: '20261122-A3 · 窗帘' },
  { id: 'o4', node: 'submitted', title: '20261122-A4 · 衬衫' },
]

const rows = (comp: Rendered) => comp.querySelectorAll('.batch-item') ?? []
const text = (node: { dom: unknown } | null | undefined) =>
  ((node?.dom as HTMLElement | undefined)?.textContent ?? '').replace(/\s+/g, '')
const checked = (comp: Rendered) =>
  rows(comp).map((row) => (row.dom as HTMLElement).className.includes('batch-item--checked'))
const count = (comp: Rendered) => text(comp.querySelector('.batch-select__count'))

async function mounted() {
  const rendered = mount({ items: ITEMS })
  await until(() => rows(rendered.comp).length === 4, '四个订单')
  return rendered
}

test('starts empty: every order listed unchecked, 已选 0 单, flags shown', async () => {
  const { comp } = await mounted()
  expect(checked(comp)).toEqual([false, false, false, false])
  expect(count(comp)).toBe('已选0单')
  expect(text(rows(comp)[1])).toContain('逾期')
})

test('tapping orders of one node selects them and reports each change', async () => {
  const { comp, events } = await mounted()
  rows(comp)[0].dispatchEvent('tap')
  await until(() => checked(comp)[0], '第一单被选中')
  rows(comp)[3].dispatchEvent('tap')
  await until(() => checked(comp)[3], '第四单被选中')
  expect(count(comp)).toBe('已选2单')
  expect(events[events.length - 1]).toEqual({ node: 'submitted', ids: ['o1', 'o4'] })

  rows(comp)[0].dispatchEvent('tap')
  await until(() => !checked(comp)[0], '第一单取消选中')
  expect(events[events.length - 1]).toEqual({ node: 'submitted', ids: ['o4'] })
})

test('an order of another node is refused with a hint and the selection stays', async () => {
  const { comp, events } = await mounted()
  rows(comp)[0].dispatchEvent('tap')
  await until(() => checked(comp)[0], '第一单被选中')
  const before = events.length
  rows(comp)[2].dispatchEvent('tap')
  await until(() => comp.querySelector('.batch-select__hint'), '跨节点提示')
  expect(text(comp.querySelector('.batch-select__hint'))).toBe(
    '只能选择同一节点的订单（当前：已提交）',
  )
  expect(checked(comp)).toEqual([true, false, false, false])
  expect(events.length).toBe(before)
})

test('全选 selects every order of the node, then 全不选 clears', async () => {
  const { comp, events } = await mounted()
  const all = () => comp.querySelector('.batch-select__all')!
  expect(text(all())).toBe('全选')
  all().dispatchEvent('tap')
  await until(() => checked(comp)[3], '全选')
  expect(checked(comp)).toEqual([true, true, false, true])
  expect(count(comp)).toBe('已选3单')
  expect(text(all())).toBe('全不选')
  expect(events[events.length - 1]).toEqual({ node: 'submitted', ids: ['o1', 'o2', 'o4'] })

  all().dispatchEvent('tap')
  await until(() => !checked(comp)[0], '全不选')
  expect(count(comp)).toBe('已选0单')
  expect(events[events.length - 1]).toEqual({ node: null, ids: [] })
})

test('the only confirmed order tapped fills its node: the button turns into 全不选', async () => {
  const { comp } = await mounted()
  rows(comp)[2].dispatchEvent('tap')
  await until(() => checked(comp)[2], '第三单被选中')
  expect(text(comp.querySelector('.batch-select__all'))).toBe('全不选')
  comp.querySelector('.batch-select__all')!.dispatchEvent('tap')
  await until(() => !checked(comp)[2], '清空')
  expect(checked(comp)).toEqual([false, false, false, false])
  expect(count(comp)).toBe('已选0单')
})
