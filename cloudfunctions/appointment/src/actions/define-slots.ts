// appointment.defineSlots — merchants only. Every slot is checked, then all are added in one
// transaction (all or nothing); a retry answers SLOT_OVERLAP. Not caught: two merchants adding
// overlapping slots for one designer at the same instant (no where() inside a transaction).
import {
  batchSpan,
  checkNewSlots,
  newSlotRecord,
  toSlotView,
  type SlotRecord,
} from '@/domain/appointment'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import { command, db, inTransaction, readList } from '@/cloud/database'
import { appointmentApi } from '@/domain/api/appointment'
import { defineMerchantAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

/** A cloud function's get() returns at most 100 documents. */
const READ_PAGE = 100

type Span = Pick<SlotRecord, 'designer' | 'startsAt' | 'endsAt'> & { _id: string }

/** Existing slots of these designers that touch [from, to), read page by page after a range
 * cursor on (startsAt, _id), so no page walks a growing skip. */
async function existingSlots(designers: string[], from: Date, to: Date): Promise<Span[]> {
  const touching = {
    designer: command.in(designers),
    startsAt: command.lt(to),
    endsAt: command.gt(from),
  }
  const found: Span[] = []
  for (let last: Span | undefined; ;) {
    const after = last
      ? command.or([
          { startsAt: command.gt(last.startsAt) },
          { startsAt: last.startsAt, _id: command.gt(last._id) },
        ])
      : null
    const page = await readList<Span>(
      db
        .collection(COLLECTIONS.appointmentSlots)
        .where(after ? command.and([touching, after]) : touching)
        .orderBy('startsAt', 'asc')
        .orderBy('_id', 'asc')
        .field({ _id: true, designer: true, startsAt: true, endsAt: true })
        .limit(READ_PAGE),
    )
    found.push(...page)
    if (page.length < READ_PAGE) return found
    last = page[page.length - 1]
  }
}

export const defineSlots = defineMerchantAction(
  appointmentApi.defineSlots,
  async ({ slots }, merchantOpenid) => {
    const now = currentTime()
    const alone = checkNewSlots(slots, [], now)
    if (!alone.ok) return alone
    const span = batchSpan(slots)
    const checked = checkNewSlots(
      slots,
      await existingSlots(span.designers, span.from, span.to),
      now,
    )
    if (!checked.ok) return checked

    const records = slots.map((slot) => newSlotRecord(slot, merchantOpenid, now))
    const created = await inTransaction(async (transaction) => {
      const collection = transaction.collection(COLLECTIONS.appointmentSlots)
      const out: SlotRecord[] = []
      for (const record of records) {
        const { _id } = (await collection.add({ data: record })) as { _id: string }
        out.push({ _id, ...record })
      }
      return out
    })
    return ok({ items: created.map(toSlotView) })
  },
)
