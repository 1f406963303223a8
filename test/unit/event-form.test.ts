// The merchant's event form is checked by the event's own server check: what it refuses, and the
// message and field, are order.act's; what it sends is exactly the event's payload.
import { checkEventForm, type EventFormFields } from '@/domain/event-form'
import { eventInputChecks, NOTE_MAX, TRACKING_NO_MAX } from '@/domain/order-input'

const today = '2026-11-30'
const ctx = { order: { quote: { priceFen: 39_900 }, exception: null }, today }
const blank: EventFormFields = {
  note: '',
  photos: [],
  carrier: '',
  trackingNo: '',
  eta: '2026-12-07',
  kind: 'delayed',
  remedies: ['wait_new_eta'],
  couponYuan: '20',
}

test.each([
  ['ship', 'carrier', '请填写快递公司', { carrier: ' ', trackingNo: 'SF1234567' }],
  [
    'ship',
    'trackingNo',
    `快递单号应为 6 到 ${TRACKING_NO_MAX} 位字母或数字`,
    { carrier: '顺丰速运', trackingNo: 'SF12' },
  ],
  ['set_eta', 'note', '请填写调整原因', { note: '  ' }],
  ['set_eta', 'eta', '预计完成日期不能早于今天', { note: '排期', eta: '2026-11-29' }],
  ['flag_exception', 'note', '请说明异常情况', { note: '' }],
  ['flag_exception', 'offered', '请提供 1 到 4 种处理方式', { note: '面料缺货', remedies: [] }],
  [
    'flag_exception',
    'offered',
    '补偿券金额应在 1 分到订单金额之间',
    { note: '面料缺货', remedies: ['coupon'], couponYuan: '400' },
  ],
  [
    'flag_exception',
    'offered',
    '补偿券金额应在 1 分到订单金额之间',
    { note: '面料缺货', remedies: ['coupon'], couponYuan: '' },
  ],
  ['confirm', 'note', `备注不能超过 ${NOTE_MAX} 个字`, { note: '长'.repeat(NOTE_MAX + 1) }],
] as const)('%s is refused at %s: %s', (event, path, message, fields) => {
  expect(checkEventForm(event, { ...blank, ...fields }, ctx)).toEqual({ ok: false, path, message })
})

test('what passes is the payload order.act is sent, and the server check accepts it', () => {
  const ship = checkEventForm(
    'ship',
    { ...blank, carrier: ' 顺丰速运 ', trackingNo: 'SF1234567' },
    ctx,
  )
  expect(ship).toEqual({ ok: true, value: { carrier: '顺丰速运', trackingNo: 'SF1234567' } })

  const flagged = checkEventForm(
    'flag_exception',
    { ...blank, note: '面料缺货', remedies: ['coupon', 'wait_new_eta'], couponYuan: '12.5' },
    ctx,
  )
  expect(flagged).toEqual({
    ok: true,
    value: {
      note: '面料缺货',
      kind: 'delayed',
      // In the order of REMEDY_TYPES, whatever order they were ticked in; yuan sent as fen.
      offered: [
        { type: 'wait_new_eta', newEta: '2026-12-07' },
        { type: 'coupon', amountFen: 1250 },
      ],
    },
  })
  const photos = { role: 'merchant', scope: { env: 'prod-7g3k' } } as const
  if (flagged.ok)
    expect(eventInputChecks({ ...ctx, photos }).flag_exception(flagged.value, '').ok).toBe(true)

  expect(checkEventForm('set_eta', { ...blank, note: ' 面料换批次 ' }, ctx)).toEqual({
    ok: true,
    value: { note: '面料换批次', eta: '2026-12-07' },
  })
})
