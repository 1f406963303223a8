// Merchant accounts live in the `merchants` collection (document id = OPENID); whatever the
// client shows, every admin action checks here.
import { COLLECTIONS } from '../domain/names'
import { fail, type Result } from '../domain/result'
import { requireUser, type Caller } from './context'
import { db, readDoc } from './database'

export async function isMerchant(openid: string): Promise<boolean> {
  return (await readDoc(db.collection(COLLECTIONS.merchants).doc(openid))) !== null
}

/** The caller's OPENID when they are a merchant; UNAUTHENTICATED or FORBIDDEN otherwise. */
export async function requireMerchant(caller: Caller): Promise<Result<string>> {
  const user = requireUser(caller)
  if (!user.ok) return user
  return (await isMerchant(user.data)) ? user : fail('FORBIDDEN', '仅商家可以进行此操作')
}
