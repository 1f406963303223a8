// The KindFilter React component as WeChat runs it: compiled by Taro into a native custom
// component (`npm run build:components` -> dist/components), loaded with miniprogram-simulate.
// Taro passes React props through the one `props` property and renders through base.wxml.
import simulate from 'miniprogram-simulate'
import { setupNativeComponent, until } from './native'

type SimNode = ReturnType<ReturnType<typeof simulate.render>['querySelector']>
const { mount } = setupNativeComponent('kind-filter', 'kind-filter')

const options = (comp: ReturnType<typeof simulate.render>): NonNullable<SimNode>[] =>
  (comp.querySelectorAll('.kind-filter__option') as NonNullable<SimNode>[]) ?? []

const isActive = (node: NonNullable<SimNode>) =>
  (node.dom as HTMLElement).className.includes('kind-filter__option--active')

test('renders 全部 plus one chip per kind present, with counts, and 全部 selected', async () => {
  const { comp } = mount({ counts: { made_to_order: 2, consumable: 1 } })
  const chips = await until(() => options(comp).length === 3 && options(comp), '三个筛选项')
  const texts = chips.map((chip) => (chip.dom as HTMLElement).textContent?.replace(/\s+/g, ''))
  expect(texts).toEqual(['全部3', '定制2', '消耗品1'])
  expect(chips.map(isActive)).toEqual([true, false, false])
})

test('a tap selects the chip, re-renders, and emits change with the kind', async () => {
  const { comp } = mount({ counts: { made_to_order: 2, consumable: 1, batch: 1 } })
  const events: unknown[] = []
  // j-component's RootComponent has addEventListener; the bundled typings omit it.
  const root = comp as unknown as {
    addEventListener(name: string, handler: (event: { detail: unknown }) => void): void
  }
  root.addEventListener('change', (event) => events.push(event.detail))
  const chips = await until(() => options(comp).length === 4 && options(comp), '四个筛选项')

  chips[2].dispatchEvent('tap')

  await until(() => isActive(options(comp)[2]), '消耗品被选中')
  expect(options(comp).map(isActive)).toEqual([false, false, true, false])
  expect(events).toEqual([{ value: 'consumable' }])

  // Tapping the selected chip again changes nothing and emits nothing.
  options(comp)[2].dispatchEvent('tap')
  await simulate.sleep(30)
  expect(events).toHaveLength(1)
})
