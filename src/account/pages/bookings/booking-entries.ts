// 我的预约's list: home visits and designer appointments as one list, upcoming first (soonest on
// top), then past ones (latest on top). Pure, so the order is decided in one place.
import type { ResultOf } from '@/domain/api/contract'
import type { appointmentApi } from '@/domain/api/appointment'
import type { visitApi } from '@/domain/api/visit'

export type VisitItem = ResultOf<typeof visitApi.mine>['visits'][number]
export type BookingItem = ResultOf<typeof appointmentApi.mine>['items'][number]

export type BookingEntry =
  | { type: 'visit'; key: string; start: number; upcoming: boolean; visit: VisitItem }
  | { type: 'appointment'; key: string; start: number; upcoming: boolean; booking: BookingItem }

/** A visit is past once it can no longer happen: done, missed, cancelled or over. */
const VISIT_OVER = ['done', 'missed', 'cancelled']

export function bookingEntries(
  visits: readonly VisitItem[],
  bookings: readonly BookingItem[],
  now: Date,
): BookingEntry[] {
  const at = now.getTime()
  const entries: BookingEntry[] = [
    ...visits.map((visit) => ({
      type: 'visit' as const,
      key: `visit-${visit.id}`,
      start: new Date(visit.window.start).getTime(),
      upcoming: !VISIT_OVER.includes(visit.node) && new Date(visit.window.end).getTime() > at,
      visit,
    })),
    ...bookings.map((booking) => ({
      type: 'appointment' as const,
      key: `appointment-${booking.id}`,
      start: new Date(booking.startsAt).getTime(),
      upcoming: new Date(booking.endsAt).getTime() > at,
      booking,
    })),
  ]
  const upcoming = entries.filter((e) => e.upcoming).sort((a, b) => a.start - b.start)
  const past = entries.filter((e) => !e.upcoming).sort((a, b) => b.start - a.start)
  return [...upcoming, ...past]
}
