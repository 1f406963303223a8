// The timer's claim and mark for a collection of reminders (refills, care tasks): a document is
// due while `status` is 'active' and its date field is ≤ now. Both are conditional bulk updates,
// applied by the database per document, so of two runs racing for a reminder exactly one claims
// it, and an answer given after the claim (which moves the date, stops the reminder or rewrites
// the document without the token) wins over the mark. See cloudfunctions/refill/src/timer.ts.
import { command, db, readList } from './database'

export interface ReminderClaims {
  /** Step 1: this run's token and lease on each row still holding the date read; the rows won. */
  claim<Row extends { _id: string }>(
    rows: Row[],
    token: string,
    now: Date,
    until: Date,
  ): Promise<Row[]>
  /** Step 3: marks the claimed rows still carrying `token`, active and due; how many it marked. */
  mark(ids: string[], token: string, now: Date): Promise<number>
}

/** What `where().update()` resolves to in wx-server-sdk. */
interface UpdateResult {
  stats: { updated: number }
}

export function reminderClaims(
  collectionName: string,
  dateField: string,
  remindedFields: (now: Date) => Record<string, unknown>,
): ReminderClaims {
  const rows = () => db.collection(collectionName)
  return {
    async claim(due, token, now, until) {
      if (due.length === 0) return []
      const ids = due.map((row) => row._id)
      const dateOf = (row: (typeof due)[number]) => (row as Record<string, unknown>)[dateField]
      const result = (await rows()
        .where(
          command.and([
            { _id: command.in(ids), status: 'active' },
            command.or(due.map((row) => ({ _id: row._id, [dateField]: dateOf(row) }))),
            command.or([{ reminderClaimUntil: null }, { reminderClaimUntil: command.lte(now) }]),
          ]),
        )
        .update({ data: { reminderClaim: token, reminderClaimUntil: until } })) as UpdateResult
      if (result.stats.updated === due.length) return due
      if (result.stats.updated === 0) return []
      const mine = await readList<{ _id: string }>(
        rows()
          .where({ _id: command.in(ids), reminderClaim: token })
          .field({ _id: true })
          .limit(due.length),
      )
      const claimed = new Set(mine.map((row) => row._id))
      return due.filter((row) => claimed.has(row._id))
    },
    async mark(ids, token, now) {
      if (ids.length === 0) return 0
      const result = (await rows()
        .where({
          _id: command.in(ids),
          reminderClaim: token,
          status: 'active',
          [dateField]: command.lte(now),
        })
        .update({
          data: {
            ...remindedFields(now),
            reminderClaim: command.remove(),
            reminderClaimUntil: command.remove(),
          },
        })) as UpdateResult
      return result.stats.updated
    },
  }
}
