// appointment.mine — any signed-in user: their own bookings that have not ended, soonest first,
// then the latest PAST_LIMIT that have, latest first (both reads at once). Read-only.
import { toBookingView, type SlotRecord } from '@/domain/appointment'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { command, db, readList } from '@/cloud/database'
import { appointmentApi } from '@/domain/api/appointment'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

/** More than MAX_FUTURE_BOOKINGS: in-progress bookings and the limit's race margin still show. */
const MINE_LIMIT = 20
const PAST_LIMIT = 10

export const mine = defineUserAction(appointmentApi.mine, async (_input, openid) => {
  const now = currentTime()
  const slots = () => db.collection(COLLECTIONS.appointmentSlots)
  const [upcoming, past] = await Promise.all([
    readList<SlotRecord>(
      slots()
        .where({ bookedBy: openid, endsAt: command.gt(now) })
        .orderBy('startsAt', 'asc')
        .limit(MINE_LIMIT),
    ),
    readList<SlotRecord>(
      slots()
        .where({ bookedBy: openid, endsAt: command.lte(now) })
        .orderBy('startsAt', 'desc')
        .limit(PAST_LIMIT),
    ),
  ])
  return ok({ items: [...upcoming, ...past].map(toBookingView) })
})
