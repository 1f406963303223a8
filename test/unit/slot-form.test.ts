// The merchant's 新增时段 form refuses the next slot as defineSlots would: its fields by the
// action's own slot check, then the batch by the same clock and overlap rule.
import { checkNextSlot, slotPayload, type SlotDraft } from '@/domain/slot-form'

const now = new Date('2026-11-30T02:00:00Z') // 10:00 in China
const slot = (over: Partial<SlotDraft> = {}): SlotDraft => ({
  designer: '王设计',
  date: '2026-12-01',
  time: '10:00',
  minutes: 60,
  ...over,
})

test('a good slot passes, trimmed, and is sent as China time', () => {
  expect(checkNextSlot([], slot({ designer: ' 王设计 ' }), now)).toEqual({ ok: true, data: slot() })
  expect(slotPayload(slot()).startsAt).toBe('2026-12-01T10:00:00+08:00')
})

test.each([
  ['no designer', [], slot({ designer: '  ' }), '请填写设计师'],
  ['a 21-character designer', [], slot({ designer: '王'.repeat(21) }), '设计师不能超过 20 个字'],
  [
    'a slot already begun',
    [],
    slot({ date: '2026-11-30', time: '09:00' }),
    '第 1 个时段的开始时间已经过去',
  ],
  [
    'the same designer twice at once',
    [slot()],
    slot({ time: '10:30' }),
    '第 2 个时段与第 1 个时段是同一设计师，时间重叠',
  ],
] as const)('refuses %s', (_name, pending, next, message) => {
  const checked = checkNextSlot([...pending], next, now)
  expect(checked).toMatchObject({ ok: false, message })
})
