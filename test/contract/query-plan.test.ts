// Indexed reads stay indexed at scale (issue 21): the refill timer's due read, order.mine's page
// and the board's page read about the rows they return, not every row of a status or a customer.
// Before, each range or equality was ORed with its array-element branch and each ORDER BY … LIMIT
// first checked the key's type on every candidate, so PostgreSQL read them all.
//   PLAN_ROWS=200000 PLAN_PRINT=1 npx jest test/contract/query-plan   prints times per read
import { Pool } from 'pg'
import { countDocuments, findDocuments } from '../../tools/local-cloud/store/documents'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES } from './fixtures'

const ROWS = Number(process.env.PLAN_ROWS ?? 20_000)
const PRINT = process.env.PLAN_PRINT === '1'
const NOW = new Date('2026-06-01T00:00:00Z')
const iso = (expr: string) =>
  `jsonb_build_object('$date', to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`

interface PlanNode {
  'Node Type': string
  'Actual Rows': number
  'Actual Loops': number
  'Rows Removed by Filter'?: number
  'Relation Name'?: string
  'Index Name'?: string
  Plans?: PlanNode[]
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

describe('indexed reads at scale', () => {
  let cloud: TestCloud
  let pool: Pool
  /** Every statement the store sent since the last take(). */
  let sent: Array<[string, unknown[]]> = []

  beforeAll(async () => {
    cloud = await startTestCloud({ functionsRoot: FIXTURES })
    pool = new Pool({ connectionString: cloud.databaseUrl, max: 2 })
    await pool.query("INSERT INTO local_collections (name) VALUES ('refills'), ('orders')")
    // Refills: 90% active, 1% of them due; orders: nine nodes, one customer holds a tenth.
    await pool.query(
      `INSERT INTO local_documents (collection, id, data)
       SELECT 'refills', '"r' || i || '"', jsonb_build_object('_id', 'r' || i,
         'ownerOpenid', 'o_' || (i % 5000), 'productId', 'p' || (i % 40),
         'status', CASE WHEN i % 20 = 0 THEN 'stopped' WHEN i % 20 = 1 THEN 'reminded' ELSE 'active' END,
         'nextReminderAt', ${iso(`$1::timestamptz + make_interval(mins => CASE WHEN i % 100 = 2 THEN -(i % 997) ELSE 1 + i % 90000 END)`)})
       FROM generate_series(1, $2::int) AS i`,
      [NOW.toISOString(), ROWS],
    )
    await pool.query(
      `INSERT INTO local_documents (collection, id, data)
       SELECT 'orders', '"d' || i || '"', jsonb_build_object('_id', 'd' || i, 'orderNo', 'N' || i,
         'ownerOpenid', CASE WHEN i % 10 = 0 THEN 'o_many' ELSE 'o_' || (i % 3000) END,
         'node', (ARRAY['submitted','confirmed','measuring','cutting','sewing','qc','shipped','completed','cancelled'])[1 + i % 9],
         'eta', to_char(DATE '2026-01-01' + (i % 300), 'YYYY-MM-DD'),
         'createdAt', ${iso(`$1::timestamptz - make_interval(mins => i)`)},
         'updatedAt', ${iso(`$1::timestamptz - make_interval(mins => i)`)})
       FROM generate_series(1, $2::int) AS i`,
      [NOW.toISOString(), ROWS],
    )
    await pool.query('ANALYZE local_documents')
    const query = pool.query.bind(pool) as (text: string, params?: unknown[]) => Promise<unknown>
    Object.assign(pool, {
      query: (text: string, params: unknown[] = []) => {
        sent.push([text, params])
        return query(text, params)
      },
    })
  }, 600_000)
  afterAll(async () => {
    await pool?.end()
    await cloud?.stop()
  })

  /** The read's result, and the most rows any scan of local_documents or its indexes read. */
  async function measure<T>(what: string, read: () => Promise<T>) {
    sent = []
    const started = process.hrtime.bigint()
    const result = await read()
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    const statements = sent
    let widest = 0
    const scans: string[] = []
    for (const [text, params] of statements) {
      if (!/^\s*SELECT/.test(text)) continue
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, params)
      const plan = (rows[0] as { 'QUERY PLAN': Array<{ Plan: PlanNode }> })['QUERY PLAN'][0].Plan
      const ours = (n: PlanNode) =>
        n['Relation Name'] === 'local_documents' ||
        /^(lc_idx_|local_documents)/.test(n['Index Name'] ?? '')
      for (const node of nodesOf(plan).filter(ours)) {
        const seen = node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)
        widest = Math.max(widest, seen * node['Actual Loops'])
        scans.push(node['Node Type'])
      }
    }
    if (PRINT) {
      const times = [ms]
      for (let i = 0; i < 6; i++) {
        const again = process.hrtime.bigint()
        await read()
        times.push(Number(process.hrtime.bigint() - again) / 1e6)
      }
      const median = times.sort((a, b) => a - b)[3]
      console.log(`${what}: median of 7 ${median.toFixed(1)} ms, widest scan ${widest} rows`)
    }
    return { result, widest, scans }
  }

