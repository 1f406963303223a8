// Stock writes inside order transactions (rules in src/domain/stock.ts). A transaction can read
// documents but not run queries, so the materials a product uses are looked up before it
// (an indexed query on productIds) and re-read by id inside it; what an order holds is stored
// on the order (`stock`), so transitions need no query at all. Each transaction reads what it
// needs before its first write (see prepareReservation and prepareStockSettlement).
import { COLLECTIONS } from '../domain/names'
import type { OrderRecord } from '../domain/order-types'
import { fail, ok, type Result } from '../domain/result'
import {
  consume,
  newRestockTask,
  release,
  reservationIdOf,
  reserve,
  restockStep,
  stockStepFor,
  type MaterialRecord,
  type StockLine,
  type StockReservation,
} from '../domain/stock'
import { db, readDoc, readList, type Transaction } from './database'

export const materials = () => db.collection(COLLECTIONS.materials)
export const reservations = () => db.collection(COLLECTIONS.stockReservations)
export const restockTasks = () => db.collection(COLLECTIONS.restockTasks)

/** A product uses a handful of materials; more than this is a data error, not a catalogue. */
const MATERIALS_PER_PRODUCT = 20

/** An order as stored, with what it holds (absent on orders placed before stock existed). */
export type StockedOrder = OrderRecord & { stock?: StockLine[] }

/** Outside the transaction: the materials the product uses (stockNeeds says how much). */
export function materialsOf(productId: string): Promise<MaterialRecord[]> {
  return readList<MaterialRecord>(
    materials().where({ productIds: productId }).limit(MATERIALS_PER_PRODUCT),
  )
}

/** The writes of a reservation: the order's own rows, and the materials other orders share. */
export interface ReservationWrites {
  rows: (order: { _id: string; orderNo: string }) => Promise<void>
  materials: () => Promise<void>
}

/**
 * Inside the order transaction, before anything is written: re-reads each material (together)
 * and checks it still covers the need. Returns the writes to run once the order is built, or
 * OUT_OF_STOCK (nothing written).
 */
export async function prepareReservation(
  transaction: Transaction,
  lines: StockLine[],
  now: Date,
): Promise<Result<ReservationWrites>> {
  const current = await Promise.all(
    lines.map((line) =>
      readDoc<MaterialRecord>(transaction.collection(COLLECTIONS.materials).doc(line.materialId)),
    ),
  )
  const next: MaterialRecord[] = []
  for (const [index, line] of lines.entries()) {
    const reserved = current[index] ? reserve(current[index], line.quantity, now) : null
    if (!reserved)
      return fail('OUT_OF_STOCK', `「${current[index]?.name ?? '材料'}」库存不足，暂时无法下单`)
    next.push(reserved)
  }
  return ok({
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
    // One after another: materials other orders share, written in the same order by every order.
    materials: async () => {
      for (const material of next) await writeMaterial(transaction, material, now)
    },
  })
}

/**
 * Inside applyOrderEvent, before any write: reads what the order holds and returns the writes
 * that consume or release it. Reading everything first matters: several orders share a
 * material, so its write may conflict with another order's transaction, and a read after a
 * conflicted write fails with a code the SDK does not keep (see inTransaction).
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
      const [row, material] = await Promise.all([
        readDoc<StockReservation>(ref),
        readDoc<MaterialRecord>(transaction.collection(COLLECTIONS.materials).doc(line.materialId)),
      ])
      return { ref, row, material }
    }),
  )
  return async () => {
    // One after another, as placing does: materials other orders share.
    for (const { ref, row, material } of held) {
      if (!row || row.status !== 'held') continue
      const status = step === 'consume' ? 'consumed' : 'released'
      await ref.update({ data: { status, updatedAt: now } })
      if (!material) continue
      const changed =
        step === 'consume'
          ? consume(material, row.quantity, now)
          : release(material, row.quantity, now)
      await writeMaterial(transaction, changed, now)
    }
  }
}

/** Writes a material and opens or closes its restock task as its level requires. */
export async function writeMaterial(
  transaction: Transaction,
  material: MaterialRecord,
  now: Date,
): Promise<MaterialRecord> {
  const step = restockStep(material)
  let next = material
  if (step === 'open') {
    const task = newRestockTask(material, now)
    const { _id, ...fields } = task
    await transaction.collection(COLLECTIONS.restockTasks).doc(_id).set({ data: fields })
    next = { ...material, openTaskId: _id, taskSeq: material.taskSeq + 1 }
  } else if (step === 'close' && material.openTaskId) {
    await transaction
      .collection(COLLECTIONS.restockTasks)
      .doc(material.openTaskId)
      .update({ data: { status: 'done', doneAt: now } })
    next = { ...material, openTaskId: null }
  }
  const { _id, ...fields } = next
  await transaction.collection(COLLECTIONS.materials).doc(_id).set({ data: fields })
  return next
}
