// appointment.listSlots — anyone, including anonymous callers. Read-only: open slots not yet
// started, by start time, one page per call (pass the previous page's `next` as `after`).
import { SLOT_PAGE_SIZE, toPage, toSlotView, type SlotRecord } from '@/domain/appointment'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { command, db, readList } from '@/cloud/database'
import { appointmentApi } from '@/domain/api/appointment'
import { defineAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'
import { startingFrom } from '../slot-queries'

export const listSlots = defineAction(appointmentApi.listSlots, async (input) => {
  const limit = input.limit ?? SLOT_PAGE_SIZE.default
  const rows = await readList<SlotRecord>(
    db
      .collection(COLLECTIONS.appointmentSlots)
      .where(command.and([{ status: 'open' }, startingFrom(currentTime(), input.after)]))
      .orderBy('startsAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(limit + 1),
  )
  return ok(toPage(rows, limit, toSlotView))
})
