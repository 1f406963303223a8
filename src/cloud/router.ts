// One entry per cloud function: validates the event, dispatches on `action`, and turns every
// outcome (including a throw) into the one response envelope. Stack traces go to the log only.
import { fail, isResult, type Result } from '../domain/result'
import { parsePayload, type Check } from '../domain/validate'
import { currentCaller, requireUser, type Caller } from './context'
import { TransactionConflict } from './database'

export type Action = (payload: unknown, caller: Caller) => Promise<Result<unknown>>

/** Declares an action: its payload check runs before `run`, so bad input never reaches the database. */
export function defineAction<P, T>(
  payloadCheck: Check<P>,
  run: (input: P, caller: Caller) => Promise<Result<T>>,
): Action {
  return async (payload, caller) => {
    const parsed = parsePayload(payloadCheck, payload)
    return parsed.ok ? run(parsed.data, caller) : parsed
  }
}

/** An action only signed-in users may call: `run` gets the caller's OPENID, anonymous callers get UNAUTHENTICATED. */
export function defineUserAction<P, T>(
  payloadCheck: Check<P>,
  run: (input: P, openid: string) => Promise<Result<T>>,
): Action {
  return defineAction(payloadCheck, async (input, caller) => {
    const user = requireUser(caller)
    return user.ok ? run(input, user.data) : user
  })
}

/** Work a function's timer trigger does; it runs with no user and returns a summary for the log. */
export type TimerJob = () => Promise<Result<unknown>>

/**
 * A timer trigger's event is `{ Type: 'Timer', ... }` and carries no OPENID; a client could send
 * the same shape through callFunction, but never without its OPENID, so both are required.
 */
function isTimerCall(event: object, caller: Caller): boolean {
  return (event as { Type?: unknown }).Type === 'Timer' && caller.openid === null
}

export function createRouter(
  functionName: string,
  actions: Record<string, Action>,
  timer?: TimerJob,
) {
  return async function main(event: unknown): Promise<Result<unknown>> {
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      return fail('BAD_REQUEST')
    const caller = currentCaller()
    if (timer && isTimerCall(event, caller)) return settle(`${functionName}.timer`, timer)
    const { action, payload } = event as { action?: unknown; payload?: unknown }
    if (typeof action !== 'string') return fail('BAD_REQUEST', '请求缺少操作名称')
    const handler = Object.prototype.hasOwnProperty.call(actions, action)
      ? actions[action]
      : undefined
    if (!handler) return fail('UNKNOWN_ACTION', `不支持的操作：${action.slice(0, 40)}`)
    return settle(`${functionName}.${action}`, () => handler(payload, caller))
  }
}

async function settle(
  name: string,
  work: () => Promise<Result<unknown>>,
): Promise<Result<unknown>> {
  try {
    const result = await work()
    if (isResult(result)) return result
    console.error(`[${name}] returned a non-envelope value`)
    return fail('INTERNAL')
  } catch (error) {
    // Contention, not a bug: the caller may retry (a stable code rather than INTERNAL).
    if (error instanceof TransactionConflict) return fail('CONFLICT')
    console.error(`[${name}] failed`, error)
    return fail('INTERNAL')
  }
}
