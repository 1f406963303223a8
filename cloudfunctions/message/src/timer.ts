// The message function's timer (config.json, every 5 minutes): drains what the inline drains
// left — quiet-hour deferrals, retries whose backoff ran out, rows of crashed runs. Overlapping
// runs are safe: each row is claimed in a transaction that only one run wins.
import { ok } from '@/domain/result'
import { drainMessages } from '@/cloud/notifier'

/** Rows per run; each takes a few round trips and one send, well inside the 30 s timeout. */
const ROWS_PER_RUN = 100

export async function drainLeftovers() {
  return ok(await drainMessages({ limit: ROWS_PER_RUN }))
}
