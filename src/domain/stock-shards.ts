// Material stock in shards (issue 21): a launch-day burst on one product must not make every
// order write the same material document. A material's spare units are handed out to
// MATERIAL_SHARDS shard documents; an order takes its units from its function instance's shard
// (cloud/shard-affinity.ts), so orders placed at once write different documents. The material
// document keeps `allotted`, the units it handed out, and stays the home of on-hand quantity.
// Invariants, kept by every write:
//   allotted = the sum over the material's shards of (spare + reserved);
//   every shard's spare ≥ 0 and reserved ≥ 0;
//   the document's own spare (quantity − reserved − allotted) ≥ 0, except after a stock-count
//   correction (a shortfall, as without shards).
// Hence the reserved units of the document and all its shards never exceed the quantity: nothing
// is oversold. The order timer spreads spare evenly while there is plenty and gathers it back
// into the document when little is left, so the last units are never stranded in one shard.
import type { MaterialRecord, ShardTake, StockLine } from './stock'

export const MATERIAL_SHARDS = 32
/** Below this many spare units per shard, spreading would strand units: keep them together. */
export const MIN_SPARE_PER_SHARD = 4

export interface MaterialShard {
  _id: string
  materialId: string
  shard: number
  spare: number
  reserved: number
  updatedAt: Date
}

export const materialShardId = (materialId: string, shard: number): string =>
  `${materialId}-s${shard}`

export const SHARD_NUMBERS = Array.from({ length: MATERIAL_SHARDS }, (_, shard) => shard)

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

/** Spare units the material document holds itself (not handed to shards). */
export const ownSpare = (m: MaterialRecord): number => m.quantity - m.reserved - (m.allotted ?? 0)

/** Whether the material's spare has been spread (only then do its shards hold anything). */
export const isSpread = (m: Pick<MaterialRecord, 'allotted'>): boolean => (m.allotted ?? 0) > 0

/**
 * The material as its views and rules see it: reservations held in shards count as reserved.
 * `shards` must be all of them (missing ones hold nothing).
 */
export function withShards(m: MaterialRecord, shards: readonly MaterialShard[]): MaterialRecord {
  return { ...m, reserved: m.reserved + sum(shards.map((s) => s.reserved)) }
}

export function emptyShard(materialId: string, shard: number, now: Date): MaterialShard {
  return {
    _id: materialShardId(materialId, shard),
    materialId,
    shard,
    spare: 0,
    reserved: 0,
    updatedAt: now,
  }
}

/** Where an order's units come from; the rest of `quantity` comes from the document. */
export interface TakePlan {
  fromDocument: number
  shards: ShardTake[]
}

/** From one shard when it covers the whole amount. */
export function takeFromShard(shard: MaterialShard | null, amount: number): TakePlan | null {
  return shard && shard.spare >= amount
    ? { fromDocument: 0, shards: [{ shard: shard.shard, quantity: amount }] }
    : null
}

/**
 * From the document's own spare first, then the shards from `start` on (each order starts at
 * its own, so orders gathering at once mostly take from different shards); null if short.
 */
export function gatherTake(
  m: MaterialRecord,
  shards: readonly MaterialShard[],
  amount: number,
  start = 0,
): TakePlan | null {
  const fromDocument = Math.min(amount, Math.max(0, ownSpare(m)))
  let left = amount - fromDocument
  const taken: ShardTake[] = []
  const distance = (s: MaterialShard) => (s.shard - start + MATERIAL_SHARDS) % MATERIAL_SHARDS
  for (const shard of [...shards].sort((a, b) => distance(a) - distance(b))) {
    if (left === 0) break
    if (shard.spare <= 0) continue
    const quantity = Math.min(left, shard.spare)
    taken.push({ shard: shard.shard, quantity })
    left -= quantity
  }
  return left === 0 ? { fromDocument, shards: taken } : null
}

export const shardUnits = (line: Pick<StockLine, 'shards'>): number =>
  sum((line.shards ?? []).map((take) => take.quantity))

/** A shard after an order took `quantity` from it (its spare becomes reserved). */
export const takeShard = (s: MaterialShard, quantity: number, now: Date): MaterialShard => ({
  ...s,
  spare: s.spare - quantity,
  reserved: s.reserved + quantity,
  updatedAt: now,
})

/** A shard after an order's units left the shelf (consume) or came back (release). */
export function settleShard(
  s: MaterialShard,
  quantity: number,
  step: 'consume' | 'release',
  now: Date,
): MaterialShard {
  const back = Math.min(quantity, s.reserved)
  return {
    ...s,
    reserved: s.reserved - back,
    spare: step === 'release' ? s.spare + back : s.spare,
    updatedAt: now,
  }
}

/**
 * The document and every shard after spreading: all spare split evenly over the shards (the
 * remainder stays on the document), or, when there is too little to split, gathered into the
 * document. Reservations stay where they are; `allotted` follows.
 */
export function spreadStock(
  m: MaterialRecord,
  shards: readonly MaterialShard[],
  now: Date,
): { material: MaterialRecord; shards: MaterialShard[] } {
  const byNumber = new Map(shards.map((s) => [s.shard, s]))
  const all = SHARD_NUMBERS.map((n) => byNumber.get(n) ?? emptyShard(m._id, n, now))
  const spare = ownSpare(m) + sum(all.map((s) => s.spare))
  const each =
    spare >= MATERIAL_SHARDS * MIN_SPARE_PER_SHARD ? Math.floor(spare / MATERIAL_SHARDS) : 0
  const next = all.map((s) => (s.spare === each ? s : { ...s, spare: each, updatedAt: now }))
  const allotted = sum(next.map((s) => s.spare + s.reserved))
  return { material: { ...m, allotted, updatedAt: now }, shards: next }
}

/** Whether spreading would help: a shard ran low, spare piled up on the document, or it ran out. */
export function needsSpread(m: MaterialRecord, shards: readonly MaterialShard[]): boolean {
  const target = spreadStock(m, shards, new Date(0))
  const each = target.shards[0].spare
  const spares = new Map(shards.map((s) => [s.shard, s.spare]))
  if (each === 0) return target.shards.some((s) => (spares.get(s.shard) ?? 0) > 0)
  // The remainder of an even split (under MATERIAL_SHARDS) stays on the document.
  return (
    ownSpare(m) > each + MATERIAL_SHARDS ||
    SHARD_NUMBERS.some((n) => (spares.get(n) ?? 0) < Math.ceil(each / 2))
  )
}

/**
 * The document after an order's held line is consumed (the units leave the shelf: on-hand goes
 * down with what was reserved) or released. Units held in shards are settled on the shards
 * (stock-shards.ts); here they only leave `allotted` when consumed. Never below zero.
 */
export function settleMaterial(
  m: MaterialRecord,
  line: StockLine,
  step: 'consume' | 'release',
  now: Date,
): MaterialRecord {
  const inShards = shardUnits(line)
  const released = {
    ...m,
    reserved: Math.max(0, m.reserved - (line.quantity - inShards)),
    updatedAt: now,
  }
  if (step === 'release') return released
  return {
    ...released,
    quantity: Math.max(0, m.quantity - line.quantity),
    ...(inShards > 0 && { allotted: Math.max(0, (m.allotted ?? 0) - inShards) }),
  }
}
