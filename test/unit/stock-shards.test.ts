// Sharded stock (src/domain/stock-shards.ts): taking, settling, spreading and gathering keep the
// invariants stated at the top of that file, so reserved units never exceed the quantity.
import type { MaterialRecord, StockLine } from '@/domain/stock'
import {
  gatherTake,
  MATERIAL_SHARDS,
  needsSpread,
  ownSpare,
  settleMaterial,
  settleShard,
  spreadStock,
  takeFromShard,
  takeShard,
  withShards,
  type MaterialShard,
} from '@/domain/stock-shards'

import { materialAt } from '../helpers/material'

const NOW = new Date('2026-12-02T02:00:00Z')
const material = (over: Partial<MaterialRecord> = {}) =>
  materialAt(NOW)({ quantity: 1000, safetyLevel: 10, ...over })
const total = (values: number[]) => values.reduce((a, b) => a + b, 0)

function expectInvariants(m: MaterialRecord, shards: MaterialShard[]) {
  expect(m.allotted ?? 0).toBe(total(shards.map((s) => s.spare + s.reserved)))
  for (const s of shards) {
    expect(s.spare).toBeGreaterThanOrEqual(0)
    expect(s.reserved).toBeGreaterThanOrEqual(0)
  }
  expect(ownSpare(m)).toBeGreaterThanOrEqual(0)
  expect(withShards(m, shards).reserved).toBeLessThanOrEqual(m.quantity)
}

test('spreading splits the spare evenly, the remainder stays on the document', () => {
  const { material: m, shards } = spreadStock(material({ quantity: 1000, reserved: 30 }), [], NOW)
  expect(shards).toHaveLength(MATERIAL_SHARDS)
  expect(new Set(shards.map((s) => s.spare))).toEqual(new Set([Math.floor(970 / MATERIAL_SHARDS)]))
  expect(ownSpare(m)).toBe(970 % MATERIAL_SHARDS)
  expectInvariants(m, shards)
  expect(needsSpread(m, shards)).toBe(false)
})

test('too little to split is gathered back into the document', () => {
  const spread = spreadStock(material({ quantity: 1000 }), [], NOW)
  // Orders leave 2 spare units in each shard.
  let shards = spread.shards.map((s) => takeShard(s, s.spare - 2, NOW))
  expect(needsSpread(spread.material, shards)).toBe(true)
  const gathered = spreadStock(spread.material, shards, NOW)
  shards = gathered.shards
  expect(shards.every((s) => s.spare === 0)).toBe(true)
  expect(ownSpare(gathered.material)).toBe(2 * MATERIAL_SHARDS + (1000 % MATERIAL_SHARDS))
  expectInvariants(gathered.material, shards)
  expect(needsSpread(gathered.material, shards)).toBe(false)
})

test('an order takes from one shard that covers it, else gathers from the document and shards', () => {
  const shard = { _id: 's', materialId: 'mat_a', shard: 3, spare: 5, reserved: 0, updatedAt: NOW }
  expect(takeFromShard(shard, 5)).toEqual({ fromDocument: 0, shards: [{ shard: 3, quantity: 5 }] })
  expect(takeFromShard(shard, 6)).toBeNull()
  expect(takeFromShard(null, 1)).toBeNull()
  const m = material({ quantity: 20, allotted: 12 }) // 8 of its own
  const shards = [
    { ...shard, shard: 0, spare: 4 },
    { ...shard, shard: 1, spare: 8 },
  ]
  expect(gatherTake(m, shards, 15)).toEqual({
    fromDocument: 8,
    shards: [
      { shard: 0, quantity: 4 },
      { shard: 1, quantity: 3 },
    ],
  })
  expect(gatherTake(m, shards, 15, 1)).toEqual({
    fromDocument: 8,
    shards: [{ shard: 1, quantity: 7 }],
  })
  expect(gatherTake(m, shards, 20, 1)).toEqual({
    fromDocument: 8,
    shards: [
      { shard: 1, quantity: 8 },
      { shard: 0, quantity: 4 },
    ],
  })
  expect(gatherTake(m, shards, 21)).toBeNull()
})

test('random takes, consumes, releases and spreads keep every invariant and never oversell', () => {
  let seed = 7
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  let m = material({ quantity: 400 })
  let shards: MaterialShard[] = []
  const held: StockLine[] = []
  let refused = 0
  for (let step = 0; step < 1000; step += 1) {
    const roll = random(10)
    if (roll < 6) {
      const amount = 1 + random(9)
      const one = shards.find((s) => s.shard === random(MATERIAL_SHARDS)) ?? null
      const plan = takeFromShard(one, amount) ?? gatherTake(m, shards, amount)
      if (!plan) {
        refused += 1
        expect(ownSpare(m) + total(shards.map((s) => s.spare))).toBeLessThan(amount)
        continue
      }
      shards = shards.map((s) => {
        const take = plan.shards.find((t) => t.shard === s.shard)
        return take ? takeShard(s, take.quantity, NOW) : s
      })
      m = { ...m, reserved: m.reserved + plan.fromDocument }
      held.push({ materialId: m._id, quantity: amount, shards: plan.shards })
    } else if (roll < 9 && held.length) {
      const [line] = held.splice(random(held.length), 1)
      const step2 = roll === 8 ? 'consume' : 'release'
      shards = shards.map((s) => {
        const take = line.shards?.find((t) => t.shard === s.shard)
        return take ? settleShard(s, take.quantity, step2, NOW) : s
      })
      m = settleMaterial(m, line, step2, NOW)
    } else {
      const spread = spreadStock(m, shards, NOW)
      m = spread.material
      shards = spread.shards
    }
    if (step % 500 === 499) m = { ...m, quantity: m.quantity + 200 } // a restock
    expectInvariants(m, shards)
    expect(withShards(m, shards).reserved).toBe(total(held.map((line) => line.quantity)))
  }
  expect(refused).toBeGreaterThan(0)
})
