// One entry per cloud function: validates the event, dispatches on `action`, and turns every
// outcome (including a throw) into the one response envelope. Stack traces go to the log only.
import type { Contract, PayloadOf, ReturnOf } from '../domain/api/contract'
import { fail, isResult, type Result } from '../domain/result'
import { parsePayload } from '../domain/validate'
import { currentCaller, requireUser, type Caller } from './context'
import { TransactionConflict } from './database'
import { requireMerchant } from './merchants'

/** An action's handler, tied to its contract (the router is typed from the map of contracts). */
export interface Action<C extends Contract = Contract> {
  (payload: unknown, caller: Caller): Promise<Result<unknown>>
  readonly contract: C
}

type Run<C, Who> = (input: PayloadOf<C>, who: Who) => Promise<Result<ReturnOf<C>>>

/** Declares an action: the contract's payload check runs before `run`, so bad input never reaches the database. */
export function defineAction<C extends Contract>(contract: C, run: Run<C, Caller>): Action<C> {
  const action = async (payload: unknown, caller: Caller): Promise<Result<unknown>> => {
    const parsed = parsePayload(contract.payload, payload)
    return parsed.ok ? run(parsed.data as PayloadOf<C>, caller) : parsed
  }
  return Object.assign(action, { contract })
}

/** An action only signed-in users may call: `run` gets the caller's OPENID, anonymous callers get UNAUTHENTICATED. */
export function defineUserAction<C extends Contract>(contract: C, run: Run<C, string>): Action<C> {
  return defineAction(contract, async (input, caller) => {
    const user = requireUser(caller)
    return user.ok ? run(input, user.data) : user
  })
}

/**
 * An action only merchants may call (checked against the merchants collection on every call):
 * `run` gets the merchant's OPENID; others get UNAUTHENTICATED or FORBIDDEN.
 */
export function defineMerchantAction<C extends Contract>(
  contract: C,
  run: Run<C, string>,
): Action<C> {
  return defineAction(contract, async (input, caller) => {
    const merchant = await requireMerchant(caller)
    return merchant.ok ? run(input, merchant.data) : merchant
  })
}

/**
 * Work a function's timer trigger does (`trigger`: its name in config.json, TIMER_TRIGGERS); it
 * runs with no user and returns a summary for the log.
 */
export interface TimerJob {
  trigger: string
  run: () => Promise<Result<unknown>>
}

/**
 * Only WeChat's timer fires the timer job: its event names this function's trigger, and the
 * platform says SOURCE wx_trigger with no OPENID. A client (even an anonymous one) can copy the
 * event but not the SOURCE.
 */
function isTimerCall(event: object, caller: Caller, trigger: string): boolean {
  const { Type, TriggerName } = event as { Type?: unknown; TriggerName?: unknown }
  return (
    Type === 'Timer' &&
    TriggerName === trigger &&
    caller.source === 'wx_trigger' &&
    caller.openid === null
  )
}

/** A handler for every contract of the function, each declared from its own contract. */
export type Handlers<Api extends Record<string, Contract>> = { [K in keyof Api]: Action<Api[K]> }

export function createRouter<Api extends Record<string, Contract>>(
  functionName: string,
  api: Api,
  handlers: Handlers<Api>,
  timer?: TimerJob,
) {
  const byAction = new Map<string, Action>(
    Object.keys(api).map((key) => [api[key].action, handlers[key] as Action]),
  )
  return async function main(event: unknown): Promise<Result<unknown>> {
    if (typeof event !== 'object' || event === null || Array.isArray(event))
      return fail('BAD_REQUEST')
    const caller = currentCaller()
    if (timer && isTimerCall(event, caller, timer.trigger))
      return settle(`${functionName}.timer`, timer.run)
    const { action, payload } = event as { action?: unknown; payload?: unknown }
    if (typeof action !== 'string') return fail('BAD_REQUEST', '请求缺少操作名称')
    const handler = byAction.get(action)
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
