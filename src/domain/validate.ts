// A small payload validator shared by pages (inline errors) and cloud functions (rejecting bad
// input before anything is written). Each check reports the first problem with a Chinese
// message naming the field, so a form can show it next to the input.
import { fail, ok, type Result } from './result'

export type Checked<T> = { ok: true; value: T } | { ok: false; path: string; message: string }
export type Check<T> = (value: unknown, path: string) => Checked<T>
export type Infer<C> = C extends Check<infer T> ? T : never

const valid = <T>(value: T): Checked<T> => ({ ok: true, value })
const invalid = (path: string, message: string): Checked<never> => ({ ok: false, path, message })
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function string(opts: {
  label: string
  min?: number
  max: number
  trim?: boolean
}): Check<string> {
  const { label, min = 1, max, trim = true } = opts
  return (value, path) => {
    if (typeof value !== 'string') return invalid(path, `${label}必须是文字`)
    const text = trim ? value.trim() : value
    if (text.length < min)
      return invalid(path, min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    if (text.length > max) return invalid(path, `${label}不能超过 ${max} 个字`)
    return valid(text)
  }
}

export function integer(opts: { label: string; min: number; max: number }): Check<number> {
  const { label, min, max } = opts
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value))
      return invalid(path, `${label}必须是整数`)
    if (value < min || value > max) return invalid(path, `${label}应在 ${min} 到 ${max} 之间`)
    return valid(value)
  }
}

export function boolean(label: string): Check<boolean> {
  return (value, path) =>
    typeof value === 'boolean' ? valid(value) : invalid(path, `${label}格式不正确`)
}

export function oneOf<T extends string>(label: string, values: readonly T[]): Check<T> {
  return (value, path) =>
    typeof value === 'string' && (values as readonly string[]).includes(value)
      ? valid(value as T)
      : invalid(path, `${label}不在可选范围内`)
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, path) => (value === undefined ? valid(undefined) : check(value, path))
}

type Shape = Record<string, Check<unknown>>
type ShapeValue<S extends Shape> = { [K in keyof S]: Infer<S[K]> }

/** An object with exactly these fields: unknown fields are rejected, not ignored. */
export function object<S extends Shape>(shape: S): Check<ShapeValue<S>> {
  return (value, path) => {
    if (!isPlainObject(value)) return invalid(path, '请求内容必须是对象')
    const extra = Object.keys(value).find((key) => !(key in shape))
    if (extra !== undefined) return invalid(join(path, extra), `不支持的字段：${extra}`)
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(shape)) {
      const checked = shape[key](value[key], join(path, key))
      if (!checked.ok) return checked
      if (checked.value !== undefined) out[key] = checked.value
    }
    return valid(out as ShapeValue<S>)
  }
}

/** For actions that take nothing: accepts a missing payload or `{}`. */
export const noPayload: Check<Record<string, never>> = (value, path) =>
  value === undefined || value === null ? valid({}) : object({})(value, path)

/** Runs a check on an action payload and turns the first problem into a failed envelope. */
export function parsePayload<T>(check: Check<T>, payload: unknown): Result<T> {
  const checked = check(payload, '')
  return checked.ok ? ok(checked.value) : fail('INVALID_INPUT', checked.message)
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key
}
