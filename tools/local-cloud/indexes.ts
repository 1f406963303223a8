// database/indexes.json: the ONE list of database indexes. A developer creates the same indexes
// in the WeChat console; the local cloud creates matching PostgreSQL expression indexes (partial,
// one per collection) and, in test mode, reports queries that no index covers.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { isPlainObject } from './store/codec'
import type { Queryable } from './store/types'

export type IndexOrder = 'asc' | 'desc'
export interface IndexSpec {
  name: string
  fields: Array<[string, IndexOrder]>
  unique?: boolean
}
export type IndexFile = Record<string, IndexSpec[]>

export const INDEX_FILE = resolve(__dirname, '..', '..', 'database', 'indexes.json')
const NAME = /^[A-Za-z0-9_-]{1,64}$/
const FIELD = /^[A-Za-z_$][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

/** Problems with the file's shape (empty when well-formed). */
export function indexFileProblems(file: unknown): string[] {
  if (!isPlainObject(file)) return ['the file must be an object of collection -> index list']
  const problems: string[] = []
  for (const [collection, list] of Object.entries(file)) {
    if (!NAME.test(collection)) problems.push(`${collection}: invalid collection name`)
    if (!Array.isArray(list)) {
      problems.push(`${collection}: must be an array`)
      continue
    }
    const names = new Set<string>()
    list.forEach((spec: unknown, i) => {
      const at = `${collection}[${i}]`
      if (!isPlainObject(spec)) return problems.push(`${at}: must be an object`)
      const extra = Object.keys(spec).filter((k) => !['name', 'fields', 'unique'].includes(k))
      if (extra.length) problems.push(`${at}: unknown keys ${extra.join(', ')}`)
      if (typeof spec.name !== 'string' || !NAME.test(spec.name))
        problems.push(`${at}: name must match ${NAME}`)
      else if (names.has(spec.name)) problems.push(`${at}: duplicate name ${spec.name}`)
      else names.add(spec.name)
      if (spec.unique !== undefined && typeof spec.unique !== 'boolean')
        problems.push(`${at}: unique must be a boolean`)
      const fields = spec.fields
      if (!Array.isArray(fields) || fields.length === 0)
        return problems.push(`${at}: fields must be a non-empty array`)
      const seen = new Set<string>()
      for (const pair of fields) {
        const ok =
          Array.isArray(pair) &&
          pair.length === 2 &&
          typeof pair[0] === 'string' &&
          FIELD.test(pair[0]) &&
          (pair[1] === 'asc' || pair[1] === 'desc')
        if (!ok) problems.push(`${at}: each field must be ["<path>", "asc"|"desc"]`)
        else if (seen.has(pair[0])) problems.push(`${at}: field ${pair[0]} listed twice`)
        else seen.add(pair[0])
      }
    })
  }
  return problems
}

export function loadIndexes(path = INDEX_FILE): IndexFile {
  const file = JSON.parse(readFileSync(path, 'utf8')) as unknown
  const problems = indexFileProblems(file)
  if (problems.length) throw new Error(`${path}: ${problems.join('; ')}`)
  return file as IndexFile
}

/** The SQL expression of a document field (data -> 'f', or data #> '{a,b}' for a dotted path). */
export function fieldExpr(path: string): string {
  return path.includes('.') ? `(data #> '{${path.split('.').join(',')}}')` : `(data -> '${path}')`
}

function indexName(collection: string, spec: IndexSpec): string {
  const digest = createHash('sha1')
    .update(JSON.stringify([collection, spec]))
    .digest('hex')
  return `lc_idx_${digest.slice(0, 20)}`
}

/**
 * Rows whose value at `path` SQL cannot treat as one scalar: an array there or on the way there
 * (it matches when an element does), a string with a code unit >= U+E000 (where UTF-16 and code
 * point order part), and for `_id` a number (ids are strings almost always). query-sql.ts splits
 * a query into a scalar part, read through the field's index, and these rows.
 */
export function irregularAt(path: string): string {
  const segments = path.split('.')
  const arrays = segments.map(
    (_, i) => `jsonb_typeof(${fieldExpr(segments.slice(0, i + 1).join('.'))}) = 'array'`,
  )
  const expr = fieldExpr(path)
  const wide = `(jsonb_typeof(${expr}) = 'string' AND (${expr} #>> '{}') ~ '[\\uE000-\\U0010FFFF]')`
  const number = path === '_id' ? [`jsonb_typeof(${expr}) = 'number'`] : []
  // An OR of equalities (not one opaque term): the planner then expects few rows and reads them
  // from the index, where for an opaque term it guesses half the table and scans.
  return `(${[...arrays, wide, ...number].join(' OR ')})`
}

/** Per collection, `_id` and every field path its indexes name: query-sql.ts splits on them. */
export function irregularPaths(file: IndexFile): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [collection, list] of Object.entries(file)) {
    const paths = list.flatMap((spec) => spec.fields.map(([path]) => path))
    out.set(collection, [...new Set(['_id', ...paths])])
  }
  return out
}

