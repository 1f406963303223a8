// Stock writes inside order transactions (rules in src/domain/stock.ts, shards in
// src/domain/stock-shards.ts). A transaction can read documents but not run queries, so the
// materials a product uses are looked up before it (an indexed query on productIds) and re-read
// by id inside it; what an order holds, and in which shards, is stored on the order (`stock`), so
// transitions need no query at all. Each transaction reads what it needs before its first write
// (see prepareReservation and prepareStockSettlement).
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { fail, ok, type Result } from '../domain/result'
import {
  newRestockTask,
  reservationIdOf,
  restockStep,
  stockStepFor,
  type MaterialRecord,
  type StockLine,
  type StockReservation,
} from '../domain/stock'
import {
  gatherTake,
  isSpread,
  ownSpare,
  SHARD_NUMBERS,
  materialShardId,
  settleMaterial,
  settleShard,
  shardUnits,
  takeFromShard,
  takeShard,
  withShards,
  type MaterialShard,
  type TakePlan,
} from '../domain/stock-shards'
import { command, db, readDoc, readList, withoutId, type Transaction } from './database'

export const materials = () => db.collection(COLLECTIONS.materials)
export const reservations = () => db.collection(COLLECTIONS.stockReservations)
export const restockTasks = () => db.collection(COLLECTIONS.restockTasks)
const materialShards = () => db.collection(COLLECTIONS.materialShards)

/** A product uses a handful of materials; more than this is a data error, not a catalogue. */
const MATERIALS_PER_PRODUCT = 20
/** Materials whose shards one query reads: a function's query returns at most 100 documents. */
const MATERIALS_PER_SHARD_QUERY = Math.floor(100 / SHARD_NUMBERS.length)

/** An order as stored, with what it holds (absent on orders placed before stock existed). */
export type StockedOrder = OrderRecord & { stock?: StockLine[] }

/** Outside the transaction: the materials the product uses (stockNeeds says how much). */
export function materialsOf(productId: string): Promise<MaterialRecord[]> {
  return readList<MaterialRecord>(
    materials().where({ productIds: productId }).limit(MATERIALS_PER_PRODUCT),
  )
}

/** Outside a transaction: the shards of these materials (only spread ones have any). */
export async function shardsOf(
  list: readonly MaterialRecord[],
): Promise<Map<string, MaterialShard[]>> {
  const ids = list.filter(isSpread).map((m) => m._id)
  const chunks = Array.from({ length: Math.ceil(ids.length / MATERIALS_PER_SHARD_QUERY) }, (_, i) =>
    ids.slice(i * MATERIALS_PER_SHARD_QUERY, (i + 1) * MATERIALS_PER_SHARD_QUERY),
  )
  const read = await Promise.all(
    chunks.map((chunk) =>
      readList<MaterialShard>(
        materialShards()
          .where({ materialId: command.in(chunk) })
          .limit(chunk.length * SHARD_NUMBERS.length),
      ),
    ),
  )
  const byMaterial = new Map<string, MaterialShard[]>()
  for (const shard of read.flat())
    byMaterial.set(shard.materialId, [...(byMaterial.get(shard.materialId) ?? []), shard])
  return byMaterial
}

/** Outside a transaction: the materials as their views see them (shards' reservations counted). */
export async function withTheirShards(list: MaterialRecord[]): Promise<MaterialRecord[]> {
  const shards = await shardsOf(list)
  return list.map((m) => withShards(m, shards.get(m._id) ?? []))
}

const shardRef = (transaction: Transaction, materialId: string, shard: number) =>
  transaction.collection(COLLECTIONS.materialShards).doc(materialShardId(materialId, shard))
const materialRef = (transaction: Transaction, materialId: string) =>
  transaction.collection(COLLECTIONS.materials).doc(materialId)

/**
 * Inside a transaction: a material and, when it was spread, all its shards (one never spread has
 * none holding anything, so they are not read).
 */
export async function readStock(
  transaction: Transaction,
  materialId: string,
): Promise<{ material: MaterialRecord | null; shards: MaterialShard[] }> {
  const material = await readDoc<MaterialRecord>(materialRef(transaction, materialId))
  if (!material || !isSpread(material)) return { material, shards: [] }
  const shards = await Promise.all(
    SHARD_NUMBERS.map((n) => readDoc<MaterialShard>(shardRef(transaction, materialId, n))),
  )
  return { material, shards: shards.filter((s): s is MaterialShard => s !== null) }
}