  it("reads the refill timer's due reminders through (status, nextReminderAt)", async () => {
    const due = { status: 'active', nextReminderAt: { $lte: NOW } }
    const count = await measure('refill due count', () => countDocuments(pool, 'refills', due))
    expect(count.result).toBe(ROWS / 100)
    const page = await measure('refill due page', () =>
      findDocuments(pool, 'refills', {
        query: due,
        order: { nextReminderAt: 1, _id: 1 },
        limit: 100,
      }),
    )
    expect(page.result).toHaveLength(100)
    for (const read of [count, page]) {
      expect(read.scans).not.toContain('Seq Scan')
      // Before: every active refill (90%) in each of three statements.
      expect(read.widest).toBeLessThanOrEqual(ROWS / 100)
    }
  }, 120_000)

  it("reads order.mine's and the board's first page in index order", async () => {
    const mine = await measure('order.mine page', () =>
      findDocuments(pool, 'orders', {
        query: { ownerOpenid: 'o_many' },
        order: { createdAt: -1, _id: -1 },
        limit: 10,
      }),
    )
    expect(mine.result.map((d) => d._id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `d${10 * (i + 1)}`),
    )
    const board = await measure('board page', () =>
      findDocuments(pool, 'orders', {
        query: { node: 'sewing' },
        order: { eta: 1, _id: 1 },
        limit: 10,
      }),
    )
    expect(board.result).toHaveLength(10)
    for (const read of [mine, board]) {
      expect(read.scans).not.toContain('Seq Scan')
      // About the page: the orders tied with it on the key (a node's share of one ETA day), or,
      // walking createdAt, the other customers' orders between this one's (it holds a tenth, so
      // about 100 for a page of 10). Before: all of the customer's or the node's (a ninth) orders.
      expect(read.widest).toBeLessThanOrEqual(ROWS / 100)
    }
  }, 120_000)

  it("reads the dashboard's finished orders (node IN …, newest updatedAt) one node at a time", async () => {
    const finished = await measure('finished sample', () =>
      findDocuments(pool, 'orders', {
        query: {
          node: { $in: ['shipped', 'completed'] },
          updatedAt: { $gte: new Date(NOW.getTime() - 30 * 24 * 3600 * 1000) },
        },
        order: { updatedAt: -1 },
        limit: 100,
      }),
    )
    // Shipped and completed: i ≡ 6 or 7 (mod 9); newest (smallest i) first.
    const expected = Array.from({ length: 100 }, (_, k) => `d${9 * (k >> 1) + 6 + (k & 1)}`)
    expect(finished.result.map((d) => d._id)).toEqual(expected)
    expect(finished.scans).not.toContain('Seq Scan')
    // Each node's walk stops at the page. Before: every match of both nodes (2/9), sorted.
    expect(finished.widest).toBeLessThanOrEqual(ROWS / 100)
  }, 120_000)
})
