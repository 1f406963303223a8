// visit.joinStaff — any signed-in user with an invite code the owner handed them: their OPENID
// (getWXContext, never the payload) is bound to the invited row, once. One transaction re-reads
// the row, so of parallel joins with one code one wins and the others answer INVITE_USED; the
// same caller's retry answers ok with `already`. The unique `openid` index stops one person
// joining twice with two codes at once (the loser conflicts, then sees ALREADY_STAFF).
import { visitStaffApi } from '@/domain/api/visit-staff'
import { COLLECTIONS } from '@/domain/names'
import { ok } from '@/domain/result'
import type { StaffRecord } from '@/domain/visit-booking'
import { visitFail } from '@/domain/visit-errors'
import { isJoined } from '@/domain/visit-staff'
import { currentTime } from '@/cloud/clock'
import { inTransaction, readDoc, readList } from '@/cloud/database'
import { defineUserAction } from '@/cloud/router'
import { staffRows } from '@/cloud/staff'

export const joinStaff = defineUserAction(visitStaffApi.joinStaff, async ({ code }, openid) => {
  const now = currentTime()
  const [found] = await readList<StaffRecord>(staffRows().where({ 'invite.code': code }).limit(1))
  if (!found) return visitFail('INVITE_INVALID', undefined, 'code')
  return inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.staff).doc(found._id)
    const row = await readDoc<StaffRecord>(ref)
    if (!row?.invite || row.invite.code !== code)
      return visitFail('INVITE_INVALID', undefined, 'code')
    if (row.openid === openid) return ok({ name: row.name, already: true })
    if (isJoined(row)) return visitFail('INVITE_USED', undefined, 'code')
    if (new Date(row.invite.expiresAt) <= now) return visitFail('INVITE_EXPIRED', undefined, 'code')
    // A transaction cannot query: whether the caller has a row (active or not) is read beside it.
    const [mine] = await readList<StaffRecord>(staffRows().where({ openid }).limit(1))
    if (mine) return visitFail('ALREADY_STAFF')
    const invite = { ...row.invite, expiresAt: new Date(row.invite.expiresAt), usedAt: now }
    await ref.update({ data: { openid, invite, updatedAt: now } })
    return ok({ name: row.name, already: false })
  })
})
