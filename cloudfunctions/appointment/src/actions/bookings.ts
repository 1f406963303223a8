// appointment.bookings — merchants only. Read-only: booked slots starting in [from, to) (at most
// 31 days), by start time, one page per call (pass the previous page's `next` as `after`).
import {
  SLOT_PAGE_SIZE,
  checkBookingsRange,
  toMerchantBookingView,
  toPage,
  type SlotRecord,
} from '@/domain/appointment'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { command, db, readList } from '@/cloud/database'
import { appointmentApi } from '@/domain/api/appointment'
import { defineMerchantAction } from '@/cloud/router'
import { startingFrom } from '../slot-queries'

export const bookings = defineMerchantAction(appointmentApi.bookings, async (input) => {
  const range = checkBookingsRange(input.from, input.to)
  if (!range.ok) return range
  const limit = input.limit ?? SLOT_PAGE_SIZE.default
  const rows = await readList<SlotRecord>(
    db
      .collection(COLLECTIONS.appointmentSlots)
      .where(
        command.and([
          { status: 'booked', startsAt: command.lt(input.to) },
          startingFrom(input.from, input.after),
        ]),
      )
      .orderBy('startsAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(limit + 1),
  )
  return ok(toPage(rows, limit, toMerchantBookingView))
})
