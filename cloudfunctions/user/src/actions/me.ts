// user.me — any signed-in caller. Registers the caller on first sight and counts each visit.
// Concurrency: read and write inside one transaction, so parallel first visits count every call
// and never create two records (the loser of a conflict is retried by runTransaction).
import { COLLECTIONS } from '@/domain/names'
import { toProfile, type UserRecord } from '@/domain/profile'
import { ok } from '@/domain/result'
import { inTransaction, readDoc } from '@/cloud/database'
import { isMerchant } from '@/cloud/merchants'
import { userApi } from '@/domain/api/user'
import { defineUserAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

export const me = defineUserAction(userApi.me, async (_input, openid) => {
  const now = currentTime()
  const record = await inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.users).doc(openid)
    const existing = await readDoc<UserRecord>(ref)
    const next: UserRecord = existing
      ? { ...existing, visits: existing.visits + 1, lastSeenAt: now }
      : { _id: openid, visits: 1, firstSeenAt: now, lastSeenAt: now }
    const { _id, ...fields } = next
    await ref.set({ data: fields })
    return next
  })
  return ok(toProfile(record, (await isMerchant(openid)) ? 'merchant' : 'consumer'))
})
