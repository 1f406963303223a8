// The refill function's timer (config.json, hourly): queues the reminders due now.
// Due = status active and dueKey ≤ now, read with one indexed range query (refills.due) in
// batches ordered by (nextReminderAt, _id), continuing after the last key seen, so a run reads
// only due reminders however many are stored. It stops before its time budget; the next run
// picks up the rest. Each reminder is queued in a transaction that re-checks it is still due
// and marks it reminded, and the outbox dedupes on its key: a rerun or an overlapping run never
// queues one twice. The first reminders queued are sent at once through the notifier (credits,
// quiet hours, caps); the message function's timer drains the rest.
import { ok } from '@/domain/result'
import { dueKeyUpTo, type RefillRecord } from '@/domain/refill'
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

export async function remindDue() {
  const startedMs = Date.now()
  const now = currentTime()
  const upTo = dueKeyUpTo(now)
  let after = ''
  let read = 0
  const queued: string[] = []
  let finished = false
  while (!finished && Date.now() - startedMs < BUDGET_MS) {
    const batch = await readList<Pick<RefillRecord, '_id' | 'dueKey'>>(
      refills()
        .where({ status: 'active', dueKey: command.gt(after).and(command.lte(upTo)) })
        .orderBy('dueKey', 'asc')
        .limit(BATCH_SIZE)
        .field({ _id: true, dueKey: true }),
    )
    read += batch.length
    finished = batch.length < BATCH_SIZE
    for (const { _id, dueKey } of batch) {
      if (Date.now() - startedMs >= BUDGET_MS) {
        finished = false
        break
      }
      const messageId = await queueRefillReminder(_id, now)
      if (messageId) queued.push(messageId)
      after = dueKey
    }
  }
  const sent = queued.length ? await drainMessages({ ids: queued, limit: SEND_NOW }) : null
  return ok({ read, queued: queued.length, finished, sent })
}
