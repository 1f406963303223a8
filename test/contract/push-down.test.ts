// Push-down never changes a result: random documents, random queries, each answered with
// push-down on and off (every row read, mingo alone) must agree; and indexed reads read fewer rows.
import fc from 'fast-check'
import { Pool } from 'pg'
import { countDocuments, findDocuments, rowsRead } from '../../tools/local-cloud/store/documents'
import { pushDown } from '../../tools/local-cloud/store/query-sql'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES } from './fixtures'

const C = 'orders' // indexes: ownerOpenid+createdAt, node+eta, …
const owners = ['o_a', 'o_b', 'o_c']
const nodes = ['submitted', 'making', 'shipped']
const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n))

// ETA-like strings, case and astral/private-use characters (where UTF-16 and code point order part).
const text = fc.constantFrom('2025-01-02', '2025-01-10', 'a', 'B', '中', '\uE000', '😀')
const scalar = fc.oneof(
  fc.constantFrom(...owners, ...nodes),
  text,
  fc.integer({ min: -3, max: 3 }),
  fc.boolean(),
  fc.integer({ min: 0, max: 5 }).map(day),
)
const value = fc.oneof(
  { weight: 6, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
)
const doc = fc.record(
  {
    ownerOpenid: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...owners) },
      { weight: 1, arbitrary: value },
    ),
    node: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...nodes) },
      { weight: 1, arbitrary: value },
    ),
    createdAt: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 5 }).map(day) },
      { weight: 1, arbitrary: value },
    ),
    eta: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 9 }) },
      { weight: 4, arbitrary: text },
      { weight: 1, arbitrary: value },
    ),
    exception: fc.oneof(
      fc.record({ kind: value }, { requiredKeys: [] }),
      fc.array(fc.record({ kind: value }), { maxLength: 2 }),
      value,
    ),
  },
  { requiredKeys: [] },
)
const field = fc.constantFrom('ownerOpenid', 'node', 'createdAt', 'eta', 'exception.kind', '_id')
const bound = fc.oneof(
  fc.integer({ min: -1, max: 10 }),
  fc.integer({ min: 0, max: 5 }).map(day),
  text,
  fc.constantFrom('d05', 'd1', 'd10'),
)
const condition = fc.oneof(
  scalar,
  scalar.map(($eq) => ({ $eq })),
  fc.array(scalar, { minLength: 1, maxLength: 3 }).map(($in) => ({ $in })),
  fc.record({ $gt: bound }),
  fc.record({ $gte: bound, $lt: bound }),
  fc.record({ $lte: bound }),
  scalar.map(($ne) => ({ $ne })),
  fc.constant(null),
)
const leaf = fc.dictionary(field, condition, { minKeys: 0, maxKeys: 2 })
const query = fc.oneof(
  leaf,
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map(($and) => ({ $and })),
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map(($or) => ({ $or })),
  fc.tuple(leaf, fc.array(leaf, { minLength: 1, maxLength: 2 })).map(([a, $or]) => ({ ...a, $or })),
)
const order = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom<1 | -1>(1, -1).map((d) => ({ createdAt: d, _id: d })),
  fc.constantFrom<1 | -1>(1, -1).map((d) => ({ eta: d })),
  fc.constantFrom<1 | -1>(1, -1).map((d) => ({ eta: d, _id: d })),
  fc.constantFrom<1 | -1>(1, -1).map((d) => ({ _id: d })),
)

const SPLIT_FROM = pushDown.splitFrom

