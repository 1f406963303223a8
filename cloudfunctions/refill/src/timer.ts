// The refill function's timer (config.json, hourly): queues the reminders due now — refills,
// then care tasks (issue 20), the same way — a batch of up to 100 at a time, in about five
// database round trips per batch. Below, a refill's `nextReminderAt` is a care task's `dueAt`
// (message key `care:<_id>:<N>`); claim and mark are reminder-claims.ts for both. Before the
// care pass, recurring care tasks left unanswered whose next occurrence came are made due again
// for it (one conditional update each, repeatDue), so the pass reminds them once.
//
// Invariant (exactly once): a due reminder — refill `_id` whose `nextReminderAt` is N ≤ now,
// status `active` — gets ONE outbox row, id outboxIdOf(`refill:<_id>:<N>`), and is marked
// `reminded` ONCE, however often the timer runs, even two runs at once, a run that dies half-way
// or a database call that fails. Per batch:
//   0. read    due rows from the cursor on (indexed range, see dueFrom).
//   1. claim   one conditional bulk update (reminder-claims.ts): each row still holding (_id, N),
//              active and unclaimed (or whose claim lapsed) gets this run's token and a lease of
//              twice the timeout, longer than any run lives. The database applies condition and
//              update per document, so of two runs racing for a reminder exactly one claims it;
//              the other skips it. Only the holder of a live claim queues or marks a reminder.
//   2. queue   one read of which of the claimed rows' outbox ids exist (written by a run that died
//              after this step), one batch add of the others (queueMessagesOnce). The id is
//              unique: a row is never written twice.
//   3. mark    one bulk update of the claimed ids still carrying the token, active and due
//              (reminder-claims.ts): status reminded, lastReminderAt; the claim is removed.
// A run that dies, or stops on a failed call, after step 1 leaves its rows claimed and active:
// no run touches them until the lease lapses; then the next run claims them, adds only the
// outbox rows still missing and marks them. After step 3 they are no longer due. An answer
// (snooze, adjust, stop) or a purchase after step 1 wins: it moves the reminder past now, stops
// it or rewrites the document without the token, so step 3 leaves it alone; the message, if step
// 2 wrote it, was due when it was queued and goes out (the old per-reminder transaction had the
// same outcome when the answer came just after it).
//
// The first reminders a run marks are sent at once through the notifier (credits, quiet hours,
// caps); the message function's timer sends the rest. A run queues for at most half its timeout,
// then stops (`finished: false`); the next run continues.
import { ok } from '@/domain/result'
import { command, readList } from '@/cloud/database'
import { currentTime } from '@/cloud/clock'
import { drainMessages } from '@/cloud/notifier'
import { queueMessagesOnce, QUEUE_BATCH_MAX } from '@/cloud/outbox'
import { careClaims, careTasks, repeatUnanswered, type DueCareTask } from '@/cloud/care'
import type { ReminderClaims } from '@/cloud/reminder-claims'
import { refillClaims, refills, type DueReminder } from '@/cloud/refills'
import { careDraft } from '@/domain/care-message'
import type { MessageDraft } from '@/domain/message-drafts'
import { reminderDraft } from '@/domain/refill-message'
import config from '../config.json'

export const BATCH_SIZE = QUEUE_BATCH_MAX
/** Queue for half the function's timeout; the notifier's own budget (15 s) fits in the rest. */
const BUDGET_MS = config.timeout * 1000 * 0.5
/** A claim outlives the run that took it: no run lives past its timeout. */
export const CLAIM_LEASE_MS = config.timeout * 1000 * 2
/** Sent by this run; the message function's timer (every 5 minutes) sends the others. */
const SEND_NOW = 50

/** One kind of reminder the timer walks: where its due rows are and what each one queues. */
interface ReminderPass<Row extends { _id: string }> {
  collection: () => ReturnType<typeof refills>
  dateField: string
  fields: Record<string, true>
  claims: ReminderClaims
  draft: (row: Row) => MessageDraft
}

const REFILL_PASS: ReminderPass<DueReminder> = {
  collection: refills,
  dateField: 'nextReminderAt',
  fields: {
    _id: true,
    nextReminderAt: true,
    ownerOpenid: true,
    productId: true,
    productName: true,
    runOutAt: true,
  },
  claims: refillClaims,
  draft: reminderDraft,
}

