// database/indexes.json is well-formed, names only known collections, and the local cloud builds
// matching PostgreSQL indexes (unique ones refuse duplicates, a missing field counting as null).
import { Pool } from 'pg'
import { COLLECTIONS } from '@/domain/names'
import {
  indexFileProblems,
  indexStatements,
  loadIndexes,
  statisticsStatements,
  uncoveredShapes,
} from '../../tools/local-cloud/indexes'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES, runSdk, sdkFailure } from './fixtures'

describe('database/indexes.json', () => {
  const file = loadIndexes()

  it('is well-formed and names only collections of src/domain/names.ts', () => {
    expect(indexFileProblems(file)).toEqual([])
    const known = new Set<string>(Object.values(COLLECTIONS))
    expect(Object.keys(file).filter((name) => !known.has(name))).toEqual([])
  })

  it('reports malformed entries', () => {
    expect(indexFileProblems([])).toHaveLength(1)
    expect(
      indexFileProblems({
        orders: [
          { name: 'a', fields: [] },
          { name: 'a', fields: [['x', 'up']] },
          { name: 'b b', fields: [['x', 'asc']], extra: 1 },
        ],
      }),
    ).toEqual([
      'orders[0]: fields must be a non-empty array',
      'orders[1]: duplicate name a',
      'orders[1]: each field must be ["<path>", "asc"|"desc"]',
      'orders[2]: unknown keys extra',
      'orders[2]: name must match /^[A-Za-z0-9_-]{1,64}$/',
    ])
  })

  it('decides coverage by an index whose first field the query pins', () => {
    const spec = {
      t: [
        { name: 'a_b', fields: [['a', 'asc'] as [string, 'asc'], ['b', 'asc'] as [string, 'asc']] },
      ],
    }
    expect(uncoveredShapes(spec, 't', { a: 1, c: { $gt: 2 } })).toEqual([])
    expect(uncoveredShapes(spec, 't', { _id: 'x' })).toEqual([])
    expect(uncoveredShapes(spec, 't', { b: 1 })).toEqual([new Set(['b'])])
    expect(uncoveredShapes(spec, 't', {})).toEqual([new Set()])
    expect(uncoveredShapes(spec, 't', { a: { $ne: 1 } })).toEqual([new Set()])
    expect(uncoveredShapes(spec, 't', { $or: [{ a: 1 }, { b: 2 }] })).toEqual([new Set(['b'])])
  })

  describe('in PostgreSQL', () => {
    let cloud: TestCloud
    let pool: Pool
    beforeAll(async () => {
      cloud = await startTestCloud({ functionsRoot: FIXTURES })
      pool = new Pool({ connectionString: cloud.databaseUrl, max: 2 })
    })
    afterAll(async () => {
      await pool?.end()
      await cloud?.stop()
    })

    it('has one index per entry', async () => {
      const { rows } = await pool.query(
        "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'lc_idx_%'",
      )
      const wanted = indexStatements(file)
      expect(rows.map((r) => r.indexname).sort()).toEqual([...wanted.keys()].sort())
      const orderNo = file.orders.find((spec) => spec.unique)!
      expect(orderNo.fields[0][0]).toBe('orderNo')
      expect(rows.some((r) => /UNIQUE.*'orderNo'.*NULLS NOT DISTINCT/.test(r.indexdef))).toBe(true)
    })

    it('keeps statistics on each indexed field, so the planner estimates its conditions', async () => {
      const { rows } = await pool.query(
        "SELECT stxname FROM pg_statistic_ext WHERE stxname LIKE 'lc_st_%'",
      )
      expect(rows.map((r) => r.stxname).sort()).toEqual(
        [...statisticsStatements(file).keys()].sort(),
      )
      // 2,000 documents over 10 nodes: without these statistics PostgreSQL guesses 0.5% of the rows
      // for an equality on an expression of a partial index (10 here, not 200).
      // (Written straight into the table, under a collection of its own: statistics are per table.)
      await runSdk(cloud, "await db.createCollection('stat_probe'); return null")
      await pool.query(
        `INSERT INTO local_documents (collection, id, data)
         SELECT 'stat_probe', 'stat_' || i, jsonb_build_object('_id', 'stat_' || i, 'node', 'n' || (i % 10))
           FROM generate_series(1, 2000) AS i`,
      )
      await pool.query('ANALYZE local_documents')
      const { rows: plan } = await pool.query(
        `EXPLAIN (FORMAT JSON) SELECT id FROM local_documents
          WHERE collection = 'stat_probe' AND (data -> 'node') = '"n3"'::jsonb AND jsonb_typeof(data -> 'node') = 'string'`,
      )
      const estimate = plan[0]['QUERY PLAN'][0].Plan['Plan Rows'] as number
      expect(estimate).toBeGreaterThan(100)
      expect(estimate).toBeLessThan(400)
      await pool.query("DELETE FROM local_documents WHERE collection = 'stat_probe'")
    })

    it('refuses a duplicate on a unique index, a missing field counting as null', async () => {
      await runSdk(cloud, "await db.createCollection('orders'); return null")
      await runSdk(
        cloud,
        "await db.collection('orders').add({ data: { orderNo: 'N1' } }); return null",
      )
      const dup = await sdkFailure(
        cloud,
        "await db.collection('orders').add({ data: { orderNo: 'N1' } })",
      )
      expect(dup.errMsg).toMatch(/duplicate key.*order_no/)
      await runSdk(cloud, "await db.collection('orders').add({ data: { note: 'a' } }); return null")
      const missing = await sdkFailure(
        cloud,
        "await db.collection('orders').add({ data: { note: 'b' } })",
      )
      expect(missing.errMsg).toMatch(/duplicate key/)
      expect(await cloud.store.count('orders')).toBe(2)
    })
  })
})
