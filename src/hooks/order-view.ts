// What the client receives of an order: the stored record after its JSON trip, so every instant
// (Date on the server) arrives as an ISO string. Types only; components and hooks share them.
import type { ActorRole, OrderEvent, OrderRecord } from '@/domain/order-types'

/** A server type as it looks after JSON: Date -> ISO string, recursively. */
export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T

export type OrderView = Wire<OrderRecord>
export type TimelineEntryView = OrderView['timeline'][number]
export type EtaRevisionView = OrderView['etaHistory'][number]

/** order.detail: the order, how the caller relates to it, and the buttons to show. */
export interface OrderDetail {
  order: OrderView
  role: ActorRole
  actions: OrderEvent[]
}
