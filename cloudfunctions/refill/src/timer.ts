// The refill function's timer (config.json, hourly): queues the reminders due now.
// Due = status active and nextReminderAt ≤ now, read with an indexed range query (refills.due)
// in batches ordered by (nextReminderAt, _id), each continuing from the last time seen, so a
// run reads only due reminders however many are stored. It stops queueing at half its
// timeout; the next run picks up the rest. Each reminder is queued in a transaction that
// re-checks it is still due and marks it reminded, and the outbox dedupes on its key: a rerun
// or an overlapping run never queues one twice. The first reminders queued are sent at once
// through the notifier (credits, quiet hours, caps); the message function's timer sends the rest.
import { ok } from '@/domain/result'
import type { RefillRecord } from '@/domain/refill'
import { command, readList } from '@/cloud/database'
import { currentTime } from '@/cloud/clock'
import { drainMessages } from '@/cloud/notifier'
import { queueRefillReminder, refills } from '@/cloud/refills'
import config from '../config.json'

export const BATCH_SIZE = 100
/** Queue for half the function's timeout; the notifier's own budget (15 s) fits in the rest. */
const BUDGET_MS = config.timeout * 1000 * 0.5
/** Sent by this run; the message function's timer (every 5 minutes) sends the others. */
const SEND_NOW = 50
/** Reminders queued side by side: each is its own small transaction on its own document. */
const PARALLEL = 5

type DueRow = Pick<RefillRecord, '_id' | 'nextReminderAt'>

/**
 * Due reminders from the cursor on. `gte` is enough: every row a batch returns leaves the due set
 * before the next batch (its transaction marks it reminded, or finds it answered), so rows tied
 * on the cursor's time are never read twice. One exact range (no `_id` range, which the local
 * cloud cannot push down), so ORDER BY … LIMIT runs in the database.
 */
function dueFrom(cursor: Date | null, now: Date) {
  const due = { status: 'active', nextReminderAt: command.lte(now) }
  return cursor ? command.and([due, { nextReminderAt: command.gte(cursor) }]) : due
}

export async function remindDue() {
  // Elapsed real time, against the platform's timeout (not the business clock).
  const startedMs = Date.now()
  const now = currentTime()
  let cursor: Date | null = null
  let read = 0
  const queued: string[] = []
  let finished = false
  while (!finished && Date.now() - startedMs < BUDGET_MS) {
    const batch: DueRow[] = await readList<DueRow>(
      refills()
        .where(dueFrom(cursor, now))
        .orderBy('nextReminderAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(BATCH_SIZE)
        .field({ _id: true, nextReminderAt: true }),
    )
    read += batch.length
    finished = batch.length < BATCH_SIZE
    for (let from = 0; from < batch.length; from += PARALLEL) {
      if (Date.now() - startedMs >= BUDGET_MS) {
        finished = false
        break
      }
      const group = batch.slice(from, from + PARALLEL)
      const ids = await Promise.all(group.map((row) => queueRefillReminder(row._id, now)))
      for (const id of ids) if (id) queued.push(id)
      cursor = group[group.length - 1].nextReminderAt
    }
  }
  const sent = queued.length ? await drainMessages({ ids: queued, limit: SEND_NOW }) : null
  return ok({ read, queued: queued.length, finished, sent })
}
