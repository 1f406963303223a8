// Document operations on one PostgreSQL connection (a pool for single statements, a dedicated
// client inside transactions). Candidate rows come from SQL (see query-sql.ts); mingo applies
// MongoDB semantics for filtering, sorting, projection, updates and aggregation.
import { randomBytes } from 'node:crypto'
import { Aggregator, Query, find, update as applyUpdate } from 'mingo'
import { adminErrors } from '../errors'
import { fromStored, idKey, isPlainObject, toStored } from './codec'
import { fieldExpr, indexNameOf, irregularAt, loadIndexes } from '../indexes'
import { candidateFilter, dateBounds, pushDown, splitFields, type SqlFilter } from './query-sql'
import type { Doc, FindOptions, ModifyOptions, Queryable } from './types'

/** A cloud function gets at most this many documents per get() (the SDK asks for 100 by default). */
export const MAX_LIMIT = 100

let indexFile: ReturnType<typeof loadIndexes> | undefined
const uniqueIndexName = (constraint: string) =>
  indexNameOf((indexFile ??= loadIndexes()), constraint)

export function newId(): string {
  return randomBytes(16).toString('hex')
}

export async function collectionExists(db: Queryable, name: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM local_collections WHERE name = $1', [name])
  return (rowCount ?? 0) > 0
}

async function requireCollection(db: Queryable, name: string): Promise<void> {
  if (!(await collectionExists(db, name))) throw adminErrors.collectionNotExist(name)
}

/** Creates a collection; false when it already existed. */
export async function createCollection(db: Queryable, name: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO local_collections (name) VALUES ($1) ON CONFLICT DO NOTHING',
    [name],
  )
  return (rowCount ?? 0) > 0
}

/** Documents read from PostgreSQL into the query evaluator since start (benchmarks, tests). */
export const rowsRead = { count: 0 }

async function readRows(db: Queryable, sql: string, params: unknown[]): Promise<Doc[]> {
  const { rows } = await db.query(sql, params)
  rowsRead.count += rows.length
  return rows.map((row: { data: unknown }) => fromStored(row.data) as Doc)
}

function keep(docs: Doc[], query: unknown): Doc[] {
  if (!isPlainObject(query) || Object.keys(query).length === 0) return docs
  const mq = new Query(query as Record<string, unknown>)
  return docs.filter((doc) => mq.test(doc))
}

/** Rows whose documents match `query`, in insertion order; `lock` takes row locks (FOR UPDATE). */
async function matching(
  db: Queryable,
  collection: string,
  query: unknown,
  lock: boolean,
): Promise<Doc[]> {
  const split = await splitFields(db, collection)
  const filter = candidateFilter(collection, query, split)
  const docs = await readRows(
    db,
    `SELECT data FROM local_documents WHERE ${filter.where} ORDER BY seq${lock ? ' FOR UPDATE' : ''}`,
    filter.params,
  )
  return keep(docs, query)
}

type KeyKind = 'empty' | 'date' | 'number' | 'string' | undefined

/** Sort columns: SQL expression, its output name, direction. */
type SortColumn = [expr: string, as: string, direction: 'ASC' | 'DESC']

/** `SELECT columns, sort columns … ORDER BY … LIMIT` over the candidates, each arm in index order. */
function orderedSql(
  filter: SqlFilter,
  columns: string[],
  more: string,
  sort: SortColumn[],
  limit: number,
): string {
  const select = [...columns, ...sort.map(([expr, as]) => `${expr} AS ${as}`)].join(', ')
  const by = (name: (column: SortColumn) => string) =>
    sort.map((column) => `${name(column)} ${column[2]}`).join(', ')
  const read = (arm: string) => `SELECT ${select} FROM local_documents WHERE ${arm}${more}`
  const heads = filter.arms.map((arm) => `${read(arm)} ORDER BY ${by(([e]) => e)} LIMIT ${limit}`)
  if (heads.length === 1 && !filter.irregular) return heads[0]
  // OFFSET 0 keeps the irregular rows' ORDER BY … LIMIT out of their read: otherwise the planner
  // may walk a whole index in key order looking for a row that is not there.
  const tail = filter.irregular
    ? [`SELECT * FROM (${read(filter.irregular)} OFFSET 0) AS irregular`]
    : []
  const arms = [...heads, ...tail].map((a) => `(${a})`).join(' UNION ALL ')
  return `SELECT * FROM (${arms}) AS arms ORDER BY ${by(([, as]) => as)} LIMIT ${limit}`
}

