// Small factories for visit tests: an instant on the visit's day and a visit.
import { chinaDayRange, type ChinaDate } from '@/domain/china-date'
import type { VisitRecord } from '@/domain/visit-types'

export const OWNER = 'o_owner'
export const STRANGER = 'o_stranger'
export const STAFF = 'staff_zhang'
/** The visit's day; its window is 14:00–16:00 China time. */
export const DAY: ChinaDate = '2026-12-03'

const MINUTE_MS = 60 * 1000
/** An instant on a China day, from 'HH:mm'. */
export function at(time: string, day: ChinaDate = DAY): Date {
  const [hours, minutes] = time.split(':').map(Number)
  return new Date(chinaDayRange(day).start.getTime() + (hours * 60 + minutes) * MINUTE_MS)
}
export const WINDOW = { start: at('14:00'), end: at('16:00') }

export function makeVisit(overrides: Partial<VisitRecord> = {}): VisitRecord {
  const node = overrides.node ?? 'scheduled'
  return {
    _id: 'visit_1',
    kind: 'installing',
    orderId: 'order_1',
    afterSalesId: null,
    ownerOpenid: OWNER,
    district: '浦东新区',
    address: '上海市浦东新区世纪大道 100 号',
    window: WINDOW,
    staffId: node === 'requested' ? null : STAFF,
    node,
    version: 1,
    timeline: [],
    createdAt: at('09:00', '2026-11-28'),
    updatedAt: at('09:00', '2026-11-28'),
    ...overrides,
  }
}
