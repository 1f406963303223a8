// 售后进度通知: the draft a shop's answer queues (accepted with plan and days, declined with the
// reason, closed) and what WeChat receives once formatted: every field inside its type's limit,
// the tap opening the order, one key per request and state.
import type { AfterSalesRecord } from '@/domain/after-sales'
import { AFTER_SALES_DONE_TEXT, afterSalesMessageDraft } from '@/domain/after-sales-message'
import { formatTemplateData, LIMITS } from '@/domain/message-format'
import { templateOf } from '@/domain/message-templates'

const SUBMITTED_AT = new Date('2026-11-20T02:00:00.000Z')
const ANSWERED_AT = new Date('2026-11-21T06:30:00.000Z') // 14:30 China time

function makeRequest(overrides: Partial<AfterSalesRecord> = {}): AfterSalesRecord {
  return {
    _id: 'as_1',
    orderId: 'ord_1',
    orderNo: '20261101-0001',
    ownerOpenid: 'o_customer',
    productName: '量体定制衬衫',
    kind: 'alteration',
    reason: '尺寸不合适',
    note: '袖子长了',
    alterations: [{ measurementId: 'sleeve', label: '袖长', unit: 'cm', from: 62, delta: -2 }],
    state: 'submitted',
    plan: null,
    declineReason: null,
    steps: [{ state: 'submitted', at: SUBMITTED_AT, actorRole: 'consumer', text: '袖子长了' }],
    createdAt: SUBMITTED_AT,
    updatedAt: SUBMITTED_AT,
    ...overrides,
  }
}

const merchantStep = (state: AfterSalesRecord['state'], text: string) => ({
  state,
  at: ANSWERED_AT,
  actorRole: 'merchant' as const,
  text,
})

const accepted = (text = '改短袖长 2cm', days = 3) =>
  makeRequest({
    state: 'accepted',
    plan: { text, days },
    steps: [...makeRequest().steps, merchantStep('accepted', `${text}，预计 ${days} 天`)],
  })

/** What WeChat would receive for this request's draft. */
function sent(request: AfterSalesRecord) {
  const draft = afterSalesMessageDraft(request, ANSWERED_AT)
  if (!draft) throw new Error('no draft')
  const formatted = formatTemplateData(templateOf(draft.purpose), draft.values)
  if (!formatted.ok) throw new Error(formatted.reason)
  return { draft, data: formatted.data }
}

test('accepted: the plan and its days, for the order page', () => {
  const { draft, data } = sent(accepted())
  expect(draft).toMatchObject({
    purpose: 'after_sales_update',
    toOpenid: 'o_customer',
    key: 'after_sales:as_1:accepted',
    page: 'pages/order/index?id=ord_1',
    values: { orderId: 'ord_1', orderNo: '20261101-0001' },
  })
  expect(data).toEqual({
    character_string1: { value: '20261101-0001' },
    thing2: { value: '改尺寸 · 袖长 −2cm' },
    phrase3: { value: '已受理' },
    thing4: { value: '预计 3 天：改短袖长 2cm' },
    time5: { value: '2026年11月21日 14:30' },
  })
})

test('declined: the reason; closed: what was done, or that it is done', () => {
  const declined = makeRequest({
    kind: 'return',
    alterations: [],
    state: 'declined',
    declineReason: '商品已使用，不支持退货',
  })
  expect(sent(declined).data).toMatchObject({
    thing2: { value: '退货退款 · 尺寸不合适' },
    phrase3: { value: '未受理' },
    thing4: { value: '商品已使用，不支持退货' },
  })
  expect(sent(declined).draft.key).toBe('after_sales:as_1:declined')

  const closing = accepted()
  const closed = (text: string): AfterSalesRecord => ({
    ...closing,
    state: 'closed',
    steps: [...closing.steps, merchantStep('closed', text)],
  })
  expect(sent(closed('已改好寄回')).data).toMatchObject({
    phrase3: { value: '已完成' },
    thing4: { value: '已改好寄回' },
  })
  expect(sent(closed('')).data.thing4).toEqual({ value: AFTER_SALES_DONE_TEXT })
  expect(sent(closed('')).draft.key).toBe('after_sales:as_1:closed')
})

test('shipped back: the carrier and tracking number', () => {
  const shipped: AfterSalesRecord = {
    ...accepted(),
    state: 'shipped_back',
    shipping: { carrier: '顺丰速运', trackingNo: 'SF2026120288' },
  }
  expect(sent(shipped).data).toMatchObject({
    phrase3: { value: '已寄回' },
    thing4: { value: '顺丰速运 SF2026120288' },
  })
  expect(sent(shipped).draft.key).toBe('after_sales:as_1:shipped_back')
})

test('long texts are cut to WeChat’s limits; a long plan keeps its days', () => {
  const plan = '拆开袖口重新裁剪袖长并更换同色袖扣，熨烫后顺丰寄回'
  const longAlterations = makeRequest().alterations.concat(
    { measurementId: 'neck', label: '领围', unit: 'cm', from: 39, delta: 1 },
    { measurementId: 'chest', label: '胸围', unit: 'cm', from: 96, delta: -2 },
  )
  const { data } = sent({ ...accepted(plan, 12), alterations: longAlterations })
  for (const key of ['thing2', 'thing4'] as const)
    expect(Array.from(data[key].value).length).toBeLessThanOrEqual(LIMITS.thing)
  expect(data.thing4.value).toMatch(/^预计 12 天：拆开袖口.*…$/)
  expect(data.thing2.value).toBe('改尺寸 · 袖长 −2cm，领围 +1…')
  expect(Array.from(data.phrase3.value).length).toBeLessThanOrEqual(LIMITS.phrase)
})

test('a request not answered by the shop has no message', () => {
  expect(afterSalesMessageDraft(makeRequest(), ANSWERED_AT)).toBeNull()
  expect(afterSalesMessageDraft(makeRequest({ state: 'withdrawn' }), ANSWERED_AT)).toBeNull()
})
