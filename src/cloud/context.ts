// Who is calling, read only from the platform (getWXContext), never from the payload.
import * as cloud from 'wx-server-sdk'
import { fail, type Fail } from '../domain/result'

export interface Caller {
  /** null when no user is behind the call (timer triggers, console tests). */
  openid: string | null
  source: string
}

export function currentCaller(): Caller {
  const context = cloud.getWXContext()
  const openid = typeof context.OPENID === 'string' && context.OPENID !== '' ? context.OPENID : null
  return { openid, source: String(context.SOURCE ?? '') }
}

/** The caller's OPENID, or the failure to return when the action needs a signed-in user. */
export function requireUser(caller: Caller): { openid: string } | Fail {
  return caller.openid === null ? fail('UNAUTHENTICATED') : { openid: caller.openid }
}
