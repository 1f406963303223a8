// Query pieces shared by the slot listings: a range cursor on (startsAt, _id), read in that order.
import type { SlotCursor } from '@/domain/appointment'
import { command } from '@/cloud/database'

/** startsAt >= floor, or strictly after the cursor when it lies beyond the floor. */
export function startingFrom(floor: Date, cursor: SlotCursor | undefined) {
  if (cursor === undefined || cursor.startsAt < floor) return { startsAt: command.gte(floor) }
  return command.or([
    { startsAt: command.gt(cursor.startsAt) },
    { startsAt: cursor.startsAt, _id: command.gt(cursor.id) },
  ])
}
