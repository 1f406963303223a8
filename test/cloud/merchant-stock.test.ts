// Stock through the functions: orders reserve at create time and concurrent orders never
// oversell; cancel releases, shipping a consumable consumes; low stock opens a restock task and
// restocking closes it; a count correction's shortfall is flagged on exactly the affected
// orders in one step.
import { COLLECTIONS } from '@/domain/names'
import { MAX_MATERIALS, type MaterialRecord } from '@/domain/stock'
import { consumerA, consumerB, merchant, payOrder, useDemoCloud } from '../helpers/demo-cloud'
import { ADDRESS, createPayload, curtainSelection, filterSelection, rid } from './order-helpers'
import { merchantClient } from './merchant-helpers'
import { expectStockNeverOversold, materialView } from '../helpers/stock'

const env = useDemoCloud()
const { call, order, find, snapshot } = merchantClient(env)

// Levels as the merchant sees them (merchant.stock), whatever layout stores them.
const materialOf = (id: string) => materialView(env.cloud, id)
const reservationsOf = (materialId: string) => find(COLLECTIONS.stockReservations, { materialId })

async function saveMaterial(payload: object) {
  const result = await call('saveMaterial', payload, merchant)
  expect(result).toMatchObject({ ok: true })
  return result.data.material
}

describe('concurrent orders against scarce stock', () => {
  const ORDERS = 30
  let boxId: string
  let results: { ok: boolean; code?: string; data?: { order: { _id: string } } }[]

  beforeAll(async () => {
    // Each filter order (quantity 2) needs 2 boxes: 7 boxes cover exactly 3 orders.
    const box = await saveMaterial({
      name: '限量礼盒',
      unit: '个',
      safetyLevel: 3,
      quantity: 7,
      usage: [{ productId: 'prod_filter', perUnit: 1 }],
    })
    boxId = box.id
    results = await Promise.all(
      Array.from({ length: ORDERS }, (_, i) =>
        order(
          'create',
          {
            requestId: rid('stock'),
            productId: 'prod_filter',
            selection: filterSelection(),
            address: ADDRESS,
          },
          i % 2 ? consumerA : consumerB,
        ),
      ),
    )
  }, 120_000)

  test('exactly as many succeed as the stock covers; the rest get OUT_OF_STOCK', async () => {
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    const refused = results.filter((r) => !r.ok)
    expect(refused).toHaveLength(ORDERS - 3)
    for (const r of refused) expect(r).toMatchObject({ code: 'OUT_OF_STOCK' })
    expect(await find(COLLECTIONS.orders, { productId: 'prod_filter' })).toHaveLength(3)
  })

  test('reserved never exceeds quantity; one held reservation per placed order', async () => {
    const box = await materialOf(boxId)
    expect(box).toMatchObject({ quantity: 7, reserved: 6 })
    await expectStockNeverOversold(env.cloud)
    const rows = await reservationsOf(boxId)
    expect(rows).toHaveLength(3)
    expect(
      rows.every(
        (r: { status: string; quantity: number }) => r.status === 'held' && r.quantity === 2,
      ),
    ).toBe(true)
    expect(new Set(rows.map((r: { orderId: string }) => r.orderId))).toEqual(
      new Set(results.filter((r) => r.ok).map((r) => r.data!.order._id)),
    )
  })

  test('falling below the safety level opened one restock task', async () => {
    const stock = await call('stock', undefined, merchant)
    const item = stock.data.items.find((m: { id: string }) => m.id === boxId)
    expect(item).toMatchObject({
      quantity: 7,
      reserved: 6,
      available: 1,
      low: true,
      affectedOrders: 0,
    })
    expect(item.usage).toEqual([
      { productId: 'prod_filter', productName: '净水器替换滤芯', perUnit: 1 },
    ])
    const tasks = stock.data.tasks.filter((t: { materialId: string }) => t.materialId === boxId)
    expect(tasks).toEqual([
      expect.objectContaining({ status: 'open', materialName: '限量礼盒', suggestedQuantity: 5 }),
    ])
  })

  test('cancelling releases; shipping a consumable consumes', async () => {
    const [first, second] = results.filter((r) => r.ok).map((r) => r.data!.order._id)
    const owner = async (id: string) =>
      (await find(COLLECTIONS.orders, { _id: id }))[0].ownerOpenid as string
    expect(
      await order('act', { orderId: first, event: 'cancel' }, await owner(first)),
    ).toMatchObject({ ok: true })
    expect(await materialOf(boxId)).toMatchObject({ quantity: 7, reserved: 4 })
    expect((await find(COLLECTIONS.stockReservations, { orderId: first }))[0].status).toBe(
      'released',
    )

    await payOrder(env, second, await owner(second))
    await order('act', { orderId: second, event: 'confirm' }, merchant)
    expect(await materialOf(boxId)).toMatchObject({ quantity: 7, reserved: 4 })
    const shipped = await order(
      'act',
      { orderId: second, event: 'ship', input: { carrier: '顺丰速运', trackingNo: 'SF100200300' } },
      merchant,
    )
    expect(shipped).toMatchObject({ ok: true })
    expect(await materialOf(boxId)).toMatchObject({ quantity: 5, reserved: 2 })
    expect((await find(COLLECTIONS.stockReservations, { orderId: second }))[0].status).toBe(
      'consumed',
    )
    // A repeated cancel of a released order changes nothing.
    await order('act', { orderId: first, event: 'cancel' }, await owner(first))
    expect(await materialOf(boxId)).toMatchObject({ quantity: 5, reserved: 2 })
  })

  test('a freed unit can be ordered again', async () => {
    const again = await order(
      'create',
      {
        requestId: rid('again'),
        productId: 'prod_filter',
        selection: filterSelection(),
        address: ADDRESS,
      },
      consumerA,
    )
    expect(again).toMatchObject({ ok: true })
    expect(await materialOf(boxId)).toMatchObject({ quantity: 5, reserved: 4 })
  })

  test('restocking above the safety level closes the task', async () => {
    const result = await call(
      'adjustStock',
      { materialId: boxId, delta: 10, reason: 'restock' },
      merchant,
    )
    expect(result).toMatchObject({
      ok: true,
      data: { material: { quantity: 15, available: 11, low: false }, task: null, shortfall: 0 },
    })
    // r1 closed when the cancel freed stock back to the safety level, r2 opened on the reorder.
    const tasks = await find(COLLECTIONS.restockTasks, { materialId: boxId })
    expect(tasks.map((t: { _id: string; status: string }) => [t._id, t.status]).sort()).toEqual([
      [`${boxId}-r1`, 'done'],
      [`${boxId}-r2`, 'done'],
    ])
  })
})

