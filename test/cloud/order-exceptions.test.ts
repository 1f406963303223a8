// order.act on exceptions: the merchant flags one with offered remedies, the consumer chooses,
// the merchant resolves it, for every remedy type (eta revision, coupon row, cancellation).
import { COLLECTIONS } from '@/domain/names'
import { consumerA, inDays, makeClient, merchant, startOrderCloud } from './order-helpers'

const env = startOrderCloud()
const { act, create, find, auditOf, notificationsOf, snapshot } = makeClient(env)

describe('exceptions and remedies', () => {
  const OFFERED = () => [
    { type: 'wait_new_eta', newEta: inDays(40) },
    { type: 'switch_warehouse' },
    { type: 'coupon', amountFen: 2000 },
    { type: 'cancel' },
  ]

  async function flagged() {
    const order = await create(consumerA)
    await act(merchant, order._id, 'confirm')
    const result = await act(merchant, order._id, 'flag_exception', {
      kind: 'out_of_stock',
      note: '埃及长绒棉缺货',
      offered: OFFERED(),
    })
    expect(result).toMatchObject({
      ok: true,
      data: {
        order: { node: 'confirmed', version: 4, exception: { kind: 'out_of_stock', choice: null } },
      },
    })
    expect(result.data.order.exception.offered).toEqual(OFFERED())
    const queued = await notificationsOf(order._id)
    expect(queued.map((row) => row.purpose).sort()).toEqual([
      'exception_needs_choice',
      'order_confirmed',
      'payment_succeeded',
    ])
    return order
  }

  test('an open exception blocks progress until the consumer chose and the merchant resolved', async () => {
    const order = await flagged()
    const blocked = await act(merchant, order._id, 'purchase_materials')
    expect(blocked).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: '请先处理订单异常',
    })
    const early = await act(merchant, order._id, 'resolve_exception')
    expect(early).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: '顾客尚未选择处理方式',
    })
    const notOffered = await act(consumerA, order._id, 'choose_remedy', { remedy: 'refund' })
    expect(notOffered).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'remedy' })
  })

  test('wait_new_eta: resolving revises the eta', async () => {
    const order = await flagged()
    const chosen = await act(consumerA, order._id, 'choose_remedy', { remedy: 'wait_new_eta' })
    expect(chosen).toMatchObject({
      ok: true,
      data: { order: { version: 5, exception: { choice: { remedy: 'wait_new_eta' } } } },
    })
    const again = await act(consumerA, order._id, 'choose_remedy', { remedy: 'coupon' })
    expect(again).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    const resolved = await act(merchant, order._id, 'resolve_exception')
    expect(resolved).toMatchObject({
      ok: true,
      data: { order: { node: 'confirmed', version: 6, eta: inDays(40), exception: null } },
    })
    expect(resolved.data.order.exceptionHistory).toEqual([
      expect.objectContaining({ kind: 'out_of_stock', resolution: 'wait_new_eta' }),
    ])
    expect(resolved.data.order.etaHistory.at(-1)).toMatchObject({
      eta: inDays(40),
      event: 'resolve_exception',
    })
    expect((await auditOf(order._id)).map((row) => row.event)).toEqual(
      expect.arrayContaining(['confirm', 'flag_exception', 'choose_remedy', 'resolve_exception']),
    )
    expect(await auditOf(order._id)).toHaveLength(5) // with the `pay` row
    expect(await find(COLLECTIONS.coupons, { 'origin.orderId': order._id })).toEqual([])
    // Progress resumes.
    await expect(act(merchant, order._id, 'purchase_materials')).resolves.toMatchObject({
      ok: true,
    })
  })

  test('coupon: resolving issues one coupons row to the owner', async () => {
    const order = await flagged()
    await act(consumerA, order._id, 'choose_remedy', { remedy: 'coupon' })
    const resolved = await act(merchant, order._id, 'resolve_exception')
    expect(resolved).toMatchObject({
      ok: true,
      // The coupon makes up for the delay; the offered new date still applies (issue 14, item 8).
      data: { order: { node: 'confirmed', exception: null, eta: inDays(40) } },
    })
    expect(await find(COLLECTIONS.coupons, { 'origin.orderId': order._id })).toEqual([
      expect.objectContaining({
        ownerOpenid: consumerA,
        amountFen: 2000,
        thresholdFen: 0,
        status: 'issued',
        origin: { kind: 'exception_remedy', orderId: order._id, orderNo: order.orderNo },
      }),
    ])
  })

  test('switch_warehouse: resolving closes the exception and keeps the node', async () => {
    const order = await flagged()
    await act(consumerA, order._id, 'choose_remedy', { remedy: 'switch_warehouse' })
    const resolved = await act(merchant, order._id, 'resolve_exception')
    expect(resolved).toMatchObject({
      ok: true,
      data: { order: { node: 'confirmed', exception: null } },
    })
    expect(resolved.data.order.exceptionHistory[0].resolution).toBe('switch_warehouse')
  })

  test('cancel: resolving cancels the order', async () => {
    const order = await flagged()
    await act(consumerA, order._id, 'choose_remedy', { remedy: 'cancel' })
    const resolved = await act(merchant, order._id, 'resolve_exception')
    expect(resolved).toMatchObject({
      ok: true,
      data: { order: { node: 'cancelled', exception: null } },
    })
    expect(
      (await auditOf(order._id)).find((row) => row.event === 'resolve_exception'),
    ).toMatchObject({
      from: 'confirmed',
      to: 'cancelled',
    })
    expect(await find(COLLECTIONS.coupons, { 'origin.orderId': order._id })).toEqual([])
  })

  test('bad flag_exception input is INVALID_INPUT with its field', async () => {
    const order = await create(consumerA)
    const before = await snapshot()
    const cases: [unknown, string][] = [
      [{ kind: 'delayed', note: '', offered: OFFERED() }, 'note'],
      [{ kind: 'flood', note: '停电', offered: OFFERED() }, 'kind'],
      [{ kind: 'delayed', note: '停电', offered: [] }, 'offered'],
      [
        { kind: 'delayed', note: '停电', offered: [{ type: 'coupon', amountFen: 10_000_000 }] },
        'offered',
      ],
      [
        {
          kind: 'delayed',
          note: '停电',
          offered: [{ type: 'wait_new_eta', newEta: '2000-01-01' }],
        },
        'offered',
      ],
    ]
    for (const [input, field] of cases)
      await expect(act(merchant, order._id, 'flag_exception', input)).resolves.toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        field,
      })
    expect(await snapshot()).toEqual(before)
  })
})
