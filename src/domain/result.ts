// The one response envelope every cloud action returns and every page reads.
import { ERROR_MESSAGES, type ErrorCode } from './errors'

export type Ok<T> = { ok: true; data: T }
/** `field` (optional) is the input path a form shows the message next to, e.g. `measurements.neck`. */
export type Fail = { ok: false; code: ErrorCode; message: string; field?: string }
export type Result<T> = Ok<T> | Fail

export function ok<T>(data: T): Ok<T> {
  return { ok: true, data }
}

/** A failed envelope; the message defaults to the code's standard Chinese text. */
export function fail(code: keyof typeof ERROR_MESSAGES, message?: string, field?: string): Fail
/** A visit code (visit-errors.ts) brings its message: visitFail gives it. */
export function fail(code: ErrorCode, message: string, field?: string): Fail
export function fail(
  code: ErrorCode,
  message: string = ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES],
  field?: string,
): Fail {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field }
}

export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  if (v.ok === true) return 'data' in v
  return v.ok === false && typeof v.code === 'string' && typeof v.message === 'string'
}

/** Answers that may change if the same call is sent again: the network, the server, a race. */
export const RETRYABLE_CODES: readonly ErrorCode[] = ['NETWORK', 'INTERNAL', 'CONFLICT']

/** Whether a call's answer settles it: ok, or a refusal that sending again would not change. */
export const isFinalAnswer = (result: Result<unknown>) =>
  result.ok || !RETRYABLE_CODES.includes(result.code)
