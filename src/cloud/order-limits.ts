// The open-order limits in force, and the customer's open orders as a query sees them (before the
// transaction; the counter in customer-holds catches what this misses).
import {
  DEFAULT_ORDER_LIMITS,
  OPEN_ORDER_NODE,
  type OrderHold,
  type OrderLimits,
} from '../domain/customer-holds'
import type { OrderRecord } from '../domain/order-types'
import { readList } from './database'
import { orders } from './orders'

const positive = (text: string | undefined, fallback: number) => {
  const value = Number(text)
  return Number.isInteger(value) && value > 0 ? value : fallback
}

/** The order function's environment variables (set in the console) override the defaults. */
export function orderLimits(env: NodeJS.ProcessEnv = process.env): OrderLimits {
  return {
    openOrders: positive(env.OPEN_ORDERS_PER_CUSTOMER, DEFAULT_ORDER_LIMITS.openOrders),
    openUnits: positive(env.OPEN_UNITS_PER_CUSTOMER, DEFAULT_ORDER_LIMITS.openUnits),
  }
}

export async function openOrdersOf(ownerOpenid: string): Promise<OrderHold[]> {
  const found = await readList<Pick<OrderRecord, '_id' | 'selection'>>(
    orders()
      .where({ ownerOpenid, node: OPEN_ORDER_NODE })
      .field({ _id: true, 'selection.quantity': true })
      .limit(orderLimits().openOrders + 1),
  )
  return found.map((order) => ({ id: order._id, units: order.selection.quantity }))
}
