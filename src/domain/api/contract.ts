// One contract per cloud action: the function and action names, the payload check the function
// runs (and forms run before sending), what the caller sends, and what the action answers. The
// function's router, the page's call and the tests take the contract, so none of them states a
// payload or result type by hand.
import { ACTIONS, type FunctionName } from '../names'
import type { Check } from '../validate'

/**
 * A server type as it arrives after JSON (the SDK's and the local cloud's trip): Date -> ISO
 * string, recursively; everything else as it is.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T

/**
 * `P` is what the check gives the action, `In` what a caller sends, `R` what the action returns
 * on the server (callers receive `Wire<R>`).
 */
export interface Contract<P = unknown, In = unknown, R = unknown> {
  readonly fn: FunctionName | string
  readonly action: string
  readonly payload: Check<P, In>
  /** A type only: never set. */
  readonly returns?: R
}

/** The result type of a contract, as a type-only marker: `returns<{ order: OrderRecord }>()`. */
export type Returns<R> = { readonly returns?: R }
export const returns = <R>(): Returns<R> => ({})

/** What the check gives the action (inside the function). */
export type PayloadOf<C> = C extends Contract<infer P, unknown, unknown> ? P : never
/** What a caller sends. */
export type InputOf<C> = C extends Contract<unknown, infer In, unknown> ? In : never
/** What the action returns inside the function. */
export type ReturnOf<C> = C extends Contract<unknown, unknown, infer R> ? R : never
/** What a caller receives in `data`. */
export type ResultOf<C> = Wire<ReturnOf<C>>

/** A payload argument, left out when the action takes nothing (or only optional fields). */
export type PayloadArgs<C> =
  undefined extends InputOf<C>
    ? [payload?: InputOf<C>]
    : Record<string, never> extends InputOf<C>
      ? [payload?: InputOf<C>]
      : [payload: InputOf<C>]

export function contract<P, In, R>(
  fn: FunctionName | string,
  action: string,
  payload: Check<P, In>,
  result: Returns<R>,
): Contract<P, In, R> {
  void result
  return { fn, action, payload }
}

/** Contracts of one function; the action name must be one of ACTIONS[fn]. */
export function contractsOf<F extends FunctionName>(fn: F) {
  return <P, In, R>(
    action: Extract<keyof (typeof ACTIONS)[F], string>,
    payload: Check<P, In>,
    result: Returns<R>,
  ): Contract<P, In, R> =>
    contract(fn, (ACTIONS[fn] as Record<string, string>)[action], payload, result)
}
