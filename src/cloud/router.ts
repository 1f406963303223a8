// One entry per cloud function: validates the event, dispatches on `action`, and turns every
// outcome (including a throw) into the one response envelope. Stack traces go to the log only.
import { fail, isResult, type Result } from '../domain/result'
import { parsePayload, type Check } from '../domain/validate'
import { currentCaller, type Caller } from './context'

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

export function createRouter(functionName: string, actions: Record<string, Action>) {
  return async function main(event: unknown): Promise<Result<unknown>> {
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      return fail('BAD_REQUEST')
    const { action, payload } = event as { action?: unknown; payload?: unknown }
    if (typeof action !== 'string') return fail('BAD_REQUEST', '请求缺少操作名称')
    const handler = Object.prototype.hasOwnProperty.call(actions, action)
      ? actions[action]
      : undefined
    if (!handler) return fail('UNKNOWN_ACTION', `不支持的操作：${action.slice(0, 40)}`)
    try {
      const result = await handler(payload, currentCaller())
      if (isResult(result)) return result
      console.error(`[${functionName}.${action}] returned a non-envelope value`)
      return fail('INTERNAL')
    } catch (error) {
      console.error(`[${functionName}.${action}] failed`, error)
      return fail('INTERNAL')
    }
  }
}
