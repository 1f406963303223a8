// The OptionPicker React component as WeChat runs it: compiled by Taro into a native custom
// component (`npm run build:components` -> <DIST_ROOT>/components), loaded with
// miniprogram-simulate. Single groups pick one; multi groups toggle up to maxChoices.
import simulate from 'miniprogram-simulate'
import type { OptionGroup } from '@/domain/product-schema'
import { setupNativeComponent, until } from './native'

type Comp = ReturnType<typeof simulate.render>
const { mount } = setupNativeComponent('option-picker', 'option-picker', 'change')
type SimNode = NonNullable<ReturnType<Comp['querySelector']>>

const choice = (id: string, label: string, priceDeltaFen = 0) => ({
  id,
  label,
  priceDeltaFen,
  leadDaysDelta: 0,
})
const fabric: OptionGroup = {
  id: 'fabric',
  label: '面料',
  type: 'single',
  required: true,
  choices: [
    choice('oxford', '牛津纺'),
    choice('linen', '法国亚麻', 8000),
    choice('cheap', '特价', -500),
  ],
}
const monogram: OptionGroup = {
  id: 'place',
  label: '刺绣位置',
  type: 'multi',
  required: false,
  maxChoices: 2,
  choices: [
    choice('cuff', '袖口', 2000),
    choice('chest', '胸前', 2000),
    choice('collar', '领内侧'),
  ],
}

const chips = (comp: Comp) => (comp.querySelectorAll('.option-chip') as SimNode[]) ?? []
const text = (node: SimNode) => (node.dom as HTMLElement).textContent?.replace(/\s+/g, '') ?? ''
const active = (comp: Comp) =>
  chips(comp).map((node) => (node.dom as HTMLElement).className.includes('option-chip--active'))

test('renders the label, the required marker and price deltas as +¥ / -¥', async () => {
  const { comp } = mount({ group: fabric, defaultValue: ['oxford'] })
  const nodes = await until(() => chips(comp).length === 3 && chips(comp), '三个选项')
  expect(nodes.map(text)).toEqual(['牛津纺', '法国亚麻+¥80', '特价-¥5'])
  expect((comp.dom as HTMLElement).textContent).toContain('必选')
  expect(active(comp)).toEqual([true, false, false])
})

test('a single group moves the choice on tap and keeps a required choice on a second tap', async () => {
  const { comp, events } = mount({ group: fabric, defaultValue: ['oxford'] })
  await until(() => chips(comp).length === 3, '三个选项')
  chips(comp)[1].dispatchEvent('tap')
  await until(() => active(comp)[1], '法国亚麻被选中')
  expect(active(comp)).toEqual([false, true, false])
  chips(comp)[1].dispatchEvent('tap')
  await simulate.sleep(30)
  expect(active(comp)).toEqual([false, true, false])
  expect(events).toEqual([{ groupId: 'fabric', value: ['linen'] }])
})

test('a multi group toggles up to maxChoices and says why a third is refused', async () => {
  const { comp, events } = mount({ group: monogram })
  await until(() => chips(comp).length === 3, '三个选项')
  chips(comp)[1].dispatchEvent('tap')
  await until(() => active(comp)[1], '胸前被选中')
  chips(comp)[0].dispatchEvent('tap')
  await until(() => active(comp)[0], '袖口被选中')
  chips(comp)[2].dispatchEvent('tap')
  await until(() => comp.querySelector('.option-picker__error'), '超出上限的提示')
  expect(text(comp.querySelector('.option-picker__error') as SimNode)).toBe('最多选择2项')
  expect(active(comp)).toEqual([true, true, false])
  chips(comp)[1].dispatchEvent('tap')
  await until(() => !active(comp)[1], '胸前取消')
  // Values keep the schema's order whatever the tap order.
  expect(events).toEqual([
    { groupId: 'place', value: ['chest'] },
    { groupId: 'place', value: ['cuff', 'chest'] },
    { groupId: 'place', value: ['cuff'] },
  ])
})

test('shows the validation message it is given', async () => {
  const { comp } = mount({ group: monogram, error: '刺绣位置：请至少选择一项' })
  const node = await until(() => comp.querySelector('.option-picker__error'), '错误提示')
  expect(text(node as SimNode)).toBe('刺绣位置：请至少选择一项')
})
