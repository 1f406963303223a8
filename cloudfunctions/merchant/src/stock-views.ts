// MaterialView assembly: product names for the usage lines, and how many held reservations the
// stock no longer covers (only queried for materials short of their reservations).
import type { ProductRecord } from '@/domain/catalog'
import type { MaterialView } from '@/domain/merchant-views'
import { COLLECTIONS } from '@/domain/names'
import {
  toMaterialView,
  uncoveredReservations,
  type MaterialRecord,
  type StockReservation,
} from '@/domain/stock'
import { command, db, readList, readUpTo } from '@/cloud/database'
import { reservations, withTheirShards } from '@/cloud/stock'

/** Held reservations looked at per material when stock is short; the oldest come first. */
export const HELD_PAGE = 200

export async function heldReservations(materialId: string): Promise<StockReservation[]> {
  return readUpTo<StockReservation>(
    reservations().where({ materialId, status: 'held' }).orderBy('createdAt', 'asc'),
    HELD_PAGE,
  )
}

/**
 * Reservations of this material its on-hand quantity cannot cover (none when not short);
 * `material` with its shards' reservations counted (withTheirShards).
 */
export async function uncoveredOf(material: MaterialRecord): Promise<StockReservation[]> {
  if (material.reserved <= material.quantity) return []
  return uncoveredReservations(material.quantity, await heldReservations(material._id))
}

export async function productNamesOf(ids: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return {}
  const products = await readList<Pick<ProductRecord, '_id' | 'name'>>(
    db
      .collection(COLLECTIONS.products)
      .where({ _id: command.in(unique) })
      .field({ _id: true, name: true })
      .limit(unique.length),
  )
  return Object.fromEntries(products.map((p) => [p._id, p.name]))
}

/** The materials' views; `list` as stored (what their shards hold is read here). */
export async function materialViews(list: MaterialRecord[]): Promise<MaterialView[]> {
  const [names, whole] = await Promise.all([
    productNamesOf(list.flatMap((m) => m.productIds)),
    withTheirShards(list),
  ])
  const affected = await Promise.all(whole.map(async (m) => (await uncoveredOf(m)).length))
  return whole.map((m, i) => toMaterialView(m, names, affected[i]))
}
