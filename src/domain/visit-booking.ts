// What the `visit` function decides before it writes, pure: which visits an order includes, the
// district a visit is served in, a visit's id from the client's requestId, the staff row as
// visit-assign.ts reads it, and the shapes the actions answer.
import type { StaffInvite } from './visit-staff'
import type { Address } from './address'
import type { ProductRecord } from './product-schema'
import { idFor } from './new-order'
import type { OrderSelection } from './order-selection'
import { addDays, chinaDateOf } from './china-date'
import type { WeeklyHours } from './visit-hours'
import {
  openWindows,
  type BookedVisit,
  type OpenWindow,
  type StaffMember,
  type WindowQuery,
} from './visit-assign'
import type {
  VisitEvent,
  VisitKind,
  VisitNode,
  VisitRating,
  VisitRecord,
  VisitReport,
} from './visit-types'

/** A customer books at least this long ahead, so the shop can plan the day. */
export const BOOKING_LEAD_HOURS = 12
/** A customer books at most this many days ahead. */
export const BOOKING_HORIZON_DAYS = 30
const HOUR_MS = 60 * 60 * 1000

/** The windows a customer may book (or move to) that day: from now plus the lead, none past the horizon. */
export function customerWindows(
  request: Omit<WindowQuery, 'notBefore'>,
  now: Date,
  staff: readonly StaffMember[],
  booked: readonly BookedVisit[],
): OpenWindow[] {
  if (request.date > addDays(chinaDateOf(now), BOOKING_HORIZON_DAYS)) return []
  const notBefore = new Date(now.getTime() + BOOKING_LEAD_HOURS * HOUR_MS)
  return openWindows({ ...request, notBefore }, staff, booked)
}

/** The `staff` row. `role` owner: the shop's owner doing visits too (they keep the owner's rights). */
export interface StaffRecord {
  _id: string
  openid: string
  name: string
  role: 'owner' | 'staff'
  skills: VisitKind[]
  districts: string[]
  weeklyHours: WeeklyHours[]
  active: boolean
  createdAt: Date
  /** A row the owner added: the code the person joins with (`visit.joinStaff`). */
  invite?: StaffInvite
  updatedAt?: Date
}

export const toStaffMember = (row: StaffRecord): StaffMember => ({
  id: row._id,
  name: row.name,
  skills: row.skills,
  districts: row.districts,
  weeklyHours: row.weeklyHours,
  active: row.active,
})

/** The district staff serve: the region's last part ("上海市 徐汇区" → 徐汇区). */
export function districtOf(address: Pick<Address, 'region'>): string {
  const parts = address.region.trim().split(/\s+/).filter(Boolean)
  return parts[parts.length - 1] ?? ''
}

/** The visits the order's chosen options include (a Choice's `visits`), in order, each once. */
export function visitKindsOf(
  product: Pick<ProductRecord, 'optionGroups'>,
  selection: Pick<OrderSelection, 'options'>,
): VisitKind[] {
  const kinds = product.optionGroups.flatMap((group) =>
    group.choices
      .filter((choice) => (selection.options[group.id] ?? []).includes(choice.id))
      .flatMap((choice) => choice.visits ?? []),
  )
  return [...new Set(kinds)]
}

export const visitIdFor = (ownerOpenid: string, requestId: string) =>
  idFor('vis_', ownerOpenid, requestId)

/** A visit as its customer sees it: who is coming, the report, and the buttons. */
export interface VisitView {
  id: string
  kind: VisitKind
  orderId: string
  afterSalesId: string | null
  district: string
  address: string
  location: VisitRecord['location']
  window: { start: Date; end: Date }
  node: VisitNode
  version: number
  staffName: string | null
  report: VisitReport | null
  sizesConfirmedAt: Date | null
  rating: VisitRating | null
  timeline: VisitRecord['timeline']
  /** What the caller may do now (visit-machine.ts availableVisitEvents). */
  events: VisitEvent[]
}

export function toVisitView(visit: VisitRecord, events: VisitEvent[]): VisitView {
  return {
    id: visit._id,
    kind: visit.kind,
    orderId: visit.orderId,
    afterSalesId: visit.afterSalesId,
    district: visit.district,
    address: visit.address,
    location: visit.location ?? null,
    window: visit.window,
    node: visit.node,
    version: visit.version,
    staffName: visit.staffName ?? null,
    report: visit.report ?? null,
    sizesConfirmedAt: visit.sizesConfirmedAt ?? null,
    rating: visit.rating ?? null,
    timeline: visit.timeline,
    events,
  }
}

/**
 * The order a visit page is about (visit.mine with `orderId`): which visits it includes, so the
 * page offers 预约上门 for a kind not booked yet, and the labels of the sizes a report measures.
 */
export interface VisitOrderView {
  orderNo: string
  productName: string
  kinds: VisitKind[]
  sizes: { id: string; label: string; unit: string }[]
}

export function toVisitOrderView(
  order: { orderNo: string; productSnapshot: { name: string }; selection: OrderSelection },
  product: Pick<ProductRecord, 'optionGroups' | 'measurements'> | null,
): VisitOrderView {
  return {
    orderNo: order.orderNo,
    productName: order.productSnapshot.name,
    kinds: product ? visitKindsOf(product, order.selection) : [],
    sizes: (product?.measurements ?? []).map(({ id, label, unit }) => ({ id, label, unit })),
  }
}
