// appointment.book — any signed-in user. The slot is re-read and booked in one transaction: one
// winner, the rest SLOT_TAKEN; a retry by the holder is ok. The 3-booking limit is counted before
// the transaction (no where() inside one), so one user's parallel taps may exceed it.
import {
  MAX_FUTURE_BOOKINGS,
  bookingRefusal,
  toBookingView,
  type SlotRecord,
} from '@/domain/appointment'
import { COLLECTIONS } from '@/domain/names'
import { fail, ok } from '@/domain/result'
import { command, db, inTransaction, readDoc, readList } from '@/cloud/database'
import { appointmentApi } from '@/domain/api/appointment'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const book = defineUserAction(appointmentApi.book, async (input, openid) => {
  const now = currentTime()
  const held = await readList<Pick<SlotRecord, '_id'>>(
    db
      .collection(COLLECTIONS.appointmentSlots)
      .where({ bookedBy: openid, startsAt: command.gt(now) })
      .field({ _id: true })
      .limit(MAX_FUTURE_BOOKINGS + 1),
  )
  if (held.length >= MAX_FUTURE_BOOKINGS && !held.some((slot) => slot._id === input.slotId))
    return fail('BOOKING_LIMIT', `最多同时保留 ${MAX_FUTURE_BOOKINGS} 个待进行的预约`)

  return inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.appointmentSlots).doc(input.slotId)
    const slot = await readDoc<SlotRecord>(ref)
    if (slot === null) return fail('NOT_FOUND', '这个时段不存在')
    const refusal = bookingRefusal(slot, openid, now)
    if (!refusal.ok) return refusal
    if (slot.bookedBy === openid) return ok(toBookingView(slot))
    const booking = {
      status: 'booked' as const,
      bookedBy: openid,
      bookedAt: now,
      note: input.note || null,
    }
    await ref.update({ data: booking })
    return ok(toBookingView({ ...slot, ...booking }))
  })
})
