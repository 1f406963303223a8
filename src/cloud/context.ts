// Who is calling, read only from the platform (getWXContext), never from the payload.
import * as cloud from 'wx-server-sdk'
import { fail, ok, type Result } from '../domain/result'

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

/** The caller's OPENID, or UNAUTHENTICATED when no user is behind the call. */
export function requireUser(caller: Caller): Result<string> {
  return caller.openid === null ? fail('UNAUTHENTICATED') : ok(caller.openid)
}

/** The environment this function runs in (getWXContext().ENV: TCB_ENV, set by the platform or
 * the local cloud); '' when unknown, which no photo id matches. */
export function currentEnv(): string {
  const env = cloud.getWXContext().ENV
  return typeof env === 'string' ? env : ''
}