/**
 * `data @? …`: true for every document irregular (irregularAt) at one of `paths`, and for few
 * others. One jsonpath, not an OR of irregularAt terms: each write evaluates it, and each query's
 * planner compares it, once; the terms read the document once per field.
 */
export function irregularAny(paths: string[]): string {
  const arms = new Set<string>()
  for (const path of paths) {
    const keys = path.split('.').map((key) => `."${key}"`)
    keys.forEach((_, i) => arms.add(`@${keys.slice(0, i + 1).join('')}.type() == "array"`))
    arms.add(`@${keys.join('')} like_regex "[\\uE000-\\u{10FFFF}]"`)
  }
  arms.add('@."_id".type() == "number"')
  // Strict: lax mode would look into arrays; a missing key is then unknown, which is not true.
  return `(data @? 'strict $ ? (${[...arms].join(' || ')})'::jsonpath)`
}

/** CREATE INDEX statements, by PostgreSQL index name. */
export function indexStatements(file: IndexFile): Map<string, string> {
  const out = new Map<string, string>()
  // One small index per collection of its rows irregular at any indexed field (usually none): a
  // query asks it whether any row needs the array-aware (slow) reading. One per collection, not
  // one per field: every write evaluates, and every query's planner weighs, each partial index.
  for (const [collection, paths] of irregularPaths(file)) {
    const digest = createHash('sha1')
      .update(`irregular:${collection}:${irregularAny(paths)}`)
      .digest('hex')
    out.set(
      `lc_idx_${digest.slice(0, 20)}`,
      `CREATE INDEX IF NOT EXISTS lc_idx_${digest.slice(0, 20)} ON local_documents (collection) WHERE collection = '${collection}' AND ${irregularAny(paths)}`,
    )
  }
  for (const [collection, list] of Object.entries(file)) {
    for (const spec of list) {
      const name = indexName(collection, spec)
      const columns = spec.fields
        .map(([path, order]) => `${fieldExpr(path)}${order === 'desc' ? ' DESC' : ''}`)
        .join(', ')
      // WeChat counts a missing field as null in a unique index: two documents without it clash.
      out.set(
        name,
        `CREATE ${spec.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${name} ON local_documents (${columns})` +
          `${spec.unique ? ' NULLS NOT DISTINCT' : ''} WHERE collection = '${collection}'`,
      )
    }
  }
  return out
}

/**
 * CREATE STATISTICS statements, by name: one per indexed field's expression and one per its
 * jsonb_typeof (the type guards every pushed-down comparison carries). ANALYZE keeps no
 * statistics for the expressions of partial indexes, so without these the planner guesses each
 * condition's selectivity (0.5% for an equality) and, at 100,000 orders, chose a scan of every
 * order of a node, then a sort, for the board's page of 20.
 */
export function statisticsStatements(file: IndexFile): Map<string, string> {
  const out = new Map<string, string>()
  const paths = new Set([...irregularPaths(file).values()].flat())
  for (const path of paths)
    for (const expr of [fieldExpr(path), `jsonb_typeof(${fieldExpr(path)})`]) {
      const name = `lc_st_${createHash('sha1').update(expr).digest('hex').slice(0, 20)}`
      out.set(name, `CREATE STATISTICS IF NOT EXISTS ${name} ON (${expr}) FROM local_documents`)
    }
  return out
}

/**
 * Creates the file's indexes and statistics and drops earlier ones no longer in it (caller holds
 * the schema lock).
 */
