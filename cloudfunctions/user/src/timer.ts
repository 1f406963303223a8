// The user function's timer (behaviourRetention, daily): raw behaviour events older than the
// retention period (BEHAVIOUR_RETENTION_DAYS, default 180) are removed, then quiet customers'
// wake-ups are queued (src/cloud/wake-ups.ts; WAKE_UP_QUIET_DAYS, default 90). The preference counts
// they rolled into stay until the customer deletes their data. Idempotent: a repeat or a
// concurrent run removes what is left, and a run cut short leaves the rest for the next one.
import { retentionDays, RETENTION_ENV } from '@/domain/behaviour'
import { ok } from '@/domain/result'
import { removeEventsBefore } from '@/cloud/behaviour'
import { currentTime } from '@/cloud/clock'
import { queueWakeUps } from '@/cloud/wake-ups'
import { QUIET_DAYS_ENV, quietDaysOf } from '@/domain/wake-up'
import config from '../config.json'

const DAY_MS = 24 * 60 * 60 * 1000

/** Wake-ups stop paging after half the function's timeout; the next run goes on from there. */
const WAKE_UP_BUDGET_MS = config.timeout * 1000 * 0.5

export async function expireBehaviour() {
  const stopAtMs = Date.now() + WAKE_UP_BUDGET_MS
  const days = retentionDays(process.env[RETENTION_ENV])
  const cutoff = new Date(currentTime().getTime() - days * DAY_MS)
  const { removed, finished } = await removeEventsBefore(cutoff)
  const quietDays = quietDaysOf(process.env[QUIET_DAYS_ENV])
  const wakeUps = await queueWakeUps(currentTime(), quietDays, stopAtMs)
  return ok({ retentionDays: days, cutoff: cutoff.toISOString(), removed, finished, wakeUps })
}