describe('query push-down', () => {
  let cloud: TestCloud
  let pool: Pool
  beforeAll(async () => {
    cloud = await startTestCloud({ functionsRoot: FIXTURES })
    pool = new Pool({ connectionString: cloud.databaseUrl, max: 4 })
    // The split at any size: these collections are small (a small one is read the plain way).
    pushDown.splitFrom = 0
  })
  afterAll(async () => {
    pushDown.enabled = true
    pushDown.splitFrom = SPLIT_FROM
    await pool?.end()
    await cloud?.stop()
  })

  async function both<T>(work: () => Promise<T>): Promise<[T, T]> {
    pushDown.enabled = true
    const on = await work()
    pushDown.enabled = false
    try {
      return [on, await work()]
    } finally {
      pushDown.enabled = true
    }
  }

  it('answers every query as mingo alone does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(doc, { maxLength: 25 }),
        fc.array(fc.tuple(query, order, fc.integer({ min: 1, max: 6 }), fc.nat(3)), {
          minLength: 1,
          maxLength: 6,
        }),
        async (docs, queries) => {
          await cloud.store.reset()
          // orderNo is unique in database/indexes.json: give each document its own.
          await cloud.store.insertMany(
            C,
            docs.map((d, i) => ({ ...d, _id: `d${String(i).padStart(2, '0')}`, orderNo: `N${i}` })),
          )
          for (const [q, o, limit, offset] of queries) {
            const [found, scanned] = await both(() =>
              findDocuments(pool, C, { query: q, order: o, limit, offset }),
            )
            // Without a total order, ties may come back in any order: compare as sets then.
            const ids = (list: Array<{ _id?: unknown }>) => list.map((d) => d._id)
            if (o && '_id' in o) expect(ids(found)).toEqual(ids(scanned))
            else if (!o) expect(ids(found)).toEqual(ids(scanned))
            else expect(found.length).toBe(scanned.length)
            const [n, m] = await both(() => countDocuments(pool, C, q))
            expect(n).toBe(m)
          }
        },
      ),
      { numRuns: 120 },
    )
  }, 240_000)

  it('ranges and orders strings as JavaScript does', async () => {
    const range = fc.oneof(
      fc.record({ $lt: text }),
      fc.record({ $gte: text }),
      fc.record({ $gt: text, $lte: text }),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ eta: text, node: fc.constantFrom(...nodes) }), { maxLength: 20 }),
        fc.array(fc.tuple(range, fc.constantFrom<1 | -1>(1, -1), fc.integer({ min: 1, max: 6 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (docs, queries) => {
          await cloud.store.reset()
          await cloud.store.insertMany(
            C,
            docs.map((d, i) => ({ ...d, _id: `s${String(i).padStart(2, '0')}`, orderNo: `S${i}` })),
          )
          for (const [eta, direction, limit] of queries) {
            const options = { query: { eta }, order: { eta: direction, _id: direction }, limit }
            const [found, scanned] = await both(() => findDocuments(pool, C, options))
            expect(found.map((d) => d._id)).toEqual(scanned.map((d) => d._id))
            const [n, m] = await both(() => countDocuments(pool, C, { eta }))
            expect(n).toBe(m)
          }
        },
      ),
      { numRuns: 60 },
    )
  }, 120_000)

  // The index-friendly split (query-sql.ts): scalar rows through the index, irregular rows apart.
  it('keeps array, mixed-type, missing and wide values exact beside indexed ones', async () => {
    await cloud.store.reset()
    const plain = Array.from({ length: 40 }, (_, i) => ({
      _id: `p${String(i).padStart(2, '0')}`,
      orderNo: `P${i}`,
      ownerOpenid: owners[i % 3],
      node: nodes[i % 3],
      createdAt: day(i % 6),
      eta: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`,
    }))
    const odd = [
      { _id: 'x1', orderNo: 'X1', ownerOpenid: ['o_a', 'o_z'], node: 'making', createdAt: day(2) },
      {
        _id: 'x2',
        orderNo: 'X2',
        ownerOpenid: 'o_a',
        node: ['shipped', 'making'],
        eta: ['2025-01-03'],
      },
      { _id: 'x3', orderNo: 'X3', ownerOpenid: 'o_a', node: 'making', createdAt: [day(1), day(9)] },
      { _id: 'x4', orderNo: 'X4', ownerOpenid: 'o_a', node: 'making', createdAt: 3, eta: 5 },
      { _id: 'x5', orderNo: 'X5', ownerOpenid: 'o_a', node: 'making' },
      { _id: 'x6', orderNo: 'X6', ownerOpenid: 'o_b', node: 'making', eta: '2025-01-0\uE000' },
      { _id: 'x7', orderNo: 'X7', ownerOpenid: 'o_b', node: 'making', eta: '2025-01-0😀' },
      {
        _id: 7,
        orderNo: 'X8',
        ownerOpenid: 'o_a',
        node: 'making',
        createdAt: day(2),
        eta: '2025-01-02',
      },
    ]
    const queries: Array<Record<string, unknown>> = [
      { ownerOpenid: 'o_a' },
      { ownerOpenid: 'o_z' },
      { ownerOpenid: 'o_b' },
      { node: 'making', createdAt: { $lte: day(2) } },
      { node: { $in: ['making', 'shipped'] }, createdAt: { $gt: day(3) } },
      { node: 'making', eta: { $lt: '2025-01-05' } },
      { node: 'making', eta: { $gte: 4 } },
      { $or: [{ node: 'shipped' }, { ownerOpenid: 'o_z' }] },
    ]
    const orders: Array<Record<string, 1 | -1>> = [
      { createdAt: -1, _id: -1 },
      { createdAt: 1, _id: 1 },
      { eta: 1, _id: 1 },
      { eta: -1 },
    ]
    const ids = (list: Array<{ _id?: unknown }>) => list.map((d) => d._id)
    // Each odd document alone beside the plain ones, then all of them together.
    for (const extra of [...odd.map((d) => [d]), odd]) {
      await cloud.store.reset()
      await cloud.store.insertMany(C, [...plain, ...extra])
      for (const q of queries) {
        const [n, m] = await both(() => countDocuments(pool, C, q))
        expect(n).toBe(m)
        for (const o of orders) {
          const [found, scanned] = await both(() =>
            findDocuments(pool, C, { query: q, order: o, limit: 7 }),
          )
          if ('_id' in o) expect(ids(found)).toEqual(ids(scanned))
          else expect(found).toHaveLength(scanned.length)
        }
      }
    }
  }, 120_000)

  // Planning the split costs more than it saves on a small collection (issue 21, the cloud suites).
  it('splits a query on indexed fields only in a large collection', async () => {
    await cloud.store.reset()
    await cloud.store.insertMany(C, [{ _id: 'a', ownerOpenid: 'o_a', createdAt: day(1) }])
    const sent: string[] = []
    const spy = {
      query: (sql: string, params?: unknown[]) => (sent.push(sql), pool.query(sql, params)),
    }
    const page = () =>
      findDocuments(spy as unknown as Pool, C, {
        query: { ownerOpenid: 'o_a' },
        order: { createdAt: -1, _id: -1 },
        limit: 5,
      })
    try {
      pushDown.splitFrom = SPLIT_FROM
      expect(await page()).toHaveLength(1)
      expect(sent.join('\n')).not.toMatch(/IS NOT TRUE/)
      pushDown.splitFrom = 0
      expect(await page()).toHaveLength(1)
      expect(sent.join('\n')).toMatch(/IS NOT TRUE/)
    } finally {
      pushDown.splitFrom = 0
    }
  })

  it('reads only the matching rows through an index', async () => {
    await cloud.store.reset()
    const docs = Array.from({ length: 600 }, (_, i) => ({
      _id: `o${i}`,
      orderNo: `N${i}`,
      ownerOpenid: `o_user_${i % 30}`,
      node: nodes[i % 3],
      createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)),
      eta: i,
    }))
    await cloud.store.insertMany(C, docs)
    const read = async (work: () => Promise<unknown>) => {
      const before = rowsRead.count
      await work()
      return rowsRead.count - before
    }
    const mine = () =>
      findDocuments(pool, C, {
        query: { ownerOpenid: 'o_user_7' },
        order: { createdAt: -1, _id: -1 },
        limit: 5,
      })
    const [indexed, scanning] = await both(() => read(mine))
    expect(indexed).toBe(5)
    expect(scanning).toBe(600)
    const page = await mine()
    expect(page.map((d) => d._id)).toEqual(['o577', 'o547', 'o517', 'o487', 'o457'])
    const [rangeRead] = await both(() =>
      read(() =>
        findDocuments(pool, C, { query: { node: 'making', eta: { $gte: 100, $lt: 130 } } }),
      ),
    )
    expect(rangeRead).toBe(10)
    const [countRead] = await both(() => read(() => countDocuments(pool, C, { node: 'shipped' })))
    expect(countRead).toBe(0)

    // The board's shape: ETA strings, a page ordered by (eta, _id) after a cursor.
    await cloud.store.reset()
    const etaOf = (i: number) =>
      `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
    await cloud.store.insertMany(
      C,
      docs.map((d) => ({ ...d, eta: etaOf(Number(d._id.slice(1))) })),
    )
    const boardPage = () =>
      findDocuments(pool, C, {
        query: {
          $and: [
            { node: 'making' },
            { $or: [{ eta: { $gt: '2025-03-03' } }, { eta: '2025-03-03', _id: { $gt: 'o200' } }] },
          ],
        },
        order: { eta: 1, _id: 1 },
        limit: 5,
      })
    const [pageRead, pageScan] = await both(() => read(boardPage))
    expect(pageScan).toBe(600)
    // The database here (C.UTF-8 or C) orders strings as JavaScript: pushed down; elsewhere the
    // probe turns it off and every row of the node is read.
    // (eta, _id) both ordered in SQL: exactly the page.
    expect(pageRead).toBe(pushDown.strings ? 5 : 200)
    const [overdue] = await both(() =>
      read(() => countDocuments(pool, C, { node: 'making', eta: { $lt: '2025-06-01' } })),
    )
    expect(overdue).toBe(pushDown.strings ? 0 : 200)

    const plan = await pool.query(
      `EXPLAIN SELECT data FROM local_documents WHERE collection = 'orders' AND (data -> 'ownerOpenid') = '"o_user_7"'::jsonb`,
    )
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/lc_idx_/)
  })

  // The dashboard's finished orders: node IN (…) by updatedAt desc, over the (node, updatedAt) index.
  it('reads an $in one value at a time along an index leading with it and the sort key', async () => {
    await cloud.store.reset()
    await cloud.store.insertMany(
      C,
      Array.from({ length: 60 }, (_, i) => ({
        _id: `u${String(i).padStart(2, '0')}`,
        orderNo: `U${i}`,
        node: nodes[i % 3],
        updatedAt: day(i % 6),
        createdAt: day(i % 5),
      })),
    )
    const sent: string[] = []
    const spy = {
      query: (sql: string, params?: unknown[]) => (sent.push(sql), pool.query(sql, params)),
    }
    const read = (q: object, o: Record<string, 1 | -1>) =>
      both(() => findDocuments(spy as unknown as Pool, C, { query: q, order: o, limit: 7 }))
    const ids = (list: Array<{ _id?: unknown }>) => list.map((d) => d._id)
    // Repeated values count once.
    const finished = { node: { $in: ['making', 'shipped', 'making'] }, updatedAt: { $gte: day(2) } }
    const [found, scanned] = await read(finished, { updatedAt: -1, _id: -1 })
    expect(ids(found)).toEqual(ids(scanned))
    // One arm per value, each `= value … ORDER BY … LIMIT` (an index walk), not `= ANY(…)` sorted.
    const arm =
      /\(data -> 'node'\) = \$\d+::jsonb\)[^()]*\([^]*?ORDER BY \(data -> 'updatedAt'\) DESC/g
    const ordered = sent.filter((sql) => sql.includes(' AS tie'))
    expect(ordered.length).toBeGreaterThan(0)
    for (const sql of ordered) expect(sql.match(arm)).toHaveLength(2)
    // No index leads with (node, createdAt): one arm, as before.
    sent.length = 0
    const [byCreated] = await read(finished, { createdAt: -1, _id: -1 })
    expect(byCreated.length).toBeGreaterThan(0)
    expect(sent.filter((sql) => sql.includes(' AS tie')).join('\n')).toMatch(/= ANY\(/)
  })

  it('answers an $in read one value at a time as mingo alone does', async () => {
    const nodeValue = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...nodes) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom(...nodes), { maxLength: 2 }) },
      { weight: 1, arbitrary: scalar },
    )
    const updated = fc.oneof(
      { weight: 12, arbitrary: fc.integer({ min: 0, max: 5 }).map(day) },
      { weight: 1, arbitrary: value },
    )
    const subset = fc.array(fc.oneof(fc.constantFrom(...nodes), scalar), {
      minLength: 2,
      maxLength: 4,
    })
    const since = fc.option(fc.integer({ min: 0, max: 5 }).map(day), { nil: undefined })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ node: nodeValue, updatedAt: updated }), { maxLength: 25 }),
        fc.array(
          fc.tuple(
            subset,
            since,
            fc.constantFrom<1 | -1>(1, -1),
            fc.boolean(),
            fc.integer({ min: 1, max: 6 }),
            fc.nat(3),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        async (docs, reads) => {
          await cloud.store.reset()
          await cloud.store.insertMany(
            C,
            docs.map((d, i) => ({ ...d, _id: `n${String(i).padStart(2, '0')}`, orderNo: `M${i}` })),
          )
          for (const [$in, from, direction, byId, limit, offset] of reads) {
            const q = { node: { $in }, ...(from ? { updatedAt: { $gte: from } } : {}) }
            const o: Record<string, 1 | -1> = byId
              ? { updatedAt: direction, _id: direction }
              : { updatedAt: direction }
            const [found, scanned] = await both(() =>
              findDocuments(pool, C, { query: q, order: o, limit, offset }),
            )
            const ids = (list: Array<{ _id?: unknown }>) => list.map((d) => d._id)
            if (byId) expect(ids(found)).toEqual(ids(scanned))
            else expect(found.length).toBe(scanned.length)
          }
        },
      ),
      { numRuns: 80 },
    )
  }, 120_000)
})