const CARE_PASS: ReminderPass<DueCareTask> = {
  collection: careTasks,
  dateField: 'dueAt',
  fields: {
    _id: true,
    dueAt: true,
    ownerOpenid: true,
    orderId: true,
    orderNo: true,
    productName: true,
    title: true,
  },
  claims: careClaims,
  draft: careDraft,
}

/**
 * Due rows from the cursor on. `gte` is enough: every row a batch claims leaves the due set
 * before the next batch (marked, or answered). Rows another run holds stay and may be read again
 * when tied on the cursor's time; a batch that claims nothing and leaves the cursor where it was
 * ends the pass (see runPass). One exact range (no `_id` range, which the local cloud cannot push
 * down), so ORDER BY … LIMIT runs in the database.
 */
function dueFrom(dateField: string, cursor: Date | null, now: Date) {
  const due = { status: 'active', [dateField]: command.lte(now) }
  return cursor ? command.and([due, { [dateField]: command.gte(cursor) }]) : due
}

/** This run's claim token: unique per run. */
function claimToken(now: Date): string {
  return `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`
}

interface RunState {
  now: Date
  token: string
  leaseUntil: Date
  /** Real time the run must stop queueing by (the platform's timeout, not the business clock). */
  stopAtMs: number
  /** Outbox rows of the reminders this run marked, new or left by a run that died. */
  toSend: string[]
}

async function runPass<Row extends { _id: string }>(pass: ReminderPass<Row>, run: RunState) {
  const { now, token, leaseUntil } = run
  let cursor: Date | null = null
  let read = 0
  let queued = 0
  let marked = 0
  let finished = false
  while (!finished && Date.now() < run.stopAtMs) {
    const batch: Row[] = await readList<Row>(
      pass
        .collection()
        .where(dueFrom(pass.dateField, cursor, now))
        .orderBy(pass.dateField, 'asc')
        .orderBy('_id', 'asc')
        .limit(BATCH_SIZE)
        .field(pass.fields),
    )
    read += batch.length
    finished = batch.length < BATCH_SIZE
    if (batch.length === 0) break
    const claimed = await pass.claims.claim(batch, token, now, leaseUntil)
    if (claimed.length) {
      const outbox = await queueMessagesOnce(claimed.map(pass.draft), now)
      marked += await pass.claims.mark(
        claimed.map((row) => row._id),
        token,
        now,
      )
      queued += outbox.added.length
      run.toSend.push(...outbox.ids)
    }
    const last = (batch[batch.length - 1] as Record<string, unknown>)[pass.dateField] as Date
    // Another run holds this whole batch, all tied on the cursor's time: reading on would return
    // the same rows. Leave them to it (or, if it died, to the run after its lease).
    if (!finished && !claimed.length && cursor?.getTime() === last.getTime()) break
    cursor = last
  }
  return { read, queued, marked, finished }
}

/** Unanswered recurring care reminders whose next occurrence came: due again (see care.ts). */
async function repeatDue(run: RunState): Promise<number> {
  let repeated = 0
  while (Date.now() < run.stopAtMs) {
    const batch = await repeatUnanswered(run.now, BATCH_SIZE)
    repeated += batch.repeated
    // Done, or another run (or an answer) changed the rest first: the next run reads again.
    if (batch.read < BATCH_SIZE || batch.repeated === 0) break
  }
  return repeated
}

export async function remindDue() {
  // Elapsed real time, against the platform's timeout (not the business clock).
  const startedMs = Date.now()
  const now = currentTime()
  const run: RunState = {
    now,
    token: claimToken(now),
    leaseUntil: new Date(now.getTime() + CLAIM_LEASE_MS),
    stopAtMs: startedMs + BUDGET_MS,
    toSend: [],
  }
  const refill = await runPass(REFILL_PASS, run)
  const repeated = await repeatDue(run)
  const care = { ...(await runPass(CARE_PASS, run)), repeated }
  const queuedMs = Date.now() - startedMs
  const sent = run.toSend.length ? await drainMessages({ ids: run.toSend, limit: SEND_NOW }) : null
  // The split of the run's time, for its log line in the console (and the benchmark).
  const ms = { queue: queuedMs, send: Date.now() - startedMs - queuedMs }
  // The top-level counts are the refills' (as before care tasks joined); care's beside them.
  const finished = refill.finished && care.finished
  return ok({ ...refill, finished, care, sent, ms })
}
