// The ONE place where a MongoDB-style query becomes SQL. The SQL narrows the candidate rows (it
// may return more rows than match, never fewer); mingo then applies the full query, so results
// never depend on push-down. Pushed down (when `pushDown.enabled`):
//   - `_id` equality / `$in`                               -> primary key lookup
//     (pinned for the whole query, at the top or in a top-level `$and`: only that, inexact)
//   - top-level equality / `$eq` / `$in` on a string, number, boolean or Date
//   - top-level ranges ($gt/$gte/$lt/$lte) on numbers or Dates (Dates are stored as
//     {"$date": ISO-8601}, whose text order is time order), and on strings when the database
//     orders strings as JavaScript does (`pushDown.strings`, probed at start-up) and the bound has
//     no UTF-16 code unit >= U+D800 (there code point and UTF-16 order part ways)
//   - `_id` ranges (against data -> '_id')
//   - the same on dotted paths (data #> '{a,b}'), inexact: a row whose path crosses an array is
//     always a candidate, mingo decides
//   - `$and` of any of these, `$or` when every branch narrows
// Each is written against `data -> 'field'`, the expression the indexes of database/indexes.json
// are built on, so PostgreSQL answers from the index. An array field matches when one of its
// elements does (Mongo semantics), checked in SQL too. `exact` says the SQL is the whole query,
// which lets counts, ORDER BY and LIMIT run in SQL (documents.ts).
//
// The array-aware form ORs each condition with an element branch, and PostgreSQL cannot bound an
// index by an OR of ANDs: it read every row of the leading field's value. So a query on indexed
// fields is split in two disjoint parts: the scalar form (plain comparisons, an index range) and
// the rows irregular at one of those fields (an array there, see irregularAt), which a small
// partial index lists, read with the full form. The scalar form implies the full one, and both
// agree on rows with no irregular field, so together they are exactly the full form.
//
// An ordered read (ORDER BY k … LIMIT) with a top-level `f: {$in: [a, b]}`, where an index leads
// with (f, k), gets one scalar arm per value (f = a, f = b): each walks that index in order and
// stops at the LIMIT, as MongoDB merges an $in over such an index. `f = ANY(…)` could not: the
// planner sorted every match. A scalar f equals one value, so the arms are disjoint and together
// exactly the scalar form.
import { fieldExpr, irregularAt, type IndexSpec } from '../indexes'
import { idKey, isPlainObject, toStored } from './codec'
import type { Queryable } from './types'

export interface SqlFilter {
  /** SQL boolean expression over the `local_documents` row (columns: collection, id, data). */
  where: string
  params: unknown[]
  /** True when a row satisfies `where` exactly when its document matches the query. */
  exact: boolean
  /** The scalar rows of `where` as disjoint WHERE clauses, each readable in index order. */
  arms: string[]
  /** The rest of `where` (rows irregular at a split field), disjoint from `arms`: read, then sorted. */
  irregular?: string
}

/** Switch for benchmarks and tests: off = read every row of the collection (except _id lookups). */
export const pushDown = {
  enabled: true,
  /** The database's string order equals JavaScript's for code units < U+D800 (probeStringOrder). */
  strings: false,
  /** Per collection, the fields whose irregular rows an index lists (indexes.ts irregularPaths). */
  split: new Map<string, Split>(),
  /** Below this many documents a collection is read the plain way: planning the split costs more. */
  splitFrom: 1000,
}

/** Fields to split on, and the collection's index predicate over its irregular rows. */
export interface Split {
  fields: Set<string>
  /** indexes.ts irregularAny: in a WHERE, it lets the planner read that index. */
  rows: string
  /** The first two fields of each index, as pairOf(first, second): where an $in may be expanded. */
  pairs: Set<string>
}
const NO_SPLIT: Split = { fields: new Set(), rows: 'false', pairs: new Set() }
export const pairOf = (first: string, second: string) => `${first}\u0000${second}`
/** Split.pairs of a collection's indexes. */
export const leadingPairs = (specs: IndexSpec[]) =>
  new Set(
    specs.flatMap(({ fields }) => (fields.length > 1 ? [pairOf(fields[0][0], fields[1][0])] : [])),
  )
/** An $in of more values stays one arm (= ANY, sorted): bounds the statement's size. */
const MAX_EXPANDED = 16
/** Where the expanded field's condition goes in the scalar form (one per arm). */
const EACH = '\u0001'
/** Whether a collection reached `splitFrom`, by name; rechecked after SIZE_TTL_MS. */
const sizes = new Map<string, { large: boolean; until: number }>()
const SIZE_TTL_MS = 2000
// The planner's estimate (ANALYZE's share of the table times its size), read from statistics, not
// rows; unanalysed, a collection counts as small.
const SIZE_SQL = `SELECT coalesce((SELECT c.reltuples * f.share FROM pg_class c, pg_stats s,
    unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS f(name, share)
  WHERE c.relname = 'local_documents' AND s.tablename = 'local_documents'
    AND s.attname = 'collection' AND f.name = $1), 0) >= $2 AS large`

