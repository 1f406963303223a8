// The refill function's timer (config.json, hourly): queues the reminders due now.
// Due = status active and dueKey ≤ now, read with one indexed range query (refills.due) in
// batches ordered by (nextReminderAt, _id), continuing after the last key seen, so a run reads
// only due reminders however many are stored. It stops before its time budget; the next run
// picks up the rest. Each reminder is queued in a transaction that re-checks it is still due
// and marks it reminded, and the outbox dedupes on its key: a rerun or an overlapping run never
// queues one twice.
import { ok } from '@/domain/result'
import { dueKeyUpTo, type RefillRecord } from '@/domain/refill'
import { command, readList } from '@/cloud/database'
import { currentTime } from '@/cloud/clock'
import { queueRefillReminder, refills } from '@/cloud/refills'
import config from '../config.json'

export const BATCH_SIZE = 100
/** Leave 30% of the function's timeout for the last batch and the notifier. */
const BUDGET_MS = config.timeout * 1000 * 0.7

export async function remindDue() {
  const startedMs = Date.now()
  const now = currentTime()
  const upTo = dueKeyUpTo(now)
  let after = ''
  let read = 0
  let queued = 0
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
      if (await queueRefillReminder(_id, now)) queued += 1
      after = dueKey
    }
  }
  return ok({ read, queued, finished })
}