describe('adjustments and stock-outs', () => {
  let clothId: string
  const placed: string[] = []

  beforeAll(async () => {
    const cloth = await saveMaterial({
      name: '丝绒遮光布',
      unit: '幅',
      safetyLevel: 0,
      quantity: 10,
      usage: [{ productId: 'prod_curtain', perUnit: 1 }],
    })
    clothId = cloth.id
    for (let i = 0; i < 3; i += 1) {
      const created = await order(
        'create',
        createPayload({ productId: 'prod_curtain', selection: curtainSelection() }),
        consumerA,
      )
      expect(created).toMatchObject({ ok: true })
      placed.push(created.data.order._id)
    }
  })

  test('an adjustment may not cut into reservations (nothing written)', async () => {
    const before = await snapshot()
    const result = await call(
      'adjustStock',
      { materialId: clothId, delta: -9, reason: 'damage' },
      merchant,
    )
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'delta' })
    expect(await snapshot()).toEqual(before)
  })

  test.each([
    [{ materialId: 'mat_nope', delta: 1, reason: 'restock' }, 'NOT_FOUND'],
    [{ materialId: 'mat_shirting', delta: 0, reason: 'restock' }, 'INVALID_INPUT'],
    [{ materialId: 'mat_shirting', delta: 1.5, reason: 'restock' }, 'INVALID_INPUT'],
    [{ materialId: 'mat_shirting', delta: 1, reason: 'gift' }, 'INVALID_INPUT'],
    [{ materialId: 'mat_shirting', delta: 1, reason: 'restock', extra: 1 }, 'INVALID_INPUT'],
  ])('adjustStock %p -> %s, nothing written', async (payload, code) => {
    const before = await snapshot()
    expect(await call('adjustStock', payload, merchant)).toMatchObject({ ok: false, code })
    expect(await snapshot()).toEqual(before)
  })

  test('a count correction reports the shortfall and the affected orders', async () => {
    const result = await call(
      'adjustStock',
      { materialId: clothId, delta: -9, reason: 'count_correction' },
      merchant,
    )
    expect(result).toMatchObject({
      ok: true,
      data: {
        shortfall: 2,
        material: { quantity: 1, reserved: 3, available: -2, affectedOrders: 2 },
      },
    })
  })

  test('flagStockOut flags exactly the orders the stock cannot cover (the newest)', async () => {
    const result = await call(
      'flagStockOut',
      { materialId: clothId, offered: [{ type: 'cancel' }, { type: 'coupon', amountFen: 2000 }] },
      merchant,
    )
    expect(result.data).toMatchObject({ applied: 2, failed: 0 })
    expect(result.data.results.map((r: { orderId: string }) => r.orderId).sort()).toEqual(
      placed.slice(1).sort(),
    )
    const stored = await find(COLLECTIONS.orders, { productId: 'prod_curtain' })
    const flagged = stored.filter((o: { exception: unknown }) => o.exception)
    expect(flagged.map((o: { _id: string }) => o._id).sort()).toEqual(placed.slice(1).sort())
    expect(flagged[0].exception).toMatchObject({
      kind: 'out_of_stock',
      offered: [{ type: 'cancel' }, { type: 'coupon', amountFen: 2000 }],
    })
    const audit = await find(COLLECTIONS.orderAudit, { event: 'flag_exception' })
    expect(audit).toHaveLength(2)
  })

  test('saveMaterial validates products and refuses quantity edits', async () => {
    expect(
      await call(
        'saveMaterial',
        { name: 'x', unit: '个', safetyLevel: 0, usage: [{ productId: 'prod_none', perUnit: 1 }] },
        merchant,
      ),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'usage.0.productId' })
    expect(
      await call(
        'saveMaterial',
        { id: clothId, name: 'x', unit: '个', safetyLevel: 0, quantity: 99, usage: [] },
        merchant,
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'quantity' })
    const renamed = await call(
      'saveMaterial',
      {
        id: clothId,
        name: '丝绒遮光布（新）',
        unit: '幅',
        safetyLevel: 5,
        usage: [{ productId: 'prod_curtain', perUnit: 1 }],
      },
      merchant,
    )
    expect(renamed).toMatchObject({
      ok: true,
      data: { material: { name: '丝绒遮光布（新）', quantity: 1, reserved: 3, low: true } },
    })
  })
})

