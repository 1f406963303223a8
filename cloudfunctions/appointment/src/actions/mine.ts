// appointment.mine — any signed-in user: their own bookings that have not ended, soonest first.
// Read-only.
import { toBookingView, type SlotRecord } from '@/domain/appointment'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { command, db, readList } from '@/cloud/database'
import { appointmentApi } from '@/domain/api/appointment'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

/** More than MAX_FUTURE_BOOKINGS: in-progress bookings and the limit's race margin still show. */
const MINE_LIMIT = 20

export const mine = defineUserAction(appointmentApi.mine, async (_input, openid) => {
  const slots = await readList<SlotRecord>(
    db
      .collection(COLLECTIONS.appointmentSlots)
      .where({ bookedBy: openid, endsAt: command.gt(currentTime()) })
      .orderBy('startsAt', 'asc')
      .limit(MINE_LIMIT),
  )
  return ok({ items: slots.map(toBookingView) })
})