/**
 * What every candidate holds at an indexed sort key, from the smallest and the largest candidate
 * key (two index reads): dates, numbers and strings each form one range in jsonb order, so when
 * both ends are of one kind every key between is too. Strings also need no code unit >= U+E000
 * anywhere in the collection at that field, which its small index of irregular rows answers
 * (indexes.ts irregularAt); `plainIds` says the same of `_id`. Other fields: keyKindScan.
 */
async function keyKind(
  db: Queryable,
  filter: SqlFilter,
  field: string,
  irregularRows: string,
): Promise<{ kind: KeyKind; plainIds: boolean }> {
  const expr = fieldExpr(field)
  const kindOf = `CASE WHEN ${dateBounds('key')} THEN 'date' WHEN jsonb_typeof(key) IN ('number', 'string') THEN jsonb_typeof(key) ELSE 'other' END`
  const end = (d: 'ASC' | 'DESC') =>
    `(SELECT ${kindOf} FROM (${orderedSql(filter, [], '', [[expr, 'key', d]], 1)}) AS ends)`
  // A count, not NOT EXISTS: the planner could rather walk another index hoping to meet one early.
  const none = (path: string) =>
    `(SELECT count(*) FROM local_documents WHERE collection = $1 AND ${irregularRows} AND ${irregularAt(path)}) = 0`
  const { rows } = await db.query(
    `SELECT ${end('ASC')} AS lo, ${end('DESC')} AS hi, ${none(field)} AS plain, ${none('_id')} AS plain_ids`,
    filter.params,
  )
  const { lo, hi, plain, plain_ids } = rows[0] as Record<string, string | boolean | null>
  const plainIds = plain_ids === true
  if (lo === null) return { kind: 'empty', plainIds }
  if (lo !== hi || lo === 'other') return { kind: undefined, plainIds }
  if (lo === 'string') return { kind: pushDown.strings && plain ? 'string' : undefined, plainIds }
  return { kind: lo as 'date' | 'number', plainIds }
}

/** What every candidate row holds at the sort key, read from every candidate. */
async function keyKindScan(db: Queryable, filter: SqlFilter, expr: string): Promise<KeyKind> {
  // Strings only below U+E000 (no astral either): there the two orders agree.
  const string = `jsonb_typeof(${expr}) = 'string' AND NOT (${expr} #>> '{}') ~ '[\\uE000-\\U0010FFFF]'`
  const all = (predicate: string) => `bool_and(coalesce(${predicate}, false))`
  const { rows } = await db.query(
    `SELECT count(*)::int AS n, ${all(dateBounds(expr))} AS date,
            ${all(`jsonb_typeof(${expr}) = 'number'`)} AS number, ${all(string)} AS string
       FROM local_documents WHERE ${filter.where}`,
    filter.params,
  )
  const kinds = rows[0] as { n: number; date: boolean; number: boolean; string: boolean }
  if (kinds.n === 0) return 'empty'
  if (kinds.date) return 'date'
  if (kinds.number) return 'number'
  return kinds.string && pushDown.strings ? 'string' : undefined
}

/**
 * The first `n` matches by the first sort key, read in that order with ORDER BY … LIMIT in SQL
 * (an index on the key serves it) in batches until `n` match. When `_id` is the second key SQL
 * orders by it too; otherwise every match tied with the n-th on the first key is read as well so
 * mingo can apply the remaining keys. Undefined when SQL cannot order as mingo does: some
 * candidate holds a missing, mixed-type, array or (for strings) >= U+E000 value there (for an
 * indexed key: some document of the collection), or strings where the database's order is not
 * JavaScript's.
 */
