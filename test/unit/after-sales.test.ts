// After-sales rules: the window from delivery per product kind (repairs without one), one open
// request per order, alterations checked against the ordered sizes and the product's ranges,
// the merchant's decisions as a small state table, and the payload checks.
import {
  AFTER_SALES_DECISIONS,
  AFTER_SALES_STATES,
  alterationText,
  requestLines,
  requestSummary,
} from '@/domain/after-sales'
import {
  afterSalesRefusal,
  checkAlterations,
  decide,
  isOverdue,
  kindsOffered,
} from '@/domain/after-sales-rules'
import { afterSalesRequestCheck, alterationEdits, nextDelta } from '@/domain/after-sales-input'
import type { OrderRecord, TimelineEntry } from '@/domain/order-types'
import { merchantApi } from '@/domain/api/merchant'
import { parsePayload } from '@/domain/validate'
import { makeOrder, NOW, product } from './order-factories'

const DAY = 24 * 3600 * 1000
const at = (days: number) => new Date(NOW.getTime() + days * DAY)
const step = (node: TimelineEntry['node'], when: Date): TimelineEntry => ({
  node,
  event: node === 'delivered' ? 'deliver' : 'complete',
  at: when,
  actorRole: 'merchant',
  note: '',
  photos: [],
})

function delivered(productId = 'prod_shirt', extra: Partial<OrderRecord> = {}): OrderRecord {
  const order = makeOrder({}, productId)
  return {
    ...order,
    node: 'delivered',
    timeline: [...order.timeline, step('delivered', NOW)],
    ...extra,
  }
}

describe('the window', () => {
  test('alteration, remake and return within 15 days of delivery for made-to-order; repair any time', () => {
    const order = delivered()
    expect(kindsOffered(order, at(15))).toEqual(['alteration', 'remake', 'return', 'repair'])
    expect(kindsOffered(order, at(15.01))).toEqual(['repair'])
    expect(afterSalesRefusal(order, 'return', at(16))).toMatchObject({
      code: 'AFTER_SALES_CLOSED',
      message: expect.stringContaining('签收后 15 天'),
    })
  })

  test('consumables have 7 days', () => {
    const order = delivered('prod_filter')
    expect(afterSalesRefusal(order, 'return', at(7))).toBeNull()
    expect(afterSalesRefusal(order, 'return', at(8))?.code).toBe('AFTER_SALES_CLOSED')
  })

  test('completed straight from shipped counts from completion', () => {
    const order = makeOrder({ node: 'completed' })
    const completed = { ...order, timeline: [...order.timeline, step('completed', at(3))] }
    expect(afterSalesRefusal(completed, 'remake', at(18))).toBeNull()
    expect(afterSalesRefusal(completed, 'remake', at(18.5))?.code).toBe('AFTER_SALES_CLOSED')
  })

  test('nothing before delivery, and nothing while a request is open', () => {
    expect(afterSalesRefusal(makeOrder({ node: 'shipped' }), 'repair', NOW)?.code).toBe(
      'INVALID_TRANSITION',
    )
    expect(
      afterSalesRefusal(delivered('prod_shirt', { afterSalesOpen: 'as_1' }), 'repair', NOW)?.code,
    ).toBe('AFTER_SALES_OPEN')
    expect(kindsOffered(delivered('prod_shirt', { afterSalesOpen: 'as_1' }), NOW)).toEqual([])
  })
})

describe('alterations', () => {
  const shirt = product('prod_shirt').measurements
  const ordered = { neck: 39, sleeve: 62 }

  test('a step-multiple change within range is kept with its label and unit', () => {
    expect(checkAlterations([{ measurementId: 'sleeve', delta: -2 }], ordered, shirt)).toEqual({
      ok: true,
      alterations: [{ measurementId: 'sleeve', label: '袖长', unit: 'cm', from: 62, delta: -2 }],
    })
  })

  test.each([
    [[{ measurementId: 'waist', delta: 1 }], '不在这个订单里'],
    [[{ measurementId: 'sleeve', delta: 0 }], '整数倍'],
    [[{ measurementId: 'sleeve', delta: 11 }], '不超过 10cm'],
    [[{ measurementId: 'sleeve', delta: 0.3 }], '0.5cm 的整数倍'],
    [[{ measurementId: 'neck', delta: -10 }], '领围改后为 29cm，超出'],
    [
      [
        { measurementId: 'sleeve', delta: 1 },
        { measurementId: 'sleeve', delta: 2 },
      ],
      '袖长只能填写一次',
    ],
  ])('%j is refused: %s', (asked, message) => {
    const result = checkAlterations(asked, ordered, shirt)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.message).toContain(message)
  })

  test('texts', () => {
    expect(alterationText({ label: '袖长', unit: 'cm', delta: -2 })).toBe('袖长 −2cm')
    expect(alterationText({ label: '衣长', unit: 'cm', delta: 1.5 })).toBe('衣长 +1.5cm')
    expect(
      requestSummary({
        kind: 'alteration',
        reason: '尺寸不合适',
        alterations: [{ measurementId: 'sleeve', label: '袖长', unit: 'cm', from: 62, delta: -2 }],
      }),
    ).toBe('改尺寸 · 袖长 −2cm')
    expect(requestSummary({ kind: 'repair', reason: '使用中损坏', alterations: [] })).toBe(
      '维修 · 使用中损坏',
    )
  })
})