describe('the material limit', () => {
  test(`a material past ${MAX_MATERIALS} is refused and nothing is written; editing still works`, async () => {
    const kept = (await find(COLLECTIONS.materials)) as MaterialRecord[]
    const template = kept[0]
    await env.cloud.store.insertMany(
      COLLECTIONS.materials,
      Array.from({ length: MAX_MATERIALS - kept.length }, (_, i) => ({
        ...template,
        _id: `mat_limit_${i}`,
        name: `备用辅料 ${i}`,
        usage: [],
        productIds: [],
      })),
    )
    const before = await snapshot()
    const refused = await call(
      'saveMaterial',
      { name: '新面料', unit: '米', safetyLevel: 0, quantity: 10, usage: [] },
      merchant,
    )
    expect(refused).toMatchObject({ ok: false, code: 'MATERIAL_LIMIT' })
    expect(refused.message).toContain(`${MAX_MATERIALS} 种材料`)
    expect(await snapshot()).toEqual(before)
    // Every material, the last by name too, is on the stock page.
    const listed = (await call('stock', undefined, merchant)).data.items
    expect(listed).toHaveLength(MAX_MATERIALS)
    expect(
      await saveMaterial({
        id: 'mat_limit_0',
        name: '备用辅料（改）',
        unit: '米',
        safetyLevel: 0,
        usage: [],
      }),
    ).toMatchObject({ name: '备用辅料（改）' })
  })
})
