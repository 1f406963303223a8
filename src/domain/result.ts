// The one response envelope every cloud action returns and every page reads.
import { ERROR_MESSAGES, type ErrorCode } from './errors'

export type Ok<T> = { ok: true; data: T }
export type Fail = { ok: false; code: ErrorCode; message: string }
export type Result<T> = Ok<T> | Fail

export function ok<T>(data: T): Ok<T> {
  return { ok: true, data }
}

/** A failed envelope; the message defaults to the code's standard Chinese text. */
export function fail(code: ErrorCode, message: string = ERROR_MESSAGES[code]): Fail {
  return { ok: false, code, message }
}

export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  if (v.ok === true) return 'data' in v
  return v.ok === false && typeof v.code === 'string' && typeof v.message === 'string'
}