/**
 * The fields candidateFilter may split on in `collection`: none while it is small, where the
 * plain form is as fast and far cheaper to plan. Either form is exact, so a stale size only costs
 * time.
 */
export async function splitFields(db: Queryable, collection: string): Promise<Split> {
  const split = pushDown.split.get(collection)
  if (!split) return NO_SPLIT
  if (pushDown.splitFrom <= 0) return split
  const now = Date.now()
  let size = sizes.get(collection)
  if (!size || size.until <= now) {
    const { rows } = await db.query(SIZE_SQL, [collection, pushDown.splitFrom])
    size = { large: (rows[0] as { large: boolean }).large, until: now + SIZE_TTL_MS }
    sizes.set(collection, size)
  }
  return size.large ? split : NO_SPLIT
}

type Add = (value: unknown) => string
/**
 * Scalar form: the split fields' conditions without their array branches; `used` collects them.
 * `expand`: the top-level field whose $in becomes one arm per value (EACH marks its place).
 */
interface Form {
  scalar: boolean
  split: Split
  used: Set<string>
  expand?: string
}
interface Part {
  sql: string | null
  exact: boolean
}
const NONE: Part = { sql: null, exact: false }

/**
 * `split`: the fields to split on (splitFields); none gives the plain array-aware form.
 * `sortKey`: the first key of an ordered read, which may expand an $in into arms.
 */
export function candidateFilter(
  collection: string,
  query: unknown,
  split: Split = NO_SPLIT,
  sortKey?: string,
): SqlFilter {
  // Values get markers first: a branch that turns out not to narrow drops its values too.
  const values: unknown[] = []
  const add: Add = (value) => `\u0000${values.push(value) - 1}\u0000`
  const part = translate(query, add, { scalar: false, split, used: new Set() })
  const used = new Set<string>()
  const expanded = sortKey === undefined ? undefined : expandable(query, split, sortKey)
  const form = { scalar: true, split, used, expand: expanded?.field }
  const scalar = translate(query, add, form)
  const empty = !isPlainObject(query) || Object.keys(query).length === 0
  const params: unknown[] = [collection]
  // `_id` pinned for the whole query: its rows by primary key, mingo checks the rest. Translating
  // the rest (e.g. a bulk claim's $or of 100 `_id` + date pairs) cost more to plan than it saved.
  const ids = pushDown.enabled ? pinnedIds(query) : undefined
  if (ids && !(Object.keys(query as object).length === 1 && '_id' in (query as object))) {
    params.push(ids.map(idKey))
    const where = 'collection = $1 AND id = ANY($2::text[])'
    return { where, params, exact: false, arms: [where] }
  }
  const bind = (text: string) =>
    text.replace(/\u0000(\d+)\u0000/g, (_, index: string) => {
      params.push(values[Number(index)])
      return `$${params.length}`
    })
  const exact = empty || part.exact
  if (part.sql === null)
    return { where: 'collection = $1', params, exact, arms: ['collection = $1'] }
  if (scalar.sql === null || used.size === 0) {
    const where = `collection = $1 AND ${bind(part.sql)}`
    return { where, params, exact, arms: [where] }
  }
  const irregular = `${split.rows} AND (${[...used].map(irregularAt).join(' OR ')})`
  const [scalarSql, full] = [bind(scalar.sql), bind(part.sql)]
  // The expanded field: one `=` per arm, `= ANY` of the same parameters in the whole form (a
  // statement must use every parameter it is sent: the arms together do, and so does `where`).
  const expr = expanded && fieldExpr(expanded.field)
  const each = expanded?.values.map((value) => `$${params.push(value)}::jsonb`) ?? []
  const plain = expanded
    ? scalarSql.replace(EACH, `${expr} = ANY(ARRAY[${each.join(', ')}])`)
    : scalarSql
  const arms = expanded ? each.map((v) => scalarSql.replace(EACH, `${expr} = ${v}`)) : [plain]
  // `IS TRUE` hides the full form's ORs from the planner: it reads the irregular rows by their
  // index, where (lacking statistics on expressions) it could pick the full form's own scan.
  return {
    where: `collection = $1 AND ((${plain}) OR ((${irregular}) AND (${full}) IS TRUE))`,
    params,
    exact,
    arms: arms.map((arm) => `collection = $1 AND ${arm}`),
    irregular: `collection = $1 AND (${irregular}) AND (${full}) IS TRUE AND (${plain}) IS NOT TRUE`,
  }
}

