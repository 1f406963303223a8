// Per-customer counters behind the limits on what one account may hold at once: future bookings,
// and open orders with their units. Each is read and written inside the transaction that adds to
// it, so one customer's burst of calls serialises on it instead of all passing a count taken
// beforehand.
import type { OrderNode } from './order-types'
import { fail, ok, type Result } from './result'

export const HOLDS_KINDS = ['bookings', 'orders'] as const
export type HoldsKind = (typeof HOLDS_KINDS)[number]

/** The counter document's id in COLLECTIONS.customerHolds. */
export const holdsId = (openid: string, kind: HoldsKind): string => `${openid}__${kind}`

export interface Holds<T> {
  _id: string
  items: T[]
}

/** A future booking: the slot and when it starts (a started one no longer counts). */
export interface BookingHold {
  id: string
  startsAt: Date
}

/** An order not yet confirmed by the merchant, and the units it reserves. */
export interface OrderHold {
  id: string
  units: number
}

/** The counted items and those a lookup before the transaction found, once each, that `keep`. */
export function mergeHolds<T extends { id: string }>(
  counted: readonly T[],
  found: readonly T[],
  keep: (item: T) => boolean,
): T[] {
  const byId = new Map<string, T>()
  for (const item of [...counted, ...found]) if (keep(item)) byId.set(item.id, item)
  return [...byId.values()]
}

/** An order holds its place in the counter while it waits for the merchant to confirm it. */
export const OPEN_ORDER_NODE: OrderNode = 'submitted'

/** What one customer may hold in orders the merchant has not confirmed yet. */
export interface OrderLimits {
  openOrders: number
  openUnits: number
}

/** Defaults; the order function's environment variables override them (src/cloud/place-order.ts). */
export const DEFAULT_ORDER_LIMITS: OrderLimits = { openOrders: 10, openUnits: 100 }

/** Whether one more order of `units` fits beside the open ones `held`. */
export function orderLimitCheck(
  held: readonly OrderHold[],
  units: number,
  limits: OrderLimits,
): Result<void> {
  if (held.length >= limits.openOrders)
    return fail(
      'ORDER_LIMIT',
      `最多同时有 ${limits.openOrders} 个待商家确认的订单，请等商家确认或取消不需要的订单`,
    )
  const heldUnits = held.reduce((sum, hold) => sum + hold.units, 0)
  if (heldUnits + units > limits.openUnits)
    return fail(
      'ORDER_LIMIT',
      `待商家确认的订单最多共 ${limits.openUnits} 件，现有 ${heldUnits} 件，请调整数量`,
    )
  return ok(undefined)
}
