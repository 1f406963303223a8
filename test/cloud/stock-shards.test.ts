// Sharded stock through the functions (src/domain/stock-shards.ts): a restock spreads the spare
// over the shards; an order then writes one shard and never the material document; cancelling
// gives the units back to that shard, shipping takes them off the shelf; an order larger than any
// shard gathers; the last units are sold exactly, never more; the timer gathers what is left.
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { MATERIAL_SHARDS } from '@/domain/stock-shards'
import { consumerA, merchant, payOrder, useDemoCloud } from '../helpers/demo-cloud'
import { ADDRESS, createPayload, filterSelection, rid, type Envelope } from './order-helpers'
import { expectStockNeverOversold } from '../helpers/stock'
import { merchantClient } from './merchant-helpers'

const env = useDemoCloud()
const { call, order, find } = merchantClient(env)

type Shard = { shard: number; spare: number; reserved: number }
const materialOf = async (id: string) => (await find(COLLECTIONS.materials, { _id: id }))[0]
const shardsOf = async (id: string): Promise<Shard[]> =>
  (await find(COLLECTIONS.materialShards, { materialId: id })).sort(
    (a: Shard, b: Shard) => a.shard - b.shard,
  )
const viewOf = async (id: string) =>
  (await call('stock', undefined, merchant)).data.items.find((m: { id: string }) => m.id === id)

/** A new material used by the filter (one unit each), restocked to `quantity`: spread. */
async function restockedBox(name: string, quantity: number): Promise<string> {
  const saved = await call(
    'saveMaterial',
    {
      name,
      unit: '个',
      safetyLevel: 3,
      quantity: 0,
      usage: [{ productId: 'prod_filter', perUnit: 1 }],
    },
    merchant,
  )
  expect(saved).toMatchObject({ ok: true })
  const restocked = await call(
    'adjustStock',
    { materialId: saved.data.material.id, delta: quantity, reason: 'restock' },
    merchant,
  )
  expect(restocked).toMatchObject({ ok: true, data: { material: { quantity, reserved: 0 } } })
  return saved.data.material.id
}

const filterOrder = (owner: string, quantity = 2) =>
  order(
    'create',
    {
      requestId: rid('shard'),
      productId: 'prod_filter',
      selection: { ...filterSelection(), quantity },
      address: ADDRESS,
    },
    owner,
  )

test('an order of a spread material makes as many round trips as one of an unspread material', async () => {
  const counted = async (owner: string) => {
    const payload = {
      requestId: rid('trips'),
      productId: 'prod_filter',
      selection: filterSelection(),
      address: ADDRESS,
    }
    const { result, roundTrips, criticalPath } = await env.cloud.invokeCounted(
      FUNCTIONS.order,
      { action: 'create', payload },
      owner,
    )
    expect(result).toMatchObject({ ok: true })
    return { roundTrips, criticalPath }
  }
  await counted('o_shard_trips_warm')
  const unspread = await counted('o_shard_trips_1')
  expect(await materialOf('mat_filter_core')).not.toHaveProperty('allotted')
  const restocked = await call(
    'adjustStock',
    { materialId: 'mat_filter_core', delta: 100, reason: 'restock' },
    merchant,
  )
  expect(restocked).toMatchObject({ ok: true })
  expect((await materialOf('mat_filter_core')).allotted).toBeGreaterThan(0)
  expect(await counted('o_shard_trips_2')).toEqual(unspread)
})

test('an order writes one shard, never the material; cancel gives back, shipping consumes', async () => {
  const units = 10 * MATERIAL_SHARDS
  const box = await restockedBox('首发礼盒', units)
  expect((await shardsOf(box)).map((s) => [s.spare, s.reserved])).toEqual(
    Array.from({ length: MATERIAL_SHARDS }, () => [10, 0]),
  )
  const stored = await materialOf(box)
  expect(stored).toMatchObject({ quantity: units, reserved: 0, allotted: units })

  const placed = await filterOrder(consumerA)
  expect(placed).toMatchObject({ ok: true })
  const orderId = placed.data.order._id
  expect(await materialOf(box)).toEqual(stored)
  const taken = (await shardsOf(box)).filter((s) => s.spare !== 10)
  expect(taken).toEqual([expect.objectContaining({ spare: 8, reserved: 2 })])
  const [saved] = await find(COLLECTIONS.orders, { _id: orderId })
  expect(saved.stock).toContainEqual({
    materialId: box,
    quantity: 2,
    shards: [{ shard: taken[0].shard, quantity: 2 }],
  })
  expect(await viewOf(box)).toMatchObject({ quantity: units, reserved: 2, available: units - 2 })

  expect(await order('act', { orderId, event: 'cancel' }, consumerA)).toMatchObject({ ok: true })
  expect(await materialOf(box)).toEqual(stored)
  expect((await shardsOf(box)).every((s) => s.spare === 10 && s.reserved === 0)).toBe(true)

  const second = (await filterOrder(consumerA)).data.order._id
  await payOrder(env, second, consumerA)
  await order('act', { orderId: second, event: 'confirm' }, merchant)
  const shipped = await order(
    'act',
    { orderId: second, event: 'ship', input: { carrier: '顺丰速运', trackingNo: 'SF100200301' } },
    merchant,
  )
  expect(shipped).toMatchObject({ ok: true })
  const left = units - 2
  expect(await materialOf(box)).toMatchObject({ quantity: left, reserved: 0, allotted: left })
  expect((await shardsOf(box)).filter((s) => s.spare !== 10)).toEqual([
    expect.objectContaining({ spare: 8, reserved: 0 }),
  ])
  expect(await viewOf(box)).toMatchObject({ quantity: left, reserved: 0, available: left })
})

