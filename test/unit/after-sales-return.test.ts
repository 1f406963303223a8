// A return after acceptance: when the customer may fill in 寄回信息 and what the pages show of it,
// its check (the ship event's carrier and tracking number rules), and what closing a return
// refunds: the asked amount or the rest, nothing on an unpaid or fully refunded order.
import {
  AFTER_SALES_STATES,
  mayShipToShop,
  requestLines,
  returnRefundText,
} from '@/domain/after-sales'
import { returnRefundFen, returnRefundRequestId } from '@/domain/after-sales-rules'
import { afterSalesShipmentCheck } from '@/domain/after-sales-shipment'
import { merchantApi } from '@/domain/api/merchant'
import { addRefund } from '@/domain/payment'
import { parsePayload } from '@/domain/validate'
import { makeOrder, makeUnpaidOrder, NOW } from './order-factories'

test('寄回信息 may be filled in or changed only while the request is accepted', () => {
  expect(AFTER_SALES_STATES.filter((state) => mayShipToShop({ state }))).toEqual(['accepted'])
})

test('the pages show how the customer sent the item, and a return’s refund with its state', () => {
  const request = {
    kind: 'return' as const,
    reason: '与描述不符' as const,
    note: '',
    alterations: [],
    state: 'accepted' as const,
    plan: { text: '收到后退款', days: 3 },
    declineReason: null,
  }
  expect(requestLines(request).shipment).toBe('')
  expect(
    requestLines({
      ...request,
      customerShipment: { carrier: '中通快递', trackingNo: 'ZT7788990011' },
    }).shipment,
  ).toBe('顾客寄出：中通快递 ZT7788990011')
  expect(returnRefundText({ amountFen: 39900 }, 'succeeded')).toBe('退款 ¥399 · 已退款')
  expect(returnRefundText({ amountFen: 12950 }, 'pending')).toBe('退款 ¥129.50 · 退款中')
  // Decided but not yet on the order (a close being repaired): still on its way.
  expect(returnRefundText({ amountFen: 100 }, null)).toBe('退款 ¥1 · 退款中')
  expect(returnRefundText(null, null)).toBe('')
})

describe('寄回信息 check', () => {
  const ok = { afterSalesId: 'as_1', carrier: '顺丰速运', trackingNo: 'SF2026120177' }
  test.each([
    [ok, true, ''],
    [{ ...ok, carrier: ' 同城闪送 ' }, true, ''],
    [{ ...ok, trackingNo: 'SF 2026 0177' }, false, 'trackingNo'],
    [{ ...ok, trackingNo: 'SF123' }, false, 'trackingNo'],
    [{ ...ok, trackingNo: 'S'.repeat(41) }, false, 'trackingNo'],
    [{ ...ok, carrier: '' }, false, 'carrier'],
    [{ ...ok, carrier: '快'.repeat(21) }, false, 'carrier'],
    [{ ...ok, carrier: undefined }, false, 'carrier'],
    [{ ...ok, afterSalesId: 'as 1' }, false, 'afterSalesId'],
    [{ ...ok, extra: 1 }, false, 'extra'],
  ])('%o → %s', (payload, accepted, field) => {
    const result = parsePayload(afterSalesShipmentCheck, payload)
    expect(result.ok).toBe(accepted)
    if (!result.ok) expect(result.field).toBe(field)
  })

  test('a tracking number is trimmed as the ship event trims it', () => {
    expect(
      parsePayload(afterSalesShipmentCheck, { ...ok, trackingNo: ' SF2026120177 ' }),
    ).toMatchObject({ ok: true, data: { trackingNo: 'SF2026120177' } })
  })
})

describe('what closing a return refunds', () => {
  const paid = makeOrder().payment
  const price = paid.amountFen

  test('the asked amount, at most what is left; without one, the whole rest', () => {
    expect(returnRefundFen({ payment: paid }, 1000)).toEqual({ ok: true, amountFen: 1000 })
    expect(returnRefundFen({ payment: paid }, undefined)).toEqual({ ok: true, amountFen: price })
    expect(returnRefundFen({ payment: paid }, price + 1)).toMatchObject({
      ok: false,
      code: 'REFUND_TOO_MUCH',
    })
    expect(returnRefundFen({ payment: paid }, 0)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  })

  test('after a partial refund, the rest', () => {
    const added = addRefund(
      paid,
      'NO-1',
      { amountFen: 5000, reason: '其他', requestedBy: { role: 'merchant', openid: 'm' } },
      NOW,
    )
    if (!added.ok) throw new Error(added.message)
    expect(returnRefundFen({ payment: added.payment }, undefined)).toEqual({
      ok: true,
      amountFen: price - 5000,
    })
    expect(returnRefundFen({ payment: added.payment }, price - 4999)).toMatchObject({
      code: 'REFUND_TOO_MUCH',
    })
  })

  test('nothing on an unpaid (legacy) or fully refunded order, unless an amount is asked', () => {
    const unpaid = makeUnpaidOrder().payment
    expect(returnRefundFen({ payment: unpaid }, undefined)).toEqual({ ok: true, amountFen: null })
    expect(returnRefundFen({ payment: unpaid }, 100)).toMatchObject({ ok: false, code: 'NOT_PAID' })
    const all = addRefund(
      paid,
      'NO-1',
      { amountFen: price, reason: '其他', requestedBy: { role: 'merchant', openid: 'm' } },
      NOW,
    )
    if (!all.ok) throw new Error(all.message)
    expect(returnRefundFen({ payment: all.payment }, undefined)).toEqual({
      ok: true,
      amountFen: null,
    })
  })

  test('one refund id per return, apart from the merchant’s own ids', () => {
    expect(returnRefundRequestId('as_abc')).toBe('return:as_abc')
    const refund = merchantApi.refundOrder.payload
    expect(
      parsePayload(refund, {
        orderId: 'ord_1',
        amountFen: 100,
        reason: '其他',
        requestId: returnRefundRequestId('as_abc'),
      }),
    ).toMatchObject({ ok: false, field: 'requestId' })
  })

  test('a refund amount is taken only with 完成', () => {
    const decision = merchantApi.decideAfterSales.payload
    expect(
      parsePayload(decision, { afterSalesId: 'as_1', decision: 'close', refundFen: 100 }).ok,
    ).toBe(true)
    expect(
      parsePayload(decision, {
        afterSalesId: 'as_1',
        decision: 'decline',
        reason: '无',
        refundFen: 1,
      }),
    ).toMatchObject({ ok: false, field: 'refundFen' })
    expect(
      parsePayload(decision, { afterSalesId: 'as_1', decision: 'close', refundFen: 1.5 }),
    ).toMatchObject({ ok: false, field: 'refundFen' })
  })
})