/**
 * Writes shards as given (whole documents: each was read in this transaction), all at once in
 * the order given (lock-order.ts).
 */
export async function writeShards(transaction: Transaction, shards: readonly MaterialShard[]) {
  await Promise.all(
    shards.map((shard) =>
      transaction
        .collection(COLLECTIONS.materialShards)
        .doc(shard._id)
        .set({ data: withoutId(shard) }),
    ),
  )
}

/** The writes of a reservation: the order's own rows, and the stock other orders share. */
export interface ReservationWrites {
  /** The order's stock lines, with the shards their units came from (stored on the order). */
  lines: StockLine[]
  /** The shard asked for could not cover a line, or could not cover it once more. */
  shardShort: boolean
  rows: (order: { _id: string; orderNo: string }) => Promise<void>
  materials: () => Promise<void>
}

interface LineTake {
  line: StockLine
  plan: TakePlan
  /** Read when the plan takes from the document (then written), or all shards were read. */
  material: MaterialRecord | null
  /** The shards read: those the plan takes from, or all of them. */
  shards: MaterialShard[]
  allShardsRead: boolean
}

/**
 * Where one line's units come from. A spread material (as read before the transaction): the
 * order's own shard; any other: the document. If that does not cover it, the document and
 * every shard. A plain string is the material's name when even that falls short.
 */
async function planLine(
  transaction: Transaction,
  line: StockLine,
  spread: boolean,
  shard: number,
): Promise<LineTake | string> {
  if (spread) {
    const read = await readDoc<MaterialShard>(shardRef(transaction, line.materialId, shard))
    const plan = takeFromShard(read, line.quantity)
    if (plan && read) return { line, plan, material: null, shards: [read], allShardsRead: false }
  } else {
    const material = await readDoc<MaterialRecord>(materialRef(transaction, line.materialId))
    if (!material) return '材料'
    if (ownSpare(material) >= line.quantity) {
      const plan = { fromDocument: line.quantity, shards: [] }
      return { line, plan, material, shards: [], allShardsRead: false }
    }
    // Never spread: no shard holds anything.
    if (!isSpread(material)) return material.name
  }
  const { material, shards } = await readStock(transaction, line.materialId)
  if (!material) return '材料'
  const plan = gatherTake(material, shards, line.quantity, shard)
  return plan ? { line, plan, material, shards, allShardsRead: true } : material.name
}

/**
 * Inside the order transaction, before anything is written: finds where each line's units come
 * from (see planLine; `shard` is the one tried first) and returns the writes to run once the
 * order is built, or OUT_OF_STOCK (nothing written).
 */
export async function prepareReservation(
  transaction: Transaction,
  lines: StockLine[],
  now: Date,
  take: { shard: number; known: readonly MaterialRecord[] },
): Promise<Result<ReservationWrites>> {
  const spread = new Set(take.known.filter(isSpread).map((m) => m._id))
  const { shard } = take
  const planned = await Promise.all(
    lines.map((line) => planLine(transaction, line, spread.has(line.materialId), shard)),
  )
  const short = planned.find((p): p is string => typeof p === 'string')
  if (short !== undefined) return fail('OUT_OF_STOCK', `「${short}」库存不足，暂时无法下单`)
  const takes = planned as LineTake[]
  return ok({
    lines: takes.map(({ line, plan }) =>
      plan.shards.length ? { ...line, shards: plan.shards } : line,
    ),
    shardShort: takes.some(
      ({ line, shards, allShardsRead }) =>
        spread.has(line.materialId) && (allShardsRead || shards[0].spare < 2 * line.quantity),
    ),
    // Rows named after the order: no other transaction writes them, so all at once.
    rows: async (order) => {
      await Promise.all(
        lines.map((line) => {
          const row: Omit<StockReservation, '_id'> = {
            orderId: order._id,
            orderNo: order.orderNo,
            materialId: line.materialId,
            quantity: line.quantity,
            status: 'held',
            createdAt: now,
            updatedAt: now,
          }
          return transaction
            .collection(COLLECTIONS.stockReservations)
            .doc(reservationIdOf(order._id, line.materialId))
            .set({ data: row })
        }),
      )
    },
    // Stock other orders share: all at once, in the same order by every order (lock-order.ts).
    materials: async () => {
      await Promise.all(
        takes.flatMap(({ plan, material, shards, allShardsRead }) => {
          const byNumber = new Map(shards.map((s) => [s.shard, s]))
          const taken = plan.shards
            .map((t) => takeShard(byNumber.get(t.shard)!, t.quantity, now))
            .sort((a, b) => a.shard - b.shard) // the lock order every writer of shards keeps
          const writes = [writeShards(transaction, taken)]
          if (!material || plan.fromDocument === 0) return writes
          const reserved = {
            ...material,
            reserved: material.reserved + plan.fromDocument,
            updatedAt: now,
          }
          const after = new Map([...byNumber, ...taken.map((s) => [s.shard, s] as const)])
          const all = allShardsRead ? [...after.values()] : undefined
          return [...writes, writeMaterial(transaction, reserved, now, all)]
        }),
      )
    },
  })
}

