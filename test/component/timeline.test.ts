// The Timeline React component as WeChat runs it: compiled by Taro into a native custom
// component (`npm run build:components`; DIST_ROOT picks another build root), loaded with
// miniprogram-simulate. Props travel through Taro's one `props` property.
import simulate from 'miniprogram-simulate'
import { setupNativeComponent, until } from './native'

type Rendered = ReturnType<typeof simulate.render>
const { mount } = setupNativeComponent('timeline', 'order-timeline')

const entry = (node: string, event: string, at: string, note = '', photos: string[] = []) => ({
  node,
  event,
  at,
  actorRole: 'merchant',
  note,
  photos,
})

/** A submitted order moved by the merchant, with an exception flagged in materials. */
const ENTRIES = [
  entry('submitted', 'submit', '2026-03-01T02:00:00.000Z'),
  entry('confirmed', 'confirm', '2026-03-01T03:30:00.000Z', '已核对尺寸'),
  entry('materials', 'purchase_materials', '2026-03-02T01:00:00.000Z', '', [
    'cloud://prod-7g3k.7072-prod-7g3k-1250000000/order-photos/lq3x9z-0-a1b2c3.jpg',
    // Stored before photos were checked: never fetched by the phone that opens the order.
    'https://evil.example/beacon.png',
  ]),
  entry('materials', 'flag_exception', '2026-03-02T16:10:00.000Z', '面料延迟到货'),
  entry('materials', 'choose_remedy', '2026-03-03T00:00:00.000Z'),
]

const items = (comp: Rendered) => comp.querySelectorAll('.timeline__item') ?? []
const text = (node: { dom: unknown } | undefined) =>
  ((node?.dom as HTMLElement | undefined)?.textContent ?? '').replace(/\s+/g, '')

test('shows the newest entries first in China time, the latest marked current, notes and photos', async () => {
  const { comp } = mount({ entries: ENTRIES.slice(0, 3) })
  const rows = await until(() => items(comp).length === 3 && items(comp), '三条进展')
  expect(rows.map(text)).toEqual([
    '备料中03-0209:00',
    '已确认03-0111:30已核对尺寸',
    '已提交03-0110:00',
  ])
  expect(
    rows.map((row) => (row.dom as HTMLElement).className.includes('timeline__item--current')),
  ).toEqual([true, false, false])
  expect(comp.querySelectorAll('.timeline__photo')).toHaveLength(1)
  expect(comp.querySelector('.timeline__more')).toBeUndefined()
})

test('steps that keep the node get their own title; a long timeline expands on tap', async () => {
  const { comp } = mount({ entries: ENTRIES, collapsedCount: 2 })
  await until(() => items(comp).length === 2, '折叠后两条')
  expect(comp.querySelectorAll('.timeline__title').map(text)).toEqual([
    '已选择处理方式',
    '订单出现异常',
  ])
  const more = comp.querySelector('.timeline__more')!
  expect(text(more)).toBe('查看全部5条进展')

  more.dispatchEvent('tap')

  await until(() => items(comp).length === 5, '展开后五条')
  expect(comp.querySelector('.timeline__more')).toBeUndefined()
})
