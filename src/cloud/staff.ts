// Who a caller is to the visit function, read from the database on every call, never from the
// payload: the shop's owner (a `merchants` account, or a `staff` row with role owner) keeps every
// right; a staff member is a `staff` row whose openid is the caller's (getWXContext()).
import { COLLECTIONS } from '../domain/names'
import { fail, ok, type Result } from '../domain/result'
import type { StaffRecord } from '../domain/visit-booking'
import { requireUser, type Caller } from './context'
import { db, readList } from './database'
import { isMerchant } from './merchants'

export const staffRows = () => db.collection(COLLECTIONS.staff)

/** The caller's active staff row (index `openid`), or null. */
export async function staffOf(openid: string): Promise<StaffRecord | null> {
  const [row] = await readList<StaffRecord>(staffRows().where({ openid, active: true }).limit(1))
  return row ?? null
}

/** The caller's staff row; UNAUTHENTICATED or FORBIDDEN otherwise. */
export async function requireStaff(caller: Caller): Promise<Result<StaffRecord>> {
  const user = requireUser(caller)
  if (!user.ok) return user
  const row = await staffOf(user.data)
  return row ? ok(row) : fail('FORBIDDEN', '仅服务师傅可以进行此操作')
}

/** Whether the caller has the owner's rights over visits. */
export async function isVisitOwner(openid: string): Promise<boolean> {
  if (await isMerchant(openid)) return true
  return (await staffOf(openid))?.role === 'owner'
}

/** The caller's OPENID when they are the owner; UNAUTHENTICATED or FORBIDDEN otherwise. */
export async function requireVisitOwner(caller: Caller): Promise<Result<string>> {
  const user = requireUser(caller)
  if (!user.ok) return user
  return (await isVisitOwner(user.data)) ? user : fail('FORBIDDEN', '仅商家可以进行此操作')
}
