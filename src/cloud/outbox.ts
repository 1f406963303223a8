// The outbox (`notification_queue`): state changes and reminders queue their message inside
// their own transaction, so a message exists exactly when its change committed. The row id
// derives from the draft's key: queueing the same key again finds the row and writes nothing.
import { newOutboxRecord, outboxIdOf, type MessageDraft } from '../domain/message-drafts'
import { COLLECTIONS } from '../domain/names'
import { readDoc, type Transaction } from './database'

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