export async function ensureIndexes(db: Queryable, file: IndexFile): Promise<void> {
  const wanted = indexStatements(file)
  const { rows } = await db.query(
    "SELECT indexname FROM pg_indexes WHERE tablename = 'local_documents' AND indexname LIKE 'lc_idx_%'",
  )
  for (const { indexname } of rows as Array<{ indexname: string }>)
    if (!wanted.has(indexname)) await db.query(`DROP INDEX IF EXISTS ${indexname}`)
  for (const statement of wanted.values()) await db.query(statement)
  const statistics = statisticsStatements(file)
  const { rows: kept } = await db.query(
    "SELECT stxname FROM pg_statistic_ext WHERE stxname LIKE 'lc_st_%'",
  )
  for (const { stxname } of kept as Array<{ stxname: string }>)
    if (!statistics.has(stxname)) await db.query(`DROP STATISTICS IF EXISTS ${stxname}`)
  for (const statement of statistics.values()) await db.query(statement)
}

/** The name of the index file entry a unique violation came from, for the error message. */
export function indexNameOf(file: IndexFile, constraint: string | undefined): string | undefined {
  for (const [collection, list] of Object.entries(file))
    for (const spec of list) if (indexName(collection, spec) === constraint) return spec.name
  return undefined
}

// ---- coverage -----------------------------------------------------------------------------

export type IndexCheckMode = 'off' | 'report' | 'fail'

export interface UncoveredQuery {
  collection: string
  /** Fields the query pins, e.g. "{status, startsAt}" or "(whole collection)". */
  shape: string
  /** The function that sent it. */
  fn: string
  count: number
}

const ALWAYS_INDEXED = new Set(['_id', '_openid'])

/** Each alternative ($or branch) of a query as the set of fields it pins by equality or range. */
export function queryShapes(query: unknown): Array<Set<string>> {
  if (!isPlainObject(query)) return [new Set()]
  let shapes: Array<Set<string>> = [new Set()]
  const andWith = (more: Array<Set<string>>) => {
    shapes = shapes.flatMap((shape) => more.map((extra) => new Set([...shape, ...extra])))
  }
  for (const [key, condition] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(condition))
      condition.forEach((part) => andWith(queryShapes(part)))
    else if (key === '$or' && Array.isArray(condition))
      andWith(condition.flatMap((part) => queryShapes(part)))
    else if (!key.startsWith('$') && pins(condition)) andWith([new Set([key])])
  }
  return shapes
}

const NARROWING = ['$eq', '$in', '$gt', '$gte', '$lt', '$lte']

function pins(condition: unknown): boolean {
  if (!isPlainObject(condition)) return true
  const keys = Object.keys(condition)
  if (!keys.some((k) => k.startsWith('$'))) return true
  return keys.some((k) => NARROWING.includes(k))
}

/** The uncovered alternatives of a query on `collection` (empty when an index serves it). */
export function uncoveredShapes(
  file: IndexFile,
  collection: string,
  query: unknown,
): Array<Set<string>> {
  const leading = new Set((file[collection] ?? []).map((spec) => spec.fields[0][0]))
  return queryShapes(query).filter(
    (shape) => ![...shape].some((field) => ALWAYS_INDEXED.has(field) || leading.has(field)),
  )
}

export class IndexCheck {
  private readonly seen = new Map<string, UncoveredQuery>()

  constructor(
    readonly mode: IndexCheckMode,
    private readonly file: IndexFile,
  ) {}

  /** Records `query` when no index covers it; in 'fail' mode also answers an error message. */
  check(collection: string, query: unknown, fn = '(unknown)'): string | undefined {
    if (this.mode === 'off') return undefined
    const missing = uncoveredShapes(this.file, collection, query)
    if (missing.length === 0) return undefined
    const shape = missing
      .map((fields) => (fields.size ? `{${[...fields].sort().join(', ')}}` : '(whole collection)'))
      .join(' | ')
    const key = `${fn}\u0000${collection}\u0000${shape}`
    const entry = this.seen.get(key) ?? { collection, shape, fn, count: 0 }
    entry.count += 1
    this.seen.set(key, entry)
    return this.mode === 'fail'
      ? `query on ${collection} ${shape} from ${fn} is not covered by database/indexes.json`
      : undefined
  }

  list(): UncoveredQuery[] {
    return [...this.seen.values()]
  }

  clear(): void {
    this.seen.clear()
  }
}

export function indexCheckMode(value = process.env.LOCAL_CLOUD_INDEX_CHECK): IndexCheckMode {
  return value === 'report' || value === 'fail' ? value : 'off'
}