test('one instance takes order after order from one shard, and moves on once it runs short', async () => {
  const box = await restockedBox('常备礼盒', 10 * MATERIAL_SHARDS)
  const shardOfOrder = async (placed: Envelope) => {
    const [saved] = await find(COLLECTIONS.orders, { _id: placed.data!.order._id })
    return saved.stock.find((line: { materialId: string }) => line.materialId === box).shards[0]
      .shard
  }
  // One after another, so one function instance places them all (the local cloud's idle one).
  const used: number[] = []
  for (let i = 0; i < 5; i += 1)
    used.push(await shardOfOrder(await filterOrder(`o_shard_keep_${i}`)))
  // 10 spare: 8, 6, 4, then 2 left is short of another order of 2, so the fifth goes elsewhere.
  expect(used.slice(0, 4)).toEqual(Array(4).fill(used[0]))
  expect(used[4]).not.toBe(used[0])
  const held = (await shardsOf(box)).filter((s) => s.reserved > 0)
  expect(held.map((s) => [s.shard, s.spare, s.reserved])).toEqual(
    expect.arrayContaining([
      [used[0], 2, 8],
      [used[4], 8, 2],
    ]),
  )
  await expectStockNeverOversold(env.cloud)
})

test('orders larger than any shard gather; the last units sell exactly; the timer gathers', async () => {
  const units = 5 * MATERIAL_SHARDS // 5 in each shard; orders of 8 gather
  const box = await restockedBox('限量礼盒', units)
  const results = await Promise.all(
    Array.from({ length: units / 8 + 2 }, (_, i) => filterOrder(`o_shard_gather_${i}`, 8)),
  )
  const placed = results.filter((r) => r.ok)
  expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(['OUT_OF_STOCK', 'OUT_OF_STOCK'])
  expect(placed).toHaveLength(units / 8)
  expect(await viewOf(box)).toMatchObject({ quantity: units, reserved: units, available: 0 })
  const shards = await shardsOf(box)
  expect(shards.every((s) => s.spare === 0)).toBe(true)

  // Two orders cancelled: 16 spare units, too few to spread; the timer gathers them.
  for (const r of placed.slice(0, 2)) {
    const owner = (await find(COLLECTIONS.orders, { _id: r.data.order._id }))[0].ownerOpenid
    await order('act', { orderId: r.data.order._id, event: 'cancel' }, owner)
  }
  expect(await env.cloud.fireTimer(FUNCTIONS.order)).toMatchObject({ ok: true })
  expect((await shardsOf(box)).every((s) => s.spare === 0)).toBe(true)
  const material = await materialOf(box)
  expect(material.quantity - material.reserved - material.allotted).toBe(16)
  expect(await viewOf(box)).toMatchObject({ reserved: units - 16, available: 16 })
  expect(await filterOrder('o_shard_gather_last', 8)).toMatchObject({ ok: true })
  expect(await filterOrder('o_shard_gather_last2', 8)).toMatchObject({ ok: true })
  expect(await filterOrder('o_shard_gather_last3', 8)).toMatchObject({ code: 'OUT_OF_STOCK' })
  expect(await viewOf(box)).toMatchObject({ reserved: units, available: 0 })
}, 180_000)

test('the stock view counts the shards of every spread material, however many', async () => {
  // The timer spreads every demo material: more shards than one query returns.
  expect(await env.cloud.fireTimer(FUNCTIONS.order)).toMatchObject({ ok: true })
  const spread = (await find(COLLECTIONS.materials)).filter((m) => m.allotted > 0)
  expect(spread.length * MATERIAL_SHARDS).toBeGreaterThan(100)
  expect(await order('create', createPayload(), 'o_shard_view')).toMatchObject({ ok: true })
  await expectStockNeverOversold(env.cloud)
})
