// Conversions between the three representations of a document:
//   wire   canonical EJSON strings the SDK sends and expects ({"$numberInt":"5"}, {"$date":…})
//   value  plain JS values (numbers, Date, …) that mingo queries and updates
//   stored JSONB in PostgreSQL; a Date is stored as {"$date":"<ISO-8601 UTC>"} so that string
//          order is time order and it comes back as a Date.
import { EJSON } from 'bson'
import { adminErrors } from '../errors'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Parses one EJSON string from the SDK; `$tcb_server_date` becomes server time + offset. */
export function parseWire(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw adminErrors.invalidParam(`${what} must be an EJSON string`)
  let value: unknown
  try {
    value = EJSON.parse(text, { relaxed: true })
  } catch (error) {
    throw adminErrors.invalidParam(`${what} is not valid EJSON: ${(error as Error).message}`)
  }
  return resolveServerDates(value, Date.now())
}

function resolveServerDates(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveServerDates(item, now))
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const offset = Number((value.$tcb_server_date as { offset?: unknown } | null)?.offset ?? 0)
    return new Date(now + (Number.isFinite(offset) ? offset : 0))
  }
  const out: Record<string, unknown> = {}
  for (const key of keys) out[key] = resolveServerDates(value[key], now)
  return out
}

/** A value (document, query, …) as the SDK expects it back: canonical EJSON text. */
export function toWire(value: unknown): string {
  return EJSON.stringify(value as Record<string, unknown>, { relaxed: false })
}

export function toStored(value: unknown): Json {
  if (value instanceof Date) return { $date: value.toISOString() }
  if (Array.isArray(value)) return value.map(toStored)
  if (value === undefined) return null
  if (isPlainObject(value)) {
    const out: { [key: string]: Json } = {}
    for (const [key, item] of Object.entries(value))
      if (item !== undefined) out[key] = toStored(item)
    return out
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null
  if (value !== null && typeof value === 'object') {
    // BSON helper types (ObjectId, Decimal128, …): keep their relaxed EJSON form.
    return JSON.parse(EJSON.stringify(value as Record<string, unknown>, { relaxed: true })) as Json
  }
  return value as Json
}

export function fromStored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromStored)
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === '$date' && typeof value.$date === 'string')
    return new Date(value.$date)
  const out: Record<string, unknown> = {}
  for (const key of keys) out[key] = fromStored(value[key])
  return out
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** The text key of a document id in the `id` column (ids may be strings or numbers). */
export function idKey(id: unknown): string {
  return JSON.stringify(id)
}