describe('decisions', () => {
  // Every state x decision x kind: a return is never shipped back; an accepted alteration or
  // remake goes through the order's own rework, so neither 寄回 nor 完成 applies to it.
  const KINDS = ['repair', 'return', 'alteration', 'remake'] as const
  const table = AFTER_SALES_STATES.flatMap((state) =>
    AFTER_SALES_DECISIONS.map((decision) => {
      const moves = KINDS.map((kind) => {
        const move = decide({ state, kind }, decision)
        return move.ok ? move.to : 'refused'
      })
      return `${state} ${decision} -> ${moves.join(' / ')}`
    }),
  )
  test('every state x decision (repair / return / alteration / remake)', () => {
    const all = (to: string) => [to, to, to, to].join(' / ')
    expect(table).toEqual([
      `submitted accept -> ${all('accepted')}`,
      `submitted decline -> ${all('declined')}`,
      `submitted ship_back -> ${all('refused')}`,
      `submitted close -> ${all('refused')}`,
      `accepted accept -> ${all('refused')}`,
      `accepted decline -> ${all('refused')}`,
      'accepted ship_back -> shipped_back / refused / refused / refused',
      'accepted close -> closed / closed / refused / refused',
      `shipped_back accept -> ${all('refused')}`,
      `shipped_back decline -> ${all('refused')}`,
      `shipped_back ship_back -> ${all('refused')}`,
      `shipped_back close -> ${all('closed')}`,
      ...['declined', 'withdrawn', 'closed'].flatMap((state) =>
        AFTER_SALES_DECISIONS.map((decision) => `${state} ${decision} -> ${all('refused')}`),
      ),
    ])
  })

  test('overdue: still unanswered past the promise', () => {
    expect(isOverdue({ state: 'submitted', createdAt: NOW }, at(2))).toBe(false)
    expect(isOverdue({ state: 'submitted', createdAt: NOW }, at(2.01))).toBe(true)
    expect(isOverdue({ state: 'accepted', createdAt: NOW }, at(9))).toBe(false)
    expect(isOverdue({ state: 'submitted', createdAt: NOW }, at(1.01), 24)).toBe(true)
  })
})

const afterSalesDecisionCheck = merchantApi.decideAfterSales.payload

describe('payload checks', () => {
  const request = {
    orderId: 'ord_1',
    requestId: 'req_1',
    kind: 'alteration',
    reason: '尺寸不合适',
    alterations: [{ measurementId: 'sleeve', delta: -2 }],
  }
  test('an alteration needs sizes; the other kinds take none', () => {
    expect(parsePayload(afterSalesRequestCheck, request).ok).toBe(true)
    expect(
      parsePayload(afterSalesRequestCheck, { ...request, alterations: undefined }),
    ).toMatchObject({
      ok: false,
      field: 'alterations',
    })
    expect(parsePayload(afterSalesRequestCheck, { ...request, kind: 'remake' })).toMatchObject({
      ok: false,
      message: '只有改尺寸需要填写修改量',
    })
  })

  test('accept needs plan and days, decline a reason, close nothing', () => {
    const decision = { afterSalesId: 'as_1' }
    expect(
      parsePayload(afterSalesDecisionCheck, {
        ...decision,
        decision: 'accept',
        plan: '改短',
        days: 3,
      }).ok,
    ).toBe(true)
    expect(
      parsePayload(afterSalesDecisionCheck, { ...decision, decision: 'accept', plan: '改短' }),
    ).toMatchObject({ ok: false, field: 'days' })
    expect(
      parsePayload(afterSalesDecisionCheck, { ...decision, decision: 'decline' }),
    ).toMatchObject({ ok: false, field: 'reason' })
    expect(parsePayload(afterSalesDecisionCheck, { ...decision, decision: 'close' }).ok).toBe(true)
  })
})

test('what the order page shows of a request in each state', () => {
  const base = {
    kind: 'alteration' as const,
    reason: '尺寸不合适' as const,
    note: '袖子长了',
    alterations: [{ measurementId: 'sleeve', label: '袖长', unit: 'cm', from: 62, delta: -2 }],
    plan: null,
    declineReason: null,
  }
  expect(requestLines({ ...base, state: 'submitted' })).toEqual({
    summary: '改尺寸 · 袖长 −2cm',
    state: '待商家处理',
    detail: '袖子长了',
    shipment: '',
  })
  expect(
    requestLines({ ...base, state: 'accepted', plan: { text: '改短袖长 2cm', days: 3 } }).detail,
  ).toBe('处理方案：改短袖长 2cm，预计 3 天')
  expect(
    requestLines({
      ...base,
      state: 'shipped_back',
      shipping: { carrier: '顺丰速运', trackingNo: 'SF2026120288' },
    }),
  ).toMatchObject({ state: '已寄回', detail: '已寄回：顺丰速运 SF2026120288' })
  expect(requestLines({ ...base, state: 'declined', declineReason: '已超出可改范围' }).detail).toBe(
    '未受理原因：已超出可改范围',
  )
})

test('− / + move a size in its step, never past the range or 10 of its unit', () => {
  const sleeve = {
    measurementId: 'sleeve',
    label: '袖长',
    unit: 'cm',
    step: 0.5,
    min: 50,
    max: 75,
    from: 62,
  }
  expect(nextDelta(sleeve, 0, -1)).toBe(-0.5)
  expect(nextDelta(sleeve, -9.5, -1)).toBe(-10)
  expect(nextDelta(sleeve, -10, -1)).toBe(-10)
  expect(nextDelta({ ...sleeve, from: 74.5 }, 0.5, 1)).toBe(0.5)
  expect(alterationEdits({ sleeve: -2, neck: 0 })).toEqual([{ measurementId: 'sleeve', delta: -2 }])
})