async function firstInOrder(
  db: Queryable,
  collection: string,
  query: unknown,
  order: Array<[string, 1 | -1]>,
  n: number,
): Promise<Doc[] | undefined> {
  const [[field, direction], second] = order
  if (!pushDown.enabled || field.includes('.')) return
  const split = await splitFields(db, collection)
  const filter = candidateFilter(collection, query, split, field)
  const expr = fieldExpr(field)
  const indexed = split.fields.has(field)
  const { kind, plainIds } = indexed
    ? await keyKind(db, filter, field, split.rows)
    : { kind: await keyKindScan(db, filter, expr), plainIds: false }
  if (kind === 'empty') return []
  if (!kind) return
  // Ids all plain strings: SQL orders them as mingo does (when it orders strings so at all).
  const byId =
    second?.[0] === '_id' &&
    field !== '_id' &&
    (plainIds ? pushDown.strings : (await keyKindScan(db, filter, ID)) !== undefined)
  const k = filter.params.length
  const dir = (d: 1 | -1): 'ASC' | 'DESC' => (d === 1 ? 'ASC' : 'DESC')
  const after = (d: 1 | -1) => (d === 1 ? '>' : '<')
  // Ties on the first key: by _id when it is the second key, else by the row id (any order).
  const [tieExpr, tieDirection] = byId ? [ID, second[1]] : ['id', direction]
  // An exact filter needs n rows; otherwise read ahead, mingo drops some.
  const batch = filter.exact ? n : Math.max(2 * n, 20)
  const matched: Doc[] = []
  const seen: string[] = []
  let last: { tie: unknown; key: unknown } | undefined
  for (;;) {
    // The plain bound on the key lets the index start at the cursor.
    const next = last
      ? ` AND ${expr} ${after(direction)}= $${k + 1}::jsonb AND (${expr} ${after(direction)} $${k + 1}::jsonb OR (${expr} = $${k + 1}::jsonb AND ${tieExpr} ${after(tieDirection)} $${k + 2}${byId ? '::jsonb' : ''}))`
      : ''
    const { rows } = await db.query(
      orderedSql(
        filter,
        ['id', 'data'],
        next,
        [
          [expr, 'key', dir(direction)],
          [tieExpr, 'tie', dir(tieDirection)],
        ],
        batch,
      ),
      last
        ? [...filter.params, JSON.stringify(last.key), byId ? JSON.stringify(last.tie) : last.tie]
        : filter.params,
    )
    rowsRead.count += rows.length
    const typed = rows as Array<{ id: string; data: unknown; key: unknown; tie: unknown }>
    for (const row of typed) seen.push(row.id)
    matched.push(
      ...keep(
        typed.map((row) => fromStored(row.data) as Doc),
        query,
      ),
    )
    if (typed.length < batch) return matched
    last = typed[typed.length - 1]
    if (matched.length >= n) break
  }
  if (byId) return matched
  // Matches tied with the n-th on the key that the batches did not reach.
  const boundary = JSON.stringify(toStored(fieldValue(matched[n - 1], field)))
  const ties = await readRows(
    db,
    `SELECT data FROM local_documents WHERE ${filter.where} AND ${expr} = $${k + 1}::jsonb AND NOT (id = ANY($${k + 2}::text[]))`,
    [...filter.params, boundary, seen],
  )
  return [...matched, ...keep(ties, query)]
}

const ID = fieldExpr('_id')
const fieldValue = (doc: Doc, field: string) => doc[field]

export async function findDocuments(
  db: Queryable,
  collection: string,
  options: FindOptions,
): Promise<Doc[]> {
  await requireCollection(db, collection)
  const limit = Math.min(options.limit ?? MAX_LIMIT, MAX_LIMIT)
  const order = Object.entries(options.order ?? {})
  const ordered =
    order.length > 0
      ? await firstInOrder(db, collection, options.query, order, (options.offset ?? 0) + limit)
      : undefined
  const docs = ordered ?? (await matching(db, collection, options.query, false))
  let cursor = find(
    docs,
    {},
    options.projection && Object.keys(options.projection).length ? options.projection : undefined,
  )
  if (options.order && Object.keys(options.order).length) cursor = cursor.sort(options.order)
  if (options.offset) cursor = cursor.skip(options.offset)
  cursor = cursor.limit(limit)
  return cursor.all() as Doc[]
}

