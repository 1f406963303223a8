// The dashboard's BarChart compiled to a native custom component, run by miniprogram-simulate:
// bars scale to the largest value, labels and values show, and no data shows the empty text.
import { setupNativeComponent, until, type Rendered } from './native'

const { mount } = setupNativeComponent('bar-chart', 'bar-chart')

const text = (node: { dom: unknown } | null | undefined) =>
  ((node?.dom as HTMLElement | undefined)?.textContent ?? '').replace(/\s+/g, '')
const rows = (comp: Rendered) => comp.querySelectorAll('.bar-chart__row') ?? []
const widths = (comp: Rendered) =>
  (comp.querySelectorAll('.bar-chart__bar') ?? []).map(
    (bar) => (bar.dom as HTMLElement).getAttribute('style') ?? '',
  )

test('scales each bar against the largest value and labels it', async () => {
  const { comp } = mount({
    bars: [
      { label: '已提交', value: 4 },
      { label: '制作中', value: 8 },
      { label: '已发货', value: 2 },
      { label: '已取消', value: 0 },
    ],
    unit: '单',
  })
  await until(() => rows(comp).length === 4, '四根柱')
  expect(rows(comp).map(text)).toEqual(['已提交4单', '制作中8单', '已发货2单', '已取消0单'])
  const styles = widths(comp)
  expect(styles[0]).toMatch(/width:\s*50%/)
  expect(styles[1]).toMatch(/width:\s*100%/)
  expect(styles[2]).toMatch(/width:\s*25%/)
  expect(styles[3]).toMatch(/width:\s*0%/)
})

test('a display text replaces the number and an alert bar is marked', async () => {
  const { comp } = mount({
    bars: [
      { label: '准时率', value: 0.62, display: '62%' },
      { label: '逾期', value: 0.2, display: '20%', tone: 'alert' },
    ],
  })
  await until(() => rows(comp).length === 2, '两根柱')
  expect(rows(comp).map(text)).toEqual(['准时率62%', '逾期20%'])
  const bars = comp.querySelectorAll('.bar-chart__bar') ?? []
  expect((bars[1].dom as HTMLElement).className).toContain('bar-chart__bar--alert')
  expect((bars[0].dom as HTMLElement).className).not.toContain('bar-chart__bar--alert')
})

test('no bars, or only zeros, show the empty text instead', async () => {
  const empty = mount({ bars: [], emptyText: '本周还没有订单' }).comp
  await until(() => empty.querySelector('.bar-chart__empty'), '空状态')
  expect(text(empty.querySelector('.bar-chart__empty'))).toBe('本周还没有订单')

  const zeros = mount({ bars: [{ label: '已提交', value: 0 }] }).comp
  await until(() => zeros.querySelector('.bar-chart__empty'), '全为 0 的空状态')
  expect(text(zeros.querySelector('.bar-chart__empty'))).toBe('暂无数据')
  expect(rows(zeros)).toEqual([])
})
