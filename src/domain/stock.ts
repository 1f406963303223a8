// Stock arithmetic: materials with on-hand quantity and reservations. An order reserves
// perUnit × quantity of each material its product uses when it is placed (refused when the
// available amount cannot cover it), consumes the reservation when work starts on it (entering
// production, or shipping for consumables that skip production) and releases it on cancel.
// Invariants: 0 ≤ reserved ≤ quantity, so available = quantity − reserved is never negative —
// except after a stock-count correction, which may leave reservations uncovered (a shortfall).
import type { MaterialView, RestockTask, StockAdjustReason } from './merchant-views'
import type { OrderNode } from './order-types'
import { fail, ok, type Result } from './result'

/**
 * The materials one workshop keeps: merchant.stock lists them all in one read and the order
 * timer spreads them in one, so saveMaterial refuses a material past this (MATERIAL_LIMIT).
 */
export const MAX_MATERIALS = 100

export interface MaterialRecord {
  _id: string
  name: string
  unit: string
  quantity: number
  /** Reserved against this document itself; reservations held in shards are on the shards. */
  reserved: number
  /** Units handed out to shards, spare or reserved there (stock-shards.ts); absent: none. */
  allotted?: number
  safetyLevel: number
  usage: { productId: string; perUnit: number }[]
  /** usage's product ids, for the indexed "materials of this product" lookup. */
  productIds: string[]
  /** The open restock task, if any; at most one per material. */
  openTaskId: string | null
  /** Restock tasks opened so far; the next id is `<materialId>-r<taskSeq + 1>`. */
  taskSeq: number
  createdAt: Date
  updatedAt: Date
}

export type ReservationStatus = 'held' | 'consumed' | 'released'

/** One row per (order, material) in `stock_reservations`; `_id` from reservationIdOf. */
export interface StockReservation {
  _id: string
  orderId: string
  orderNo: string
  materialId: string
  quantity: number
  status: ReservationStatus
  createdAt: Date
  updatedAt: Date
}

export interface RestockTaskRecord {
  _id: string
  materialId: string
  materialName: string
  status: 'open' | 'done'
  createdAt: Date
  doneAt: Date | null
  suggestedQuantity: number
}

/** Units of an order's stock line taken from one shard (stock-shards.ts). */
export interface ShardTake {
  shard: number
  quantity: number
}

/** What an order holds, stored on the order itself so transitions find it without a query. */
export interface StockLine {
  materialId: string
  quantity: number
  /** The units taken from shards (stock-shards.ts); the rest was reserved on the document. */
  shards?: ShardTake[]
}

export function reservationIdOf(orderId: string, materialId: string): string {
  return `${orderId}-${materialId}`
}

export const availableOf = (m: Pick<MaterialRecord, 'quantity' | 'reserved'>): number =>
  m.quantity - m.reserved

export const isLow = (m: MaterialRecord): boolean => availableOf(m) < m.safetyLevel

/** Enough to bring the available amount back to twice the safety level (at least 1). */
export function suggestedRestock(m: MaterialRecord): number {
  return Math.max(1, 2 * m.safetyLevel - availableOf(m))
}

/** The materials an order of `quantity` units of `productId` needs. */
export function stockNeeds(
  materials: Pick<MaterialRecord, '_id' | 'usage'>[],
  productId: string,
  quantity: number,
): StockLine[] {
  return materials.flatMap((m) =>
    m.usage
      .filter((u) => u.productId === productId && u.perUnit > 0)
      .map((u) => ({ materialId: m._id, quantity: u.perUnit * quantity })),
  )
}

/** Holds `amount` for an order; null when the available amount cannot cover it. */
export function reserve(m: MaterialRecord, amount: number, now: Date): MaterialRecord | null {
  if (amount > availableOf(m)) return null
  return { ...m, reserved: m.reserved + amount, updatedAt: now }
}

/** What a transition into `to` does to the order's held reservations. */
export function stockStepFor(to: OrderNode): 'consume' | 'release' | null {
  if (to === 'cancelled') return 'release'
  // Made-to-order enters production by start_production, batches by batch_reached; consumables
  // skip production and ship from confirmed. Whichever comes first consumes; later ones find
  // nothing held.
  if (to === 'production' || to === 'shipped') return 'consume'
  return null
}

export interface Adjusted {
  material: MaterialRecord
  /** Reserved units the new quantity no longer covers. */
  shortfall: number
}

/**
 * A manual change of the on-hand quantity. It may not cut into reserved units, unless it is a
 * stock-count correction (the shelf simply holds less): then the shortfall is reported.
 */
export function adjust(
  m: MaterialRecord,
  delta: number,
  reason: StockAdjustReason,
  now: Date,
): Result<Adjusted> {
  const quantity = m.quantity + delta
  if (quantity < 0)
    return fail('INVALID_INPUT', `库存不足，当前仅有 ${m.quantity}${m.unit}`, 'delta')
  if (quantity < m.reserved && reason !== 'count_correction')
    return fail(
      'INVALID_INPUT',
      `已有 ${m.reserved}${m.unit} 被订单占用，只能减少 ${Math.max(0, availableOf(m))}${m.unit}；盘点差异请选择“盘点修正”`,
      'delta',
    )
  return ok({
    material: { ...m, quantity, updatedAt: now },
    shortfall: Math.max(0, m.reserved - quantity),
  })
}

/** Whether the material's restock task must open or close after a change. */
export function restockStep(m: MaterialRecord): 'open' | 'close' | null {
  if (isLow(m) && m.openTaskId === null) return 'open'
  if (!isLow(m) && m.openTaskId !== null) return 'close'
  return null
}

export function newRestockTask(m: MaterialRecord, now: Date): RestockTaskRecord {
  return {
    _id: `${m._id}-r${m.taskSeq + 1}`,
    materialId: m._id,
    materialName: m.name,
    status: 'open',
    createdAt: now,
    doneAt: null,
    suggestedQuantity: suggestedRestock(m),
  }
}

/**
 * Reservations oldest first: stock covers them in that order; the ones it cannot fully cover
 * are affected (these orders get the out-of-stock exception).
 */
export function uncoveredReservations<T extends { quantity: number }>(
  onHand: number,
  heldOldestFirst: T[],
): T[] {
  let left = onHand
  const uncovered: T[] = []
  for (const r of heldOldestFirst) {
    if (r.quantity <= left) left -= r.quantity
    else {
      uncovered.push(r)
      left = 0
    }
  }
  return uncovered
}

export function toMaterialView(
  m: MaterialRecord,
  productNames: Record<string, string>,
  affectedOrders: number,
): MaterialView {
  return {
    id: m._id,
    name: m.name,
    unit: m.unit,
    quantity: m.quantity,
    reserved: m.reserved,
    available: availableOf(m),
    safetyLevel: m.safetyLevel,
    low: isLow(m),
    usage: m.usage.map((u) => ({ ...u, productName: productNames[u.productId] ?? u.productId })),
    affectedOrders,
  }
}

export function toRestockTask(t: RestockTaskRecord): RestockTask {
  const { _id, materialId, materialName, status, createdAt, suggestedQuantity } = t
  return { id: _id, materialId, materialName, status, createdAt, suggestedQuantity }
}
