// user.me — any signed-in caller. Registers the caller on first sight and counts each visit.
// Concurrency: read and write inside one transaction, so parallel first visits count every call
// and never create two records (the loser of a conflict is retried by runTransaction).
import { COLLECTIONS } from '@/domain/names'
import { toProfile, type UserRecord } from '@/domain/profile'
import { ok } from '@/domain/result'
import { noPayload } from '@/domain/validate'
import { requireUser } from '@/cloud/context'
import { db, inTransaction, readDoc } from '@/cloud/database'
import { defineAction } from '@/cloud/router'

export const me = defineAction(noPayload, async (_input, caller) => {
  const user = requireUser(caller)
  if ('ok' in user) return user
  const now = new Date()
  const record = await inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.users).doc(user.openid)
    const existing = await readDoc<UserRecord>(ref)
    const next: UserRecord = existing
      ? { ...existing, visits: existing.visits + 1, lastSeenAt: now }
      : { _id: user.openid, visits: 1, firstSeenAt: now, lastSeenAt: now }
    const { _id, ...fields } = next
    await ref.set({ data: fields })
    return next
  })
  const merchant = await readDoc(db.collection(COLLECTIONS.merchants).doc(user.openid))
  return ok(toProfile(record, merchant ? 'merchant' : 'consumer'))
})
