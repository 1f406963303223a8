// The ONE place where a MongoDB-style query becomes SQL. The SQL only narrows the candidate rows
// (it may return more rows than match, never fewer); mingo then applies the full query. Pushed
// down today:
//   - `_id` equality and `_id: {$in: [...]}`          -> primary key lookup
//   - top-level equality on a string/number/boolean/Date -> `data @> {"f": v}` (or an array
//     containing v, as Mongo equality also matches array members), served by the GIN index
//   - the same inside a top-level `$and`
// Anything else (operators, dotted paths, $or, null) is left to mingo.
import { idKey, isPlainObject, toStored } from './codec'

export interface SqlFilter {
  /** SQL boolean expression over the `local_documents` row (columns: collection, id, data). */
  where: string
  params: unknown[]
}

/** Builds the candidate filter for `collection`; `firstParam` is the next free $n. */
export function candidateFilter(collection: string, query: unknown): SqlFilter {
  const params: unknown[] = [collection]
  const clauses = ['collection = $1']
  const add = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  collect(query, clauses, add)
  return { where: clauses.join(' AND '), params }
}

function collect(query: unknown, clauses: string[], add: (value: unknown) => string): void {
  if (!isPlainObject(query)) return
  for (const [field, condition] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) collect(part, clauses, add)
      continue
    }
    if (field.startsWith('$') || field.includes('.')) continue
    if (field === '_id') {
      const ids = idCondition(condition)
      if (ids)
        clauses.push(
          ids.length === 1
            ? `id = ${add(idKey(ids[0]))}`
            : `id = ANY(${add(ids.map(idKey))}::text[])`,
        )
      continue
    }
    const value = equalityValue(condition)
    if (value === undefined) continue
    const stored = toStored(value)
    clauses.push(
      `(data @> ${add(JSON.stringify({ [field]: stored }))}::jsonb OR data @> ${add(JSON.stringify({ [field]: [stored] }))}::jsonb)`,
    )
  }
}

function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    value instanceof Date
  )
}

function equalityValue(condition: unknown): unknown {
  if (isScalar(condition)) return condition
  if (isPlainObject(condition)) {
    const keys = Object.keys(condition)
    if (keys.length === 1 && keys[0] === '$eq' && isScalar(condition.$eq)) return condition.$eq
  }
  return undefined
}

function idCondition(condition: unknown): unknown[] | undefined {
  const isId = (value: unknown) =>
    typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
  if (isId(condition)) return [condition]
  if (isPlainObject(condition)) {
    const keys = Object.keys(condition)
    if (keys.length === 1 && keys[0] === '$eq' && isId(condition.$eq)) return [condition.$eq]
    if (
      keys.length === 1 &&
      keys[0] === '$in' &&
      Array.isArray(condition.$in) &&
      condition.$in.length > 0 &&
      condition.$in.every(isId)
    ) {
      return condition.$in
    }
  }
  return undefined
}
