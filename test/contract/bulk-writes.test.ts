// Bulk writes as the refill timer sends them (issue 21 goal 4): a batch add, a conditional bulk
// update pinned to 100 `_id`s (claim: $or of `_id` + date pairs; mark: token, status, date) are
// each one SQL write, not one per document, and a query pinned by `_id` reads those rows by key
// whatever else it says. Results stay those of mingo alone: every write below is checked against
// mingo's own update of the same documents.
import fc from 'fast-check'
import { Query, update as mingoUpdate } from 'mingo'
import { Pool } from 'pg'
import {
  findAll,
  findDocuments,
  insertDocuments,
  modifyDocuments,
} from '../../tools/local-cloud/store/documents'
import { candidateFilter } from '../../tools/local-cloud/store/query-sql'
import type { Doc, Queryable } from '../../tools/local-cloud/store/types'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES } from './fixtures'

const C = 'refills'
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n))
const idOf = (i: number) => `r${String(i).padStart(3, '0')}`

describe('bulk writes', () => {
  let cloud: TestCloud
  let pool: Pool
  /** The pool, counting the statements sent through it. */
  let counted: Queryable & { sent: string[] }

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsRoot: FIXTURES })
    pool = new Pool({ connectionString: cloud.databaseUrl, max: 2 })
    const sent: string[] = []
    counted = {
      sent,
      query: (text: string, params?: unknown[]) => {
        sent.push(text)
        return pool.query(text, params)
      },
    }
  })
  afterAll(async () => {
    await pool?.end()
    await cloud?.stop()
  })

  const writes = () =>
    counted.sent.filter((sql) => /^\s*(INSERT|UPDATE)\s+INTO|^\s*UPDATE\s/i.test(sql))

  const seed = async (n: number) => {
    await cloud.store.reset()
    await cloud.store.ensureCollection(C)
    const docs = Array.from({ length: n }, (_, i) => ({
      _id: idOf(i),
      status: i % 7 === 0 ? 'stopped' : 'active',
      nextReminderAt: day(i % 5),
      history: [{ at: day(0), quantity: 1 }],
    }))
    await cloud.store.insertMany(C, docs)
    return docs as Doc[]
  }

  it('adds a batch in one statement; a duplicate in it writes nothing and is named', async () => {
    await seed(1)
    counted.sent.length = 0
    const batch = Array.from({ length: 100 }, (_, i) => ({ _id: `n${i}`, n: i }))
    await insertDocuments(counted, C, batch)
    expect(writes()).toHaveLength(1)
    expect(await findAll(pool, C, { _id: { $in: ['n0', 'n99'] } })).toHaveLength(2)
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await expect(
        insertDocuments(client, C, [{ _id: 'x1' }, { _id: idOf(0) }, { _id: 'x2' }]),
      ).rejects.toThrow(/duplicate key.*"r000"/)
      await client.query('ROLLBACK')
    } finally {
      client.release()
    }
    expect(await findAll(pool, C, { _id: { $in: ['x1', 'x2'] } })).toHaveLength(0)
  })

  it('claims 100 rows by `_id` + date pairs with one read by key and one write', async () => {
    const docs = await seed(150)
    const due = docs.slice(0, 100)
    const query = {
      $and: [
        { _id: { $in: due.map((d) => d._id) }, status: 'active' },
        { $or: due.map((d) => ({ _id: d._id, nextReminderAt: d.nextReminderAt })) },
        { $or: [{ reminderClaimUntil: null }, { reminderClaimUntil: { $lte: day(9) } }] },
      ],
    }
    // Read by primary key only: the $or of 100 pairs is mingo's to check, not the planner's.
    const filter = candidateFilter(C, query)
    expect(filter.where).toBe('collection = $1 AND id = ANY($2::text[])')
    expect(filter.exact).toBe(false)

    const data = { $set: { reminderClaim: 't1', reminderClaimUntil: day(20) } }
    const claimable = new Query(query)
    const expected = docs.map((doc) => {
      if (!claimable.test(doc)) return doc
      const next = structuredClone(doc)
      mingoUpdate(next, data)
      return next
    })
    counted.sent.length = 0
    const result = await modifyDocuments(counted, C, {
      query,
      data,
      replace: false,
      multi: true,
      upsert: false,
    })
    expect(result.updated).toBe(due.filter((d) => d.status === 'active').length)
    expect(writes()).toHaveLength(1)
    const byId = (list: Doc[]) =>
      [...list].sort((a, b) => String(a._id).localeCompare(String(b._id)))
    expect(byId(await findAll(pool, C))).toEqual(byId(expected))

    // Mark: $set with $unset, one write again.
    const mark = {
      $set: { status: 'reminded' },
      $unset: { reminderClaim: '', reminderClaimUntil: '' },
    }
    counted.sent.length = 0
    const marked = await modifyDocuments(counted, C, {
      query: { _id: { $in: due.map((d) => d._id) }, reminderClaim: 't1', status: 'active' },
      data: mark,
      replace: false,
      multi: true,
      upsert: false,
    })
    expect(marked.updated).toBe(result.updated)
    expect(writes()).toHaveLength(1)
    const after = await findDocuments(pool, C, { query: { reminderClaim: { $exists: true } } })
    expect(after).toEqual([])
  })

  it('writes what mingo writes for random $set / $unset updates on a pinned query', async () => {
    const value = fc.oneof(
      fc.integer(),
      fc.string({ maxLength: 3 }),
      fc.constant(null),
      fc.integer({ min: 0, max: 5 }).map(day),
      fc.record({ a: fc.integer() }),
      fc.array(fc.integer(), { maxLength: 2 }),
    )
    const field = fc.constantFrom('status', 'nextReminderAt', 'extra', 'history')
    const update = fc.oneof(
      fc.record({ $set: fc.dictionary(field, value, { minKeys: 1, maxKeys: 2 }) }),
      fc
        .tuple(
          fc.dictionary(field, value, { maxKeys: 1 }),
          fc.constantFrom('status', 'extra', 'missing'),
        )
        .filter(([set, unset]) => !(unset in set))
        .map(([$set, unset]) => ({ $set, $unset: { [unset]: '' } })),
    )
    const docs = await seed(12)
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(docs.map((d) => d._id as string)),
        fc.constantFrom('active', 'stopped'),
        update,
        async (ids, status, data) => {
          await cloud.store.reset()
          await cloud.store.ensureCollection(C)
          await cloud.store.insertMany(C, docs)
          const query = { $and: [{ _id: { $in: [...ids, 'none'] } }, { status }] }
          const matches = new Query(query)
          const expected = docs.map((doc) => {
            if (!matches.test(doc)) return doc
            const next = structuredClone(doc)
            mingoUpdate(next, data as never)
            return next
          })
          await modifyDocuments(pool, C, {
            query,
            data,
            replace: false,
            multi: true,
            upsert: false,
          })
          const sorted = (list: Doc[]) =>
            [...list].sort((a, b) => String(a._id).localeCompare(String(b._id)))
          expect(sorted(await findAll(pool, C))).toEqual(sorted(expected))
        },
      ),
      { numRuns: 60 },
    )
  }, 120_000)
})
