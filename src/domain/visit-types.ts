// A home visit (measuring, installing, repairing) and the vocabulary of its state table
// (visit-machine.ts). Stored in the `visits` collection (docs/visits.md); instants are UTC Dates.
// Every change bumps `version`, so the cloud can re-read inside a transaction and refuse stale writes.

/** What a visit does; a staff member's skills use the same words. */
export const VISIT_KINDS = ['measuring', 'installing', 'repairing'] as const
export type VisitKind = (typeof VISIT_KINDS)[number]

export const VISIT_NODES = [
  /** Booked by the customer for a window; nobody assigned yet. */
  'requested',
  /** A staff member holds the window. */
  'scheduled',
  'on_the_way',
  'arrived',
  'done',
  /** The window passed and nobody arrived (the timer). */
  'missed',
  'cancelled',
] as const
export type VisitNode = (typeof VISIT_NODES)[number]

export const FINAL_VISIT_NODES: readonly VisitNode[] = ['done', 'missed', 'cancelled']
/** Nodes whose visit holds a staff member's time: they count for load and conflicts. */
export const HOLDING_VISIT_NODES: readonly VisitNode[] = ['scheduled', 'on_the_way', 'arrived']

export const VISIT_EVENTS = [
  /** A staff member takes the requested window (automatic assignment or the owner's choice). */
  'assign',
  /** The owner gives a scheduled visit to someone else. */
  'reassign',
  /** A new window; with a staff member it is scheduled again. */
  'reschedule',
  'set_out',
  'arrive',
  'finish',
  'cancel',
  /** The timer: the window passed and nobody arrived. */
  'mark_missed',
] as const
export type VisitEvent = (typeof VISIT_EVENTS)[number]

/** `staff` is a service staff member, `owner` the merchant; `system` a timer or another function. */
export const VISIT_ROLES = ['consumer', 'staff', 'owner', 'system'] as const
export type VisitRole = (typeof VISIT_ROLES)[number]

/** [start, end) as UTC instants. */
export interface TimeWindow {
  start: Date
  end: Date
}

export interface VisitTimelineEntry {
  node: VisitNode
  event: VisitEvent | 'request'
  at: Date
  actorRole: VisitRole
  note: string
}

export interface VisitRecord {
  _id: string
  kind: VisitKind
  /** The order the visit serves, or the after-sales request of a repair. */
  orderId: string
  afterSalesId: string | null
  ownerOpenid: string
  /** The service district, e.g. 浦东新区: what staff districts match. */
  district: string
  /** The address line shown to the staff member. */
  address: string
  window: TimeWindow
  staffId: string | null
  node: VisitNode
  version: number
  timeline: VisitTimelineEntry[]
  createdAt: Date
  updatedAt: Date
  // Below: set by the cloud (docs/visits.md); absent on records the domain tests build.
  /** The client's idempotency key of `visit.book`; `_id` is derived from it with the owner. */
  requestId?: string
  /** Shown to the customer (see who is coming); set with `staffId`. */
  staffName?: string | null
  /** The staff member's report that finished the visit. */
  report?: VisitReport | null
  /** When the customer confirmed the measured sizes as the order's. */
  sizesConfirmedAt?: Date | null
  rating?: VisitRating | null
  /** The place the customer pinned when booking (optional): the staff member's 导航 opens it. */
  location?: VisitLocation | null
}

/** A pinned place (WeChat's gcj02 coordinates, as chooseLocation gives them). */
export interface VisitLocation {
  latitude: number
  longitude: number
  name: string | null
}

/** China's rough bounds: a pinned place outside them is a mistake, not a customer's home. */
export const CHINA_BOUNDS = {
  latitude: { min: 3.8, max: 53.6 },
  longitude: { min: 73.5, max: 135.1 },
} as const
export const LOCATION_NAME_MAX = 50

/** What the staff member reports from the visit (visit.report); stored on the visit once. */
export interface VisitReport {
  reportId: string
  /** Measured sizes by the order's measurement ids (cm), when it was a measuring visit. */
  measurements: Record<string, number>
  photos: string[]
  note: string
  at: Date
}

export interface VisitRating {
  punctuality: number
  professionalism: number
  at: Date
}

/**
 * The visit standing for a service, oldest-first `visits` of one order: the newest not cancelled.
 * A missed visit stands (the state table gives its rebooking to the shop) and so does a done one;
 * only a cancelled visit leaves the service to be booked again, on the page and in `visit.book`.
 */
export const standingVisit = <V extends { kind: VisitKind; node: VisitNode }>(
  visits: readonly V[],
  kind: VisitKind,
): V | undefined => visits.filter((v) => v.kind === kind && v.node !== 'cancelled').pop()
