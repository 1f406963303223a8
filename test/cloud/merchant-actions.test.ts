// merchant.actMany (each order validated and audited on its own, partial failures reported),
// batches (list, close below the minimum, cancel), merchant accounts, and the extended
// order.board (search by order number or phone tail, filters, exceptions first).
import { COLLECTIONS } from '@/domain/names'
import { consumerA, consumerB, merchant, payOrder, useDemoCloud } from '../helpers/demo-cloud'
import { ADDRESS, createPayload, linenSelection, shirtSelection } from './order-helpers'
import { merchantClient } from './merchant-helpers'
import { materialView } from '../helpers/stock'

const env = useDemoCloud()
const { call, order, find, snapshot } = merchantClient(env)

async function place(openid: string, overrides: Record<string, unknown> = {}) {
  const result = await order('create', createPayload(overrides), openid)
  if (!result.ok) throw new Error(JSON.stringify(result))
  await payOrder(env, result.data.order._id, openid)
  return result.data.order as { _id: string; orderNo: string }
}

describe('actMany', () => {
  test('a mix of valid and invalid orders: each reported, only the valid ones written', async () => {
    const [a, b, c] = [await place(consumerA), await place(consumerB), await place(consumerA)]
    await order('act', { orderId: b._id, event: 'confirm' }, merchant)
    const auditBefore = (await find(COLLECTIONS.orderAudit)).length
    const result = await call(
      'actMany',
      {
        orderIds: [a._id, b._id, 'ord_missing', c._id],
        event: 'confirm',
        input: { note: '批量确认' },
      },
      merchant,
    )
    expect(result).toMatchObject({ ok: true, data: { applied: 2, failed: 2 } })
    expect(result.data.results).toEqual([
      { orderId: a._id, orderNo: a.orderNo, ok: true },
      {
        orderId: b._id,
        orderNo: b.orderNo,
        ok: false,
        code: 'INVALID_TRANSITION',
        message: expect.any(String),
      },
      {
        orderId: 'ord_missing',
        orderNo: null,
        ok: false,
        code: 'NOT_FOUND',
        message: expect.any(String),
      },
      { orderId: c._id, orderNo: c.orderNo, ok: true },
    ])
    const audit = await find(COLLECTIONS.orderAudit)
    expect(audit).toHaveLength(auditBefore + 2)
    const confirms = audit.filter(
      (row: { event: string; note: string }) => row.event === 'confirm' && row.note === '批量确认',
    )
    expect(confirms.map((row: { orderId: string }) => row.orderId).sort()).toEqual(
      [a._id, c._id].sort(),
    )
    for (const id of [a._id, b._id, c._id])
      expect((await find(COLLECTIONS.orders, { _id: id }))[0].node).toBe('confirmed')
  })

  test('an event merchants may not fire fails per order with FORBIDDEN', async () => {
    const a = await place(consumerA)
    const result = await call(
      'actMany',
      { orderIds: [a._id], event: 'choose_remedy', input: { remedy: 'cancel' } },
      merchant,
    )
    expect(result.data).toMatchObject({
      applied: 0,
      failed: 1,
      results: [{ ok: false, code: 'FORBIDDEN' }],
    })
  })

  test('a bad input fails each order on its own (ship without tracking number)', async () => {
    const a = await place(consumerA, {
      productId: 'prod_filter',
      selection: {
        options: { model: ['ro'] },
        measurements: {},
        texts: {},
        quantity: 1,
        urgent: false,
      },
    })
    await order('act', { orderId: a._id, event: 'confirm' }, merchant)
    const result = await call(
      'actMany',
      { orderIds: [a._id], event: 'ship', input: { carrier: '顺丰速运' } },
      merchant,
    )
    expect(result.data.results[0]).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  test.each([
    [{ orderIds: [], event: 'confirm' }],
    [{ orderIds: ['ord_a', 'ord_a'], event: 'confirm' }],
    [{ orderIds: Array.from({ length: 51 }, (_, i) => `ord_${i}`), event: 'confirm' }],
    [{ orderIds: ['ord_a'], event: 'explode' }],
    [{ orderIds: ['ord_a'], event: 'confirm', extra: true }],
  ])('malformed %#: INVALID_INPUT, nothing written', async (payload) => {
    const before = await snapshot()
    expect(await call('actMany', payload, merchant)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
    expect(await snapshot()).toEqual(before)
  })
})

describe('batches', () => {
  const linen = (quantity: number) => ({
    productId: 'prod_linen_batch',
    selection: linenSelection(quantity),
  })
  let first: { _id: string }[]

  test('the collecting batch with its progress and orders', async () => {
    first = [await place(consumerA, linen(3)), await place(consumerB, linen(4))]
    const result = await call('batches', {}, merchant)
    expect(result.data.items).toEqual([
      expect.objectContaining({
        batchId: 'prod_linen_batch-b1',
        productName: '亚麻四件套 · 预售拼单',
        status: 'collecting',
        quantity: 7,
        minQuantity: 20,
        remaining: 13,
        reached: false,
        orders: [
          expect.objectContaining({ orderId: first[0]._id, quantity: 3, node: 'submitted' }),
          expect.objectContaining({ orderId: first[1]._id, quantity: 4, node: 'submitted' }),
        ],
      }),
    ])
    expect(result.data.nextCursor).toBeNull()
  })

  test('closeBatch starts production below the minimum; new orders join the next batch', async () => {
    const result = await call('closeBatch', { batchId: 'prod_linen_batch-b1' }, merchant)
    expect(result).toMatchObject({
      ok: true,
      data: { batch: { status: 'reached', reached: true, quantity: 7 } },
    })
    expect(result.data.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true])
    // Closed, each order is asked for its 尾款; paid, it goes into production.
    for (const o of first)
      expect((await find(COLLECTIONS.orders, { _id: o._id }))[0]).toMatchObject({
        node: 'submitted',
        balance: { state: 'unpaid' },
      })
    await payOrder(env, first[0]._id, consumerA)
    await payOrder(env, first[1]._id, consumerB)
    for (const o of first)
      expect((await find(COLLECTIONS.orders, { _id: o._id }))[0].node).toBe('production')
    const audit = await find(COLLECTIONS.orderAudit, { event: 'batch_reached' })
    expect(audit.map((a: { actorRole: string }) => a.actorRole)).toEqual([
      'merchant',
      'merchant',
      'system',
      'system',
    ])
    // Entering production consumed their 7 units × 6 m of linen.
    expect(await materialView(env.cloud, 'mat_linen')).toMatchObject({
      quantity: 20000 - 42,
      reserved: 0,
    })
    const next = await place(consumerA, linen(2))
    expect((await find(COLLECTIONS.orders, { _id: next._id }))[0].batchId).toBe(
      'prod_linen_batch-b2',
    )
  })

  test('an ended batch cannot be closed or cancelled again', async () => {
    const before = await snapshot()
    expect(await call('closeBatch', { batchId: 'prod_linen_batch-b1' }, merchant)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    })
    expect(
      await call('cancelBatch', { batchId: 'prod_linen_batch-b1', note: '取消' }, merchant),
    ).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    expect(await call('closeBatch', { batchId: 'prod_nothing-b1' }, merchant)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    expect(await snapshot()).toEqual(before)
  })

  test('cancelBatch cancels every order in it and releases their stock', async () => {
    const linenBefore = await materialView(env.cloud, 'mat_linen')
    const extra = await place(consumerB, linen(1))
    const result = await call(
      'cancelBatch',
      { batchId: 'prod_linen_batch-b2', note: '面料断供' },
      merchant,
    )
    expect(result).toMatchObject({
      ok: true,
      data: { batch: { status: 'cancelled', quantity: 0 } },
    })
    expect(result.data.results).toHaveLength(2)
    const orders = await find(COLLECTIONS.orders, { batchId: 'prod_linen_batch-b2' })
    expect(orders.map((o: { node: string }) => o.node)).toEqual(['cancelled', 'cancelled'])
    expect(orders.map((o: { _id: string }) => o._id)).toContain(extra._id)
    const linenAfter = await materialView(env.cloud, 'mat_linen')
    // Both orders' holds (2 + 1 units × 6 m) are released; nothing left the shelf.
    expect(linenBefore.reserved).toBe(12)
    expect(linenAfter).toMatchObject({ reserved: 0, quantity: linenBefore.quantity })
    const listed = await call('batches', {}, merchant)
    expect(listed.data.items[0]).toMatchObject({ batchId: 'prod_linen_batch-b3', quantity: 0 })
  })
})

describe('order.board', () => {
  let urgent: { _id: string; orderNo: string }
  let other: { _id: string; orderNo: string }
  let flagged: { _id: string; orderNo: string }
  beforeAll(async () => {
    urgent = await place(consumerA, {
      selection: shirtSelection({ urgent: true }),
      address: { ...ADDRESS, phone: '13900001111' },
    })
    other = await place(consumerB, { address: { ...ADDRESS, phone: '13900002222' } })
    flagged = await place(consumerB, { address: { ...ADDRESS, phone: '13900003333' } })
    await order(
      'act',
      {
        orderId: flagged._id,
        event: 'flag_exception',
        input: { kind: 'delayed', note: '面料延迟到货', offered: [{ type: 'cancel' }] },
      },
      merchant,
    )
  })

  test('search by phone tail finds that customer’s orders with the phone masked', async () => {
    const result = await order('board', { search: '2222' }, merchant)
    expect(result.data.items.map((o: { _id: string }) => o._id)).toEqual([other._id])
    expect(result.data.items[0].address.phone).toBe('139****2222')
  })

  test('search by order number', async () => {
    const result = await order('board', { search: urgent.orderNo.toLowerCase() }, merchant)
    expect(result.data.items.map((o: { _id: string }) => o._id)).toEqual([urgent._id])
  })

  test('an unusable search is refused with a hint', async () => {
    expect(await order('board', { search: '22' }, merchant)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'search',
    })
  })

  test('urgent and product filters', async () => {
    const urgentOnly = await order(
      'board',
      { node: 'submitted', urgent: true, productId: 'prod_shirt' },
      merchant,
    )
    expect(urgentOnly.data.items.map((o: { _id: string }) => o._id)).toEqual([urgent._id])
    const curtains = await order(
      'board',
      { node: 'submitted', productId: 'prod_curtain' },
      merchant,
    )
    expect(curtains.data.items).toEqual([])
  })

  test('an open exception comes first; counts and totals', async () => {
    const result = await order('board', { node: 'submitted', productId: 'prod_shirt' }, merchant)
    expect(result.data.items[0]._id).toBe(flagged._id)
    expect(result.data.items.filter((o: { _id: string }) => o._id === flagged._id)).toHaveLength(1)
    expect(result.data.exceptions).toBe(1)
    const submitted = await find(COLLECTIONS.orders, { node: 'submitted' })
    expect(result.data.counts.submitted).toBe(submitted.length)
  })
})

describe('merchant accounts', () => {
  test('lists accounts masked, marks the caller', async () => {
    const result = await call('merchants', undefined, merchant)
    expect(result.data.items).toEqual([
      expect.objectContaining({
        openid: 'o_de****hant',
        name: '商家 · 青木工坊',
        self: true,
        ref: expect.any(String),
      }),
    ])
  })

  test('the last merchant cannot remove themselves', async () => {
    expect(await call('removeMerchant', { openid: merchant }, merchant)).toMatchObject({
      ok: false,
      code: 'LAST_MERCHANT',
    })
  })

  test('add, act as the new merchant, remove by ref', async () => {
    const newcomer = 'o_new_merchant_01'
    expect(
      await call('addMerchant', { openid: newcomer, name: '店长小王' }, merchant),
    ).toMatchObject({ ok: true })
    expect(
      await call('addMerchant', { openid: newcomer, name: '店长小王' }, merchant),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(await call('stock', undefined, newcomer)).toMatchObject({ ok: true })
    expect(await call('removeMerchant', { openid: newcomer }, newcomer)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
    const listed = await call('merchants', undefined, merchant)
    expect(listed.data.items).toHaveLength(2)
    const ref = listed.data.items.find((m: { self: boolean }) => !m.self).ref
    expect(await call('removeMerchant', { ref }, merchant)).toMatchObject({ ok: true })
    expect(await call('stock', undefined, newcomer)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await find(COLLECTIONS.merchants)).toHaveLength(1)
  })
})
