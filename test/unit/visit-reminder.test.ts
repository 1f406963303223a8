// The 预约提醒 of a scheduled visit (issue 18): due on the China day before, keyed by the window so
// reruns add nothing and a reschedule gets its own, and formatted within the template's limits.
import { formatTemplateData } from '@/domain/message-format'
import { templateOf } from '@/domain/message-templates'
import { outboxIdOf } from '@/domain/message-drafts'
import {
  remindsNow,
  staleReminderId,
  visitReminderDraft,
  visitReminderKeyOf,
  type VisitReminderSource,
} from '@/domain/visit-reminder'
import type { VisitNode } from '@/domain/visit-types'

const china = (at: string) => new Date(`${at}:00+08:00`)
const visit = (start: string, node: VisitNode = 'scheduled'): VisitReminderSource => ({
  _id: 'visit_1',
  kind: 'installing',
  orderId: 'ord_1',
  ownerOpenid: 'o_buyer',
  window: { start: china(start), end: new Date(china(start).getTime() + 2 * 3600_000) },
  node,
})

test.each([
  // now (China), window start (China), reminded?
  ['2026-12-01T20:00', '2026-12-02T09:00', true],
  ['2026-12-01T00:00', '2026-12-02T23:30', true],
  ['2026-12-01T23:59', '2026-12-02T00:00', true],
  ['2026-12-01T20:00', '2026-12-01T22:00', false],
  ['2026-12-01T20:00', '2026-12-03T00:00', false],
  // 07:00 China is the previous UTC day: the China day decides.
  ['2026-12-01T07:00', '2026-12-02T07:30', true],
])('at %s a visit starting %s is reminded: %s', (now, start, expected) => {
  expect(remindsNow(visit(start), china(now))).toBe(expected)
})

test.each(['requested', 'on_the_way', 'cancelled', 'missed'] as VisitNode[])(
  'a %s visit is not reminded',
  (node) => {
    expect(remindsNow(visit('2026-12-02T09:00', node), china('2026-12-01T20:00'))).toBe(false)
  },
)

test('the key names the window: the same visit moved to another time gets a new reminder', () => {
  const first = visitReminderKeyOf(visit('2026-12-02T09:00'))
  expect(visitReminderKeyOf(visit('2026-12-02T09:00'))).toBe(first)
  expect(visitReminderKeyOf(visit('2026-12-03T14:00'))).not.toBe(first)
})

test('the draft opens the order and formats within appointment_reminder’s fields', () => {
  const draft = visitReminderDraft(visit('2026-12-02T09:00'), {
    productName: '全遮光定制窗帘（客厅，三米二宽，双层纱帘）',
    staffName: '张师傅',
  })
  expect(draft).toMatchObject({
    purpose: 'appointment_reminder',
    toOpenid: 'o_buyer',
    page: 'pages/order/index?id=ord_1',
  })
  const formatted = formatTemplateData(templateOf('appointment_reminder'), draft.values)
  expect(formatted).toEqual({
    ok: true,
    data: {
      thing1: { value: '上门安装 · 全遮光定制窗帘（客厅，三…' },
      time2: { value: '2026年12月2日 09:00' },
      thing3: { value: '明天张师傅上门，请留人在家' },
    },
  })
})

describe('staleReminderId: which queued 预约提醒 a change makes wrong', () => {
  const before = { ...visit('2026-12-02T09:00'), staffName: '张师傅' }
  const queued = outboxIdOf(visitReminderKeyOf(before))
  const now = china('2026-12-01T21:00')
  test.each([
    ['moved to another time', { window: visit('2026-12-02T14:00').window }, queued],
    ['given to another person', { staffName: '李师傅' }, queued],
    ['cancelled', { node: 'cancelled' as VisitNode }, queued],
    ['set out for', { node: 'on_the_way' as VisitNode }, queued],
    ['left as it was (a rating, a rejected move)', {}, null],
  ])('%s', (_, change, expected) => {
    expect(staleReminderId(before, { ...before, ...change }, now)).toBe(expected)
  })

  test('none can be queued yet two days ahead, nor for a visit not scheduled', () => {
    const moved = { ...before, node: 'cancelled' as VisitNode }
    expect(staleReminderId(before, moved, china('2026-11-30T21:00'))).toBeNull()
    const requested = { ...before, node: 'requested' as VisitNode }
    expect(staleReminderId(requested, moved, now)).toBeNull()
  })

  test('on the visit day a reminder held over from the evening before is still withdrawn', () => {
    const moved = { ...before, node: 'cancelled' as VisitNode }
    expect(staleReminderId(before, moved, china('2026-12-02T07:00'))).toBe(queued)
  })
})
