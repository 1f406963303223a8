// A small payload validator shared by pages (inline errors) and cloud functions (rejecting bad
// input before anything is written). Each check reports the first problem with a Chinese
// message naming the field, so a form can show it next to the input.
import { fail, ok, type Result } from './result'

export type Checked<T> = { ok: true; value: T } | { ok: false; path: string; message: string }
/**
 * Checks an unknown value and gives a `T`. `In` is what a caller sends for it, when that differs
 * (an instant travels as an ISO string and is checked into a Date); it is a type only.
 */
export interface Check<T, In = T> {
  (value: unknown, path: string): Checked<T>
  readonly sent?: In
}
/** What a check gives. */
export type Infer<C> = C extends Check<infer T, unknown> ? T : never
/** What a caller sends for a check (a payload type on the client). */
export type InputOf<C> = C extends Check<unknown, infer In> ? In : never

/** A text check that also says its limit, so a form stops input and counts where the server does. */
export interface TextCheck extends Check<string> {
  readonly maxLength: number
}

/** Characters as a person counts them (an emoji is one), the unit of every text limit. */
export const charCount = (text: string): number => Array.from(text).length

export const valid = <T>(value: T): Checked<T> => ({ ok: true, value })
export const invalid = (path: string, message: string): Checked<never> => ({
  ok: false,
  path,
  message,
})
/** An object that is not an array (or null): a payload, a map, an event's input. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Invisible characters that change how the text around them is shown: the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and direction marks (U+200E,
 * U+200F, U+061C) — Simplified Chinese text never needs them, and they make a stored note or
 * name read differently from what it holds — and the zero-width space, word joiner and byte-order
 * mark (U+200B, U+2060, U+FEFF), which only make equal-looking text differ. They are removed from
 * every free text. The zero-width joiner and non-joiner stay: emoji sequences (👨‍👩‍👧) need them.
 */
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g
/** C0 and C1 control characters and DEL, except tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/
const LINE_BREAK_OR_TAB = /[\t\n\r]/
/** Half of a surrogate pair on its own: with the `u` flag a whole pair is one code point. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/**
 * Every free text a person types, before it is trimmed, counted or stored: invisible direction
 * and zero-width characters are removed; a control character (NUL included) or a lone surrogate
 * is refused — no one types them, and PostgreSQL (the local cloud) cannot store the latter two,
 * so refusing them everywhere keeps the local and the real cloud alike. A one-line field (a
 * name, an address) also refuses tabs and line breaks; a note may have them.
 * Used by `string()` and by the product's own text fields (order-selection.ts).
 */
export function cleanText(
  text: string,
  label: string,
  opts: { oneLine?: boolean } = {},
): { ok: true; text: string } | { ok: false; message: string } {
  if (CONTROL.test(text) || LONE_SURROGATE.test(text))
    return { ok: false, message: `${label}含有无法保存的字符` }
  const cleaned = text.replace(INVISIBLE, '')
  if (opts.oneLine && LINE_BREAK_OR_TAB.test(cleaned.trim()))
    return { ok: false, message: `${label}只能填写一行` }
  return { ok: true, text: cleaned }
}

/** The first `max` characters of a caller's text, for a message: never half a character. */
export const shownText = (text: string, max = 40): string => Array.from(text).slice(0, max).join('')

/**
 * A free text: cleaned (`cleanText`), trimmed unless `trim: false`, then counted in characters.
 * `oneLine` for names, addresses and the like (no tab or line break); notes may have several
 * lines.
 */
