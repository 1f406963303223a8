// The `database.*` actions of the /admin wire protocol, as sent by the unmodified wx-server-sdk
// (@cloudbase/database 1.4.3). Requests carry queries, orders, projections and documents as
// canonical EJSON strings; answers carry documents as EJSON strings.
//   getDocument        {list: [ejson], offset, limit}
//   insertDocument     {insertedIds}
//   modifyDocument     {updated, upsert_id}     merge:false = replace (set), multi, upsert
//   removeDocument     {deleted}
//   calculateDocument  {total}
//   aggregateDocuments {list: [ejson]}          stages: [{stageKey, stageValue}]
//   addCollection      {}
//   start/commit/abortTransaction               later calls carry transactionId
import type { Pool } from 'pg'
import { AdminError, adminErrors } from './errors'
import type { IndexCheck } from './indexes'
import { atomically } from './store/atomic'
import { idKey, isPlainObject, parseWire, toWire } from './store/codec'
import {
  MAX_LIMIT,
  aggregateDocuments,
  countDocuments,
  createCollection,
  findDocuments,
  insertDocuments,
  modifyDocuments,
  newId,
  removeDocuments,
} from './store/documents'
import type { Transactions } from './store/transactions'
import type { Doc, Queryable } from './store/types'

type Body = Record<string, unknown>

export interface DatabaseDeps {
  pool: Pool
  transactions: Transactions
  log: (line: string) => void
  indexCheck?: IndexCheck
  /** The function that sent the request (from its session token). */
  caller?: string
}

function str(body: Body, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value === '')
    throw adminErrors.invalidParam(`${field} must be a non-empty string`)
  return value
}

function optionalWire(body: Body, field: string): unknown {
  const value = body[field]
  if (value === undefined || value === null || value === '') return undefined
  return parseWire(value, field)
}

function objectWire(body: Body, field: string): Record<string, unknown> | undefined {
  const value = optionalWire(body, field)
  if (value === undefined) return undefined
  if (!isPlainObject(value)) throw adminErrors.invalidParam(`${field} must be an object`)
  return value
}

function int(body: Body, field: string): number | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw adminErrors.invalidParam(`${field} must be a non-negative integer`)
  }
  return value
}

function bool(body: Body, field: string, fallback: boolean): boolean {
  const value = body[field]
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'boolean') throw adminErrors.invalidParam(`${field} must be a boolean`)
  return value
}

function collectionName(body: Body): string {
  const name = str(body, 'collectionName')
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name))
    throw adminErrors.invalidParam(`invalid collectionName: ${name}`)
  return name
}

/** The document a DOC-type request targets, used for the transaction's first-statement lock. */
function docKey(collection: string, query: unknown): string | undefined {
  if (isPlainObject(query) && (typeof query._id === 'string' || typeof query._id === 'number')) {
    return `${collection}\u0000${idKey(query._id)}`
  }
  return undefined
}