export async function countDocuments(
  db: Queryable,
  collection: string,
  query: unknown,
): Promise<number> {
  await requireCollection(db, collection)
  const split = await splitFields(db, collection)
  const filter = candidateFilter(collection, query, split)
  if (filter.exact && pushDown.enabled) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM local_documents WHERE ${filter.where}`,
      filter.params,
    )
    return (rows[0] as { n: number }).n
  }
  return (await matching(db, collection, query, false)).length
}

export async function insertDocuments(
  db: Queryable,
  collection: string,
  docs: Doc[],
): Promise<unknown[]> {
  await requireCollection(db, collection)
  const ids: unknown[] = []
  const stored: string[] = []
  for (const doc of docs) {
    if (!isPlainObject(doc)) throw adminErrors.invalidParam('each document must be an object')
    const id = doc._id ?? newId()
    if (typeof id !== 'string' && typeof id !== 'number')
      throw adminErrors.invalidParam('_id must be a string or a number')
    stored.push(JSON.stringify(toStored({ ...doc, _id: id })))
    ids.push(id)
  }
  // One statement for the batch (the caller's transaction makes it all or nothing, as before).
  const { rows } = await uniqueIndexGuard(
    collection,
    db.query(
      `INSERT INTO local_documents (collection, id, data)
         SELECT $1, id, data FROM unnest($2::text[], $3::jsonb[]) WITH ORDINALITY AS d(id, data, n)
         ORDER BY n
       ON CONFLICT (collection, id) DO NOTHING RETURNING id`,
      [collection, ids.map(idKey), stored],
    ),
  )
  if (rows.length < ids.length) {
    const written = (rows as Array<{ id: string }>).map((row) => row.id)
    const duplicate = ids.find((id) => {
      const at = written.indexOf(idKey(id))
      if (at < 0) return true
      written.splice(at, 1)
      return false
    })
    throw adminErrors.requestFailed(
      `E11000 duplicate key error collection: ${collection} dup key: { _id: ${JSON.stringify(duplicate)} }`,
    )
  }
  return ids
}

/** A unique index of database/indexes.json refusing a write: the cloud's duplicate key error. */
async function uniqueIndexGuard<T>(collection: string, write: Promise<T>): Promise<T> {
  try {
    return await write
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string }
    if (code === '23505' && constraint?.startsWith('lc_idx_'))
      throw adminErrors.requestFailed(
        `E11000 duplicate key error collection: ${collection} index: ${uniqueIndexName(constraint) ?? constraint}`,
      )
    throw error
  }
}

/** Rewrites the documents in one statement (a bulk update is one request, and one write here). */
async function writeDocs(db: Queryable, collection: string, docs: Doc[]): Promise<void> {
  if (docs.length === 0) return
  await uniqueIndexGuard(
    collection,
    db.query(
      `UPDATE local_documents AS d SET data = v.data
         FROM unnest($2::text[], $3::jsonb[]) AS v(id, data)
        WHERE d.collection = $1 AND d.id = v.id`,
      [
        collection,
        docs.map((doc) => idKey(doc._id)),
        docs.map((doc) => JSON.stringify(toStored(doc))),
      ],
    ),
  )
}

function updated(doc: Doc, options: ModifyOptions): Doc {
  if (options.replace) {
    const { _id: _ignored, ...fields } = options.data
    return { ...fields, _id: doc._id }
  }
  const quick = plainSetUnset(doc, options.data)
  if (quick) return quick
  const next = structuredClone(doc)
  try {
    applyUpdate(next, options.data as never, undefined, undefined, { cloneMode: 'deep' })
  } catch (error) {
    throw adminErrors.requestFailed(`update failed: ${(error as Error).message}`)
  }
  return next
}

const TOP_LEVEL_FIELD = /^[A-Za-z][A-Za-z0-9_]*$/

/**
 * `$set` / `$unset` of top-level fields only (what most updates are, e.g. a bulk claim): applied
 * here as Mongo does, replacing or removing each field, without mingo's per-document setup, which
 * cost about 0.4 ms a document. Anything else (dotted paths, other operators): undefined.
 */
function plainSetUnset(doc: Doc, data: Record<string, unknown>): Doc | undefined {
  const { $set = {}, $unset = {}, ...other } = data
  if (Object.keys(other).length || !isPlainObject($set) || !isPlainObject($unset)) return undefined
  const fields = [...Object.keys($set), ...Object.keys($unset)]
  if (!fields.every((field) => TOP_LEVEL_FIELD.test(field))) return undefined
  if (new Set(fields).size !== fields.length) return undefined
  const next: Doc = { ...doc }
  for (const [field, value] of Object.entries($set)) next[field] = structuredClone(value)
  for (const field of Object.keys($unset)) delete next[field]
  return next
}

/** Fields the query pins by equality, used to seed an upserted document. */
function seedFromQuery(query: unknown): Doc {
  const seed: Doc = {}
  if (!isPlainObject(query)) return seed
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('$')) continue
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if ('$eq' in value) seed[key] = value.$eq
      continue
    }
    seed[key] = value
  }
  return seed
}

export async function modifyDocuments(
  db: Queryable,
  collection: string,
  options: ModifyOptions,
): Promise<{ updated: number; upsert_id: unknown }> {
  if (!options.replace && !Object.keys(options.data).every((key) => key.startsWith('$'))) {
    options = { ...options, data: { $set: options.data } }
  }
  await requireCollection(db, collection)
  let docs = await matching(db, collection, options.query, true)
  if (!options.multi) docs = docs.slice(0, 1)
  const changed: Doc[] = []
  for (const doc of docs) {
    const next = updated(doc, options)
    if (JSON.stringify(toStored(next)) !== JSON.stringify(toStored(doc))) changed.push(next)
  }
  await writeDocs(db, collection, changed)
  const count = changed.length
  if (docs.length === 0 && options.upsert) {
    const seed = seedFromQuery(options.query)
    const id = seed._id ?? newId()
    const base: Doc = { ...seed, _id: id }
    const doc = options.replace
      ? { ...options.data, _id: id }
      : updated(base, { ...options, replace: false })
    const { rowCount } = await uniqueIndexGuard(
      collection,
      db.query(
        'INSERT INTO local_documents (collection, id, data) VALUES ($1, $2, $3::jsonb) ON CONFLICT (collection, id) DO NOTHING',
        [collection, idKey(id), JSON.stringify(toStored(doc))],
      ),
    )
    // Someone inserted the same _id between our read and our write: a write conflict.
    if (!rowCount) throw Object.assign(new Error('upsert raced with an insert'), { code: '23505' })
    return { updated: 0, upsert_id: id }
  }
  return { updated: count, upsert_id: null }
}

export async function removeDocuments(
  db: Queryable,
  collection: string,
  query: unknown,
  multi: boolean,
): Promise<number> {
  await requireCollection(db, collection)
  let docs = await matching(db, collection, query, true)
  if (!multi) docs = docs.slice(0, 1)
  if (docs.length === 0) return 0
  await db.query('DELETE FROM local_documents WHERE collection = $1 AND id = ANY($2::text[])', [
    collection,
    docs.map((doc) => idKey(doc._id)),
  ])
  return docs.length
}

function lookupSources(value: unknown, names: Set<string>): void {
  if (Array.isArray(value)) value.forEach((item) => lookupSources(item, names))
  else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$lookup' && isPlainObject(item) && typeof item.from === 'string')
        names.add(item.from)
      lookupSources(item, names)
    }
  }
}

export async function aggregateDocuments(
  db: Queryable,
  collection: string,
  pipeline: Record<string, unknown>[],
): Promise<unknown[]> {
  await requireCollection(db, collection)
  const first = pipeline[0]
  const docs = await matching(
    db,
    collection,
    first && isPlainObject(first.$match) ? first.$match : {},
    false,
  )
  const names = new Set<string>()
  lookupSources(pipeline, names)
  const others = new Map<string, Doc[]>()
  for (const name of names)
    others.set(name, (await collectionExists(db, name)) ? await matching(db, name, {}, false) : [])
  try {
    return new Aggregator(pipeline, {
      collectionResolver: (name: string) => others.get(name) ?? [],
    }).run(docs)
  } catch (error) {
    throw adminErrors.requestFailed(`aggregate failed: ${(error as Error).message}`)
  }
}

/** Every matching document, without the per-get limit (for tests and seeding, not for the SDK). */
export async function findAll(
  db: Queryable,
  collection: string,
  query: unknown = {},
): Promise<Doc[]> {
  if (!(await collectionExists(db, collection))) return []
  return matching(db, collection, query, false)
}