/**
 * The top-level field whose `$in` an ordered read by `sortKey` may read one value at a time (an
 * index leads with the two), with its values as stored, each once; none when there is no such.
 */
function expandable(query: unknown, split: Split, sortKey: string) {
  if (!isPlainObject(query)) return undefined
  for (const [field, condition] of Object.entries(query)) {
    if (field.startsWith('$') || field.includes('.') || field === sortKey) continue
    if (!split.fields.has(field) || !split.pairs.has(pairOf(field, sortKey))) continue
    if (!isPlainObject(condition) || Object.keys(condition).join() !== '$in') continue
    const list = condition.$in
    if (!Array.isArray(list) || !list.every((v) => isScalar(v))) continue
    const values = [...new Set(list.map(json))]
    if (values.length >= 2 && values.length <= MAX_EXPANDED) return { field, values }
  }
  return undefined
}

function and(parts: Part[]): Part {
  const sqls = parts.map((p) => p.sql).filter((s): s is string => s !== null)
  return {
    sql: sqls.length ? sqls.map((s) => `(${s})`).join(' AND ') : null,
    exact: parts.every((p) => p.exact),
  }
}

function translate(query: unknown, add: Add, form: Form): Part {
  if (!isPlainObject(query)) return NONE
  const parts: Part[] = []
  for (const [field, condition] of Object.entries(query)) {
    // Below the top level nothing is expanded (`used` is still shared).
    const inner = { ...form, expand: undefined }
    if (field === '$and' && Array.isArray(condition) && condition.length > 0) {
      parts.push(and(condition.map((part) => translate(part, add, inner))))
    } else if (field === '$or' && Array.isArray(condition) && condition.length > 0) {
      const branches = condition.map((part) => translate(part, add, inner))
      parts.push(
        branches.every((b) => b.sql !== null)
          ? {
              sql: branches.map((b) => `(${b.sql})`).join(' OR '),
              exact: branches.every((b) => b.exact),
            }
          : NONE,
      )
    } else if (field.startsWith('$')) parts.push(NONE)
    else if (field === '_id') parts.push(idPart(condition, add))
    else if (!pushDown.enabled) parts.push(NONE)
    else if (form.scalar && form.split.fields.has(field)) {
      form.used.add(field)
      if (field === form.expand) {
        parts.push({ sql: EACH, exact: true })
        continue
      }
      const part = fieldPart(fieldExpr(field), condition, add, true)
      parts.push(field.includes('.') ? { ...part, exact: false } : part)
    } else if (field.includes('.')) parts.push(dottedPart(field, condition, add))
    else parts.push(fieldPart(fieldExpr(field), condition, add))
  }
  return and(parts)
}

function idPart(condition: unknown, add: Add): Part {
  const ids = idCondition(condition)
  if (!ids) return pushDown.enabled ? fieldPart(fieldExpr('_id'), condition, add) : NONE
  return {
    sql:
      ids.length === 1 ? `id = ${add(idKey(ids[0]))}` : `id = ANY(${add(ids.map(idKey))}::text[])`,
    exact: true,
  }
}

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `a.b.c`: the condition on data #> '{a,b,c}', or any row where `a` or `a.b` is an array. */
function dottedPart(path: string, condition: unknown, add: Add): Part {
  const segments = path.split('.')
  if (!segments.every((s) => SEGMENT.test(s))) return NONE
  const inner = fieldPart(fieldExpr(path), condition, add)
  if (inner.sql === null) return NONE
  const crossesArray = segments
    .slice(0, -1)
    .map((_, i) => `jsonb_typeof(${fieldExpr(segments.slice(0, i + 1).join('.'))}) = 'array'`)
  return { sql: [`(${inner.sql})`, ...crossesArray].join(' OR '), exact: false }
}

const RANGE: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }
const json = (value: unknown) => JSON.stringify(toStored(value))
/** Non-empty arrays sort between booleans and objects in jsonb order. */
const isArray = (expr: string) => `(${expr} > 'true'::jsonb AND ${expr} < '{}'::jsonb)`

function fieldPart(expr: string, condition: unknown, add: Add, scalar = false): Part {
  if (isScalar(condition)) return equality(expr, [condition], add, scalar)
  if (!isPlainObject(condition)) return NONE
  const keys = Object.keys(condition)
  if (!keys.every((k) => k.startsWith('$'))) return NONE
  const parts: Part[] = []
  const ranges: Array<[string, unknown]> = []
  for (const key of keys) {
    const value = condition[key]
    if (key === '$eq' && isScalar(value)) parts.push(equality(expr, [value], add, scalar))
    else if (
      key === '$in' &&
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((v) => isScalar(v))
    )
      parts.push(equality(expr, value, add, scalar))
    else if (key in RANGE && rangeType(value)) ranges.push([key, value])
    else parts.push(NONE)
  }
  if (ranges.length) parts.push(range(expr, ranges, add, scalar))
  return and(parts)
}