/**
 * Inside applyOrderEvent, before any write: reads what the order holds (its rows, the shards
 * they came from, and the material when its document changes) and returns the writes that
 * consume or release it. Reading everything first matters: several orders share this stock,
 * so a write may conflict with another order's transaction, and a read after a conflicted write
 * fails with a code the SDK does not keep (see inTransaction).
 */
export async function prepareStockSettlement(
  transaction: Transaction,
  before: StockedOrder,
  after: OrderRecord,
  now: Date,
): Promise<(() => Promise<void>) | null> {
  const step = before.node === after.node ? null : stockStepFor(after.node)
  if (!step || !before.stock?.length) return null
  const held = await Promise.all(
    before.stock.map(async (line) => {
      const ref = transaction
        .collection(COLLECTIONS.stockReservations)
        .doc(reservationIdOf(before._id, line.materialId))
      // A release of units held only in shards leaves the document alone.
      const touchesDocument = step === 'consume' || line.quantity > shardUnits(line)
      const [row, material, ...shards] = await Promise.all([
        readDoc<StockReservation>(ref),
        touchesDocument ? readDoc<MaterialRecord>(materialRef(transaction, line.materialId)) : null,
        ...(line.shards ?? []).map((t) =>
          readDoc<MaterialShard>(shardRef(transaction, line.materialId, t.shard)),
        ),
      ])
      return { line, ref, row, material, shards }
    }),
  )
  return async () => {
    // All at once, in the order placing uses: stock other orders share (lock-order.ts).
    const status = step === 'consume' ? 'consumed' : 'released'
    await Promise.all(
      held.flatMap(({ line, ref, row, material, shards }) => {
        if (!row || row.status !== 'held') return []
        const settled = (line.shards ?? []).flatMap((t, i) => {
          const shard = shards[i]
          return shard ? [settleShard(shard, t.quantity, step, now)] : []
        })
        return [
          ref.update({ data: { status, updatedAt: now } }),
          writeShards(transaction, settled),
          material && writeMaterial(transaction, settleMaterial(material, line, step, now), now),
        ]
      }),
    )
  }
}

/**
 * Writes a material and opens or closes its restock task as its level requires. The level
 * counts what its shards hold, so it is decided only when they were all read (`shards`), or
 * when the material was never spread; otherwise the order timer decides (spreadMaterials).
 */
export async function writeMaterial(
  transaction: Transaction,
  material: MaterialRecord,
  now: Date,
  shards?: readonly MaterialShard[],
): Promise<MaterialRecord> {
  const whole = shards ? withShards(material, shards) : isSpread(material) ? null : material
  const step = whole ? restockStep(whole) : null
  const tasks = transaction.collection(COLLECTIONS.restockTasks)
  let next = material
  let taskWrite: unknown = null
  if (step === 'open' && whole) {
    const { _id, ...fields } = newRestockTask(whole, now)
    taskWrite = tasks.doc(_id).set({ data: fields })
    next = { ...material, openTaskId: _id, taskSeq: material.taskSeq + 1 }
  } else if (step === 'close' && material.openTaskId) {
    taskWrite = tasks.doc(material.openTaskId).update({ data: { status: 'done', doneAt: now } })
    next = { ...material, openTaskId: null }
  }
  const { _id, ...fields } = next
  await Promise.all([
    taskWrite,
    transaction.collection(COLLECTIONS.materials).doc(_id).set({ data: fields }),
  ])
  return next
}
