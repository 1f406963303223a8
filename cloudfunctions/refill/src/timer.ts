// The refill function's timer (config.json, hourly): queues the reminders due now.
// Due = status active and nextReminderAt ≤ now, read with an indexed range query (refills.due)
// in batches ordered by (nextReminderAt, _id), each continuing after the last (time, id) seen,
// so a run reads only due reminders however many are stored. It stops queueing at half its
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

/** Due reminders after the cursor: later in time, or at the same time with a larger id. */
function dueAfter(cursor: DueRow | null, now: Date) {
  if (!cursor) return { status: 'active', nextReminderAt: command.lte(now) }
  return command.or([
    { status: 'active', nextReminderAt: command.gt(cursor.nextReminderAt).and(command.lte(now)) },
    { status: 'active', nextReminderAt: cursor.nextReminderAt, _id: command.gt(cursor._id) },
  ])
}

export async function remindDue() {
  // Elapsed real time, against the platform's timeout (not the business clock).
  const startedMs = Date.now()
  const now = currentTime()
  let cursor: DueRow | null = null
  let read = 0
  const queued: string[] = []
  let finished = false
  while (!finished && Date.now() - startedMs < BUDGET_MS) {
    const batch: DueRow[] = await readList<DueRow>(
      refills()
        .where(dueAfter(cursor, now))
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
      cursor = group[group.length - 1]
    }
  }
  const sent = queued.length ? await drainMessages({ ids: queued, limit: SEND_NOW }) : null
  return ok({ read, queued: queued.length, finished, sent })
}