function equality(expr: string, values: unknown[], add: Add, scalar: boolean): Part {
  // One value: a plain `=`, which an index also reads in order of its next field.
  if (scalar && values.length === 1)
    return { sql: `${expr} = ${add(json(values[0]))}::jsonb`, exact: true }
  const scalars = add(values.map(json))
  if (scalar) return { sql: `${expr} = ANY(${scalars}::jsonb[])`, exact: true }
  const wrapped = add(values.map((v) => `[${json(v)}]`))
  return {
    sql: `${expr} = ANY(${scalars}::jsonb[]) OR (${isArray(expr)} AND ${expr} @> ANY(${wrapped}::jsonb[]))`,
    exact: true,
  }
}

/** Numbers, Dates or (when the database orders them as JavaScript does) strings. */
function rangeType(value: unknown): 'number' | 'date' | 'string' | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return 'number'
  if (typeof value === 'string') return pushDown.strings && jsSafe(value) ? 'string' : undefined
  if (value instanceof Date && !Number.isNaN(value.getTime()) && value.getUTCFullYear() >= 0)
    return value.getUTCFullYear() <= 9999 ? 'date' : undefined
  return undefined
}

function range(expr: string, ranges: Array<[string, unknown]>, add: Add, scalar: boolean): Part {
  const kinds = new Set(ranges.map(([, v]) => rangeType(v)))
  if (kinds.size !== 1) return NONE
  const kind = [...kinds][0]
  const typed = (e: string) =>
    kind === 'date' ? dateBounds(e) : `jsonb_typeof(${e}) = '${kind as string}'`
  const compare = (e: string) =>
    ranges.map(([op, v]) => `${e} ${RANGE[op]} ${add(json(v))}::jsonb`).join(' AND ')
  if (scalar) return { sql: `${compare(expr)} AND ${typed(expr)}`, exact: true }
  // An array matches when, for each bound, one of its elements satisfies it.
  const elements = ranges
    .map(
      ([op, v]) =>
        `EXISTS (SELECT 1 FROM jsonb_array_elements(${expr}) e WHERE ${typed('e')} AND e ${RANGE[op]} ${add(json(v))}::jsonb)`,
    )
    .join(' AND ')
  return {
    sql: `(${compare(expr)} AND ${typed(expr)}) OR (${isArray(expr)} AND ${elements})`,
    exact: true,
  }
}

/** Stored Dates: one-key objects {"$date": "<ISO>"}; jsonb orders them by that text. */
export function dateBounds(expr: string): string {
  return `(${expr} >= '{"$date": ""}'::jsonb AND ${expr} < '{"$date": {}}'::jsonb)`
}

/** No code unit >= U+D800: code point order (the database's) and UTF-16 order (JS) agree. */
export function jsSafe(text: string): boolean {
  return !/[\uD800-\uFFFF]/.test(text)
}

/** Strings whose JS order a collation can get wrong: case, accents, punctuation, digits, CJK. */
const PROBE = [
  'a',
  'B',
  'b',
  'A',
  'é',
  'e',
  'z',
  '_',
  '-',
  ' ',
  '0',
  '10',
  '9',
  'a b',
  'ab',
  'a-b',
].concat(['Z', '中', '丁', '2024-01-02', '2024-01-10', '2024-1-1', '~', 'ä', 'Ä', 'aa', ''])

/** Sets `pushDown.strings` when jsonb orders strings (and so its indexes) as JavaScript does. */
export async function probeStringOrder(db: Queryable): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT s FROM unnest($1::text[]) AS s ORDER BY to_jsonb(s), s COLLATE "C"',
    [PROBE],
  )
  const sorted = [...PROBE].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const got = (rows as Array<{ s: string }>).map((row) => row.s)
  pushDown.strings = got.every((s, i) => s === sorted[i])
  return pushDown.strings
}

function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    rangeType(value) === 'date'
  )
}

/** The ids a query's `_id` equality or `$in` allows, at its top level or in a top-level `$and`. */
function pinnedIds(query: unknown): unknown[] | undefined {
  if (!isPlainObject(query)) return undefined
  const own = '_id' in query ? idCondition(query._id) : undefined
  if (own) return own
  const all = query.$and
  if (!Array.isArray(all)) return undefined
  for (const part of all) {
    const ids = pinnedIds(part)
    if (ids) return ids
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
