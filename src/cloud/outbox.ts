// The outbox (`notification_queue`): state changes and reminders queue their message inside
// their own transaction, so a message exists exactly when its change committed. The row id
// derives from the draft's key: queueing the same key again finds the row and writes nothing.
// The refill timer queues whole batches outside a transaction (queueMessagesOnce): what makes
// that exactly-once is the same unique id, plus the caller's claim on the reminders.
import {
  newOutboxRecord,
  outboxIdOf,
  type MessageDraft,
  type OutboxRecord,
} from '../domain/message-drafts'
import { COLLECTIONS } from '../domain/names'
import { command, db, readDoc, readList, type Transaction } from './database'

export type { MessageDraft } from '../domain/message-drafts'

/** Writes one pending outbox row (or nothing, when the key was queued before); returns its id. */
export async function queueMessage(
  transaction: Transaction,
  draft: MessageDraft,
  now: Date,
): Promise<string> {
  const id = outboxIdOf(draft.key)
  const ref = transaction.collection(COLLECTIONS.notificationQueue).doc(id)
  if (await readDoc(ref)) return id
  const { _id, ...row } = newOutboxRecord(draft, now)
  void _id
  await ref.set({ data: row })
  return id
}

/** At most this many drafts per call: one `_id in` read answers at most 100 rows. */
export const QUEUE_BATCH_MAX = 100

/**
 * Queues up to 100 drafts in two round trips, outside any transaction: one read of which of
 * their rows exist (a run that died after queueing them), one batch add of the rest. For callers
 * that alone may queue these keys right now (the refill timer holds a claim on each reminder),
 * so nothing else adds the missing rows between the read and the add. If the add fails (it may
 * have written some rows, or all, before the error) this throws; a later call reads which exist
 * and adds only the others, and since the id is unique no row is ever written twice.
 * Returns every draft's row id (`ids`) and the ones this call wrote (`added`).
 */
export async function queueMessagesOnce(
  drafts: MessageDraft[],
  now: Date,
): Promise<{ ids: string[]; added: string[] }> {
  if (drafts.length > QUEUE_BATCH_MAX)
    throw new Error(`queueMessagesOnce: ${drafts.length} drafts, at most ${QUEUE_BATCH_MAX}`)
  const rows = drafts.map((draft) => newOutboxRecord(draft, now))
  const ids = rows.map((row) => row._id)
  if (rows.length === 0) return { ids, added: [] }
  const outbox = db.collection(COLLECTIONS.notificationQueue)
  const present = await readList<Pick<OutboxRecord, '_id'>>(
    outbox
      .where({ _id: command.in(ids) })
      .field({ _id: true })
      .limit(rows.length),
  )
  const seen = new Set(present.map((row) => row._id))
  const missing = rows.filter((row) => !seen.has(row._id))
  // The SDK sends an array as one insertDocument request (one round trip for the batch).
  if (missing.length) await outbox.add({ data: missing as unknown as OutboxRecord })
  return { ids, added: missing.map((row) => row._id) }
}