export async function handleDatabase(
  action: string,
  body: Body,
  deps: DatabaseDeps,
): Promise<Body> {
  const { pool, transactions } = deps
  const transactionId =
    body.transactionId === undefined || body.transactionId === null
      ? undefined
      : str(body, 'transactionId')

  const checkIndexes = (collection: string, query: unknown) => {
    const refused = deps.indexCheck?.check(collection, query, deps.caller)
    if (refused) throw adminErrors.requestFailed(refused)
  }
  const read = <T>(key: string | undefined, op: (db: Queryable) => Promise<T>): Promise<T> =>
    transactionId ? transactions.run(transactionId, key, op) : op(pool)
  const write = <T>(
    key: string | undefined,
    op: (db: Queryable) => Promise<T>,
    provisional: () => T,
  ): Promise<T> =>
    transactionId ? transactions.run(transactionId, key, op, provisional) : atomically(pool, op)

  switch (action) {
    case 'database.getDocument': {
      const collection = collectionName(body)
      const query = objectWire(body, 'query') ?? {}
      const order = objectWire(body, 'order') as Record<string, 1 | -1> | undefined
      const projection = objectWire(body, 'projection')
      const offset = int(body, 'offset') ?? 0
      const requested = int(body, 'limit') ?? MAX_LIMIT
      if (requested > MAX_LIMIT)
        deps.log(
          `getDocument on ${collection} asked for ${requested} documents; a cloud function gets at most ${MAX_LIMIT}`,
        )
      const limit = Math.min(requested, MAX_LIMIT)
      checkIndexes(collection, query)
      const docs = await read(docKey(collection, query), (db) =>
        findDocuments(db, collection, { query, order, projection, offset, limit }),
      )
      return { list: docs.map(toWire), offset, limit }
    }
    case 'database.calculateDocument': {
      const collection = collectionName(body)
      const query = objectWire(body, 'query') ?? {}
      checkIndexes(collection, query)
      return { total: await read(undefined, (db) => countDocuments(db, collection, query)) }
    }
    case 'database.aggregateDocuments': {
      const collection = collectionName(body)
      if (!Array.isArray(body.stages)) throw adminErrors.invalidParam('stages must be an array')
      const pipeline = body.stages.map((stage, index) => {
        if (
          !isPlainObject(stage) ||
          typeof stage.stageKey !== 'string' ||
          !stage.stageKey.startsWith('$')
        ) {
          throw adminErrors.invalidParam(`stages[${index}] must be {stageKey: "$…", stageValue}`)
        }
        return { [stage.stageKey]: parseWire(stage.stageValue, `stages[${index}].stageValue`) }
      })
      const match = pipeline[0]?.$match
      checkIndexes(collection, isPlainObject(match) ? match : {})
      const list = await read(undefined, (db) => aggregateDocuments(db, collection, pipeline))
      return { list: list.map(toWire) }
    }
    case 'database.insertDocument': {
      const collection = collectionName(body)
      if (!Array.isArray(body.data) || body.data.length === 0)
        throw adminErrors.invalidParam('data must be a non-empty array of EJSON strings')
      const docs = body.data.map((item, index) => {
        const doc = parseWire(item, `data[${index}]`)
        if (!isPlainObject(doc)) throw adminErrors.invalidParam(`data[${index}] must be an object`)
        return doc as Doc
      })
      const key = docs.length === 1 ? docKey(collection, docs[0]) : undefined
      const insertedIds = await write(
        key,
        (db) => insertDocuments(db, collection, docs),
        () => docs.map((doc) => doc._id ?? newId()),
      )
      return { insertedIds }
    }
    case 'database.modifyDocument': {
      const collection = collectionName(body)
      const query = objectWire(body, 'query') ?? {}
      const data = objectWire(body, 'data')
      if (!data) throw adminErrors.invalidParam('data is required')
      checkIndexes(collection, query)
      const replace = !bool(body, 'merge', true)
      if (replace && Object.keys(data).some((key) => key.startsWith('$'))) {
        throw adminErrors.invalidParam('set() data must not contain update operators')
      }
      const options = {
        query,
        data,
        replace,
        multi: bool(body, 'multi', false),
        upsert: bool(body, 'upsert', false),
      }
      const provisional = () => ({ updated: 1, upsert_id: null })
      return await write(
        docKey(collection, query),
        (db) => modifyDocuments(db, collection, options),
        provisional,
      )
    }
    case 'database.removeDocument': {
      const collection = collectionName(body)
      const query = objectWire(body, 'query') ?? {}
      const multi = bool(body, 'multi', false)
      checkIndexes(collection, query)
      const deleted = await write(
        docKey(collection, query),
        (db) => removeDocuments(db, collection, query, multi),
        () => 1,
      )
      return { deleted }
    }
    case 'database.addCollection': {
      const collection = collectionName(body)
      if (!(await createCollection(pool, collection)))
        throw adminErrors.collectionExists(collection)
      return {}
    }
    case 'database.startTransaction': {
      return { transactionId: await transactions.start() }
    }
    case 'database.commitTransaction': {
      await transactions.commit(str(body, 'transactionId'))
      return {}
    }
    case 'database.abortTransaction': {
      await transactions.abort(str(body, 'transactionId'))
      return {}
    }
    default:
      throw new AdminError('INVALID_ACTION', `unknown action ${action}. 本地云未实现该接口`)
  }
}
