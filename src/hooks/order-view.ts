// What the client receives of an order: the stored record after its JSON trip, so every instant
// (Date on the server) arrives as an ISO string. Types only; components and hooks share them.
import type { ResultOf, Wire } from '@/domain/api/contract'
import type { orderApi } from '@/domain/api/order'
import type { OrderRecord } from '@/domain/order-types'

export type { Wire }

export type OrderView = Wire<OrderRecord>
export type TimelineEntryView = OrderView['timeline'][number]
export type EtaRevisionView = OrderView['etaHistory'][number]

/** order.detail: the order, how the caller relates to it, and the buttons to show. */
export type OrderDetail = ResultOf<typeof orderApi.detail>