export function string(opts: {
  label: string
  min?: number
  max: number
  trim?: boolean
  oneLine?: boolean
}): TextCheck {
  const { label, min = 1, max, trim = true, oneLine = false } = opts
  const check: Check<string> = (value, path) => {
    if (typeof value !== 'string') return invalid(path, `${label}必须是文字`)
    const cleaned = cleanText(value, label, { oneLine })
    if (!cleaned.ok) return invalid(path, cleaned.message)
    const text = trim ? cleaned.text.trim() : cleaned.text
    const length = charCount(text)
    if (length < min)
      return invalid(path, min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    if (length > max) return invalid(path, `${label}不能超过 ${max} 个字`)
    return valid(text)
  }
  return Object.assign(check, { maxLength: max })
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

/** A finite number in [min, max] with at most `decimals` digits after the point (rounded to them). */
export function decimal(opts: {
  label: string
  min: number
  max: number
  decimals: number
}): Check<number> {
  const { label, min, max, decimals } = opts
  const scale = 10 ** decimals
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return invalid(path, `${label}必须是数字`)
    if (value < min || value > max) return invalid(path, `${label}应在 ${min} 到 ${max} 之间`)
    const scaled = Math.round(value * scale)
    if (Math.abs(value * scale - scaled) > 1e-6)
      return invalid(path, `${label}最多保留 ${decimals} 位小数`)
    return valid(scaled / scale)
  }
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** A document id as the client echoes it back: letters, digits, `_` and `-` only. */
export function id(label: string): Check<string> {
  return (value, path) =>
    typeof value === 'string' && ID_PATTERN.test(value)
      ? valid(value)
      : invalid(path, `${label}格式不正确`)
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/

/**
 * An ISO-8601 instant with an explicit zone (`Z` or `+08:00`), as a Date. A time without a zone
 * is ambiguous between the phone and the server, so it is refused.
 */
export function instant(label: string): Check<Date, string> {
  return (value, path) => {
    const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null
    if (!match) return invalid(path, `${label}必须是带时区的 ISO 时间`)
    const [year, month, day, hour, minute, second = '0', offsetHour = '0', offsetMinute = '0'] =
      match.slice(1)
    const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()
    const inRange =
      Number(month) >= 1 &&
      Number(month) <= 12 &&
      Number(day) >= 1 &&
      Number(day) <= daysInMonth &&
      Number(hour) <= 23 &&
      Number(minute) <= 59 &&
      Number(second) <= 59 &&
      Number(offsetHour) <= 14 &&
      Number(offsetMinute) <= 59
    const date = new Date(value as string)
    return inRange && !Number.isNaN(date.getTime())
      ? valid(date)
      : invalid(path, `${label}不是有效的时间`)
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

export function optional<T, In>(check: Check<T, In>): Check<T | undefined, In | undefined> {
  return (value, path) => (value === undefined ? valid(undefined) : check(value, path))
}

/** A missing value becomes `fallback`; anything else must pass `check`. */
export function withDefault<T, In>(check: Check<T, In>, fallback: T): Check<T, In | undefined> {
  return (value, path) => (value === undefined ? valid(fallback) : check(value, path))
}

/**
 * A check, then a further one on its result (a rule across fields): `then` checks the whole
 * value and gives a part, `merge` puts that part back.
 */
export function refine<T, In, U>(
  check: Check<T, In>,
  then: (value: T, path: string) => Checked<U>,
  merge: (value: T, part: U) => T,
): Check<T, In> {
  return (value, path) => {
    const first = check(value, path)
    if (!first.ok) return first
    const second = then(first.value, path)
    return second.ok ? valid(merge(first.value, second.value)) : second
  }
}

type Shape = Record<string, Check<unknown, unknown>>
/** Fields whose check accepts `undefined` (`optional(...)`) may be left out. */
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: undefined extends Infer<S[K]> ? K : never
}[keyof S]
type Flat<T> = { [K in keyof T]: T[K] }
type ShapeValue<S extends Shape> = Flat<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
    [K in OptionalKeys<S>]?: Infer<S[K]>
  }
>
/** Fields a caller may leave out (`optional(...)`, `withDefault(...)`). */
type OptionalInputKeys<S extends Shape> = {
  [K in keyof S]: undefined extends InputOf<S[K]> ? K : never
}[keyof S]
type ShapeInput<S extends Shape> = Flat<
  { [K in Exclude<keyof S, OptionalInputKeys<S>>]: InputOf<S[K]> } & {
    [K in OptionalInputKeys<S>]?: InputOf<S[K]>
  }
>

/** An object with exactly these fields: unknown fields are rejected, not ignored. */
export function object<S extends Shape>(shape: S): Check<ShapeValue<S>, ShapeInput<S>> {
  return (value, path) => {
    if (!isPlainObject(value)) return invalid(path, '请求内容必须是对象')
    // Own keys only: `key in shape` would let `toString`, `constructor`, `__proto__` through.
    const extra = Object.keys(value).find(
      (key) => !Object.prototype.hasOwnProperty.call(shape, key),
    )
    if (extra !== undefined) return invalid(join(path, extra), `不支持的字段：${shownText(extra)}`)
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(shape)) {
      const checked = shape[key](value[key], join(path, key))
      if (!checked.ok) return checked
      if (checked.value !== undefined) out[key] = checked.value
    }
    return valid(out as ShapeValue<S>)
  }
}

/** A list of `min`..`max` items, each checked (paths name the index: `slots.3.startsAt`). */
export function array<T, In>(
  item: Check<T, In>,
  opts: { label: string; min?: number; max: number },
): Check<T[], In[]> {
  const { label, min = 1, max } = opts
  return (value, path) => {
    if (!Array.isArray(value)) return invalid(path, `${label}必须是列表`)
    if (value.length < min) return invalid(path, `请至少填写 ${min} 项${label}`)
    if (value.length > max) return invalid(path, `${label}一次最多 ${max} 项`)
    const out: T[] = []
    for (let index = 0; index < value.length; index += 1) {
      const checked = item(value[index], join(path, String(index)))
      if (!checked.ok) return checked
      out.push(checked.value)
    }
    return valid(out)
  }
}

/**
 * A map from short keys to checked values, such as `{ chest: 96.5 }`. Keys must match `key`
 * (so `$gt`, `__proto__` or dotted paths never reach the database); at most `maxKeys`.
 */
export function record<T, In>(
  value: Check<T, In>,
  opts: { label: string; key: RegExp; min?: number; maxKeys: number },
): Check<Record<string, T>, Record<string, In>> {
  const { label, key, min = 1, maxKeys } = opts
  return (input, path) => {
    if (!isPlainObject(input)) return invalid(path, `${label}格式不正确`)
    const keys = Object.keys(input)
    if (keys.length < min) return invalid(path, `请至少填写 ${min} 项${label}`)
    if (keys.length > maxKeys) return invalid(path, `${label}最多 ${maxKeys} 项`)
    const out: Record<string, T> = {}
    for (const name of keys) {
      if (!key.test(name)) return invalid(join(path, name), `${label}中的项目名称不正确`)
      const checked = value(input[name], join(path, name))
      if (!checked.ok) return checked
      out[name] = checked.value
    }
    return valid(out)
  }
}

/** Accepts any value as it is: for a part a domain validator checks next (e.g. an order selection). */
export const checkedLater: Check<unknown> = (value) => valid(value)

/** For actions that take nothing: accepts a missing payload or `{}`. */
export const noPayload: Check<Record<string, never>> = (value, path) =>
  value === undefined || value === null ? valid({}) : object({})(value, path)

/** Runs a check on an action payload and turns the first problem into a failed envelope. */
export function parsePayload<T, In>(check: Check<T, In>, payload: unknown): Result<T> {
  const checked = check(payload, '')
  return checked.ok
    ? ok(checked.value)
    : fail('INVALID_INPUT', checked.message, checked.path || undefined)
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key
}
