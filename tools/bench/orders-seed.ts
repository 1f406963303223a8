// Bulk seeding for the order benchmarks: clones of one real order.create document written by SQL
// (INSERT … SELECT over generate_series), so 1,000,000 orders take minutes, not the hour one
// insert per document would. Every clone has the real shape; what differs is computed per row.
import { Client } from 'pg'
import { ORDER_NODES } from '../../src/domain/order-types'
import type { BenchContext } from './types'

const CHUNK = 50_000

/** The SQL text of one clone `i` of `$1` (the template as stored); $2 the demo consumer. */
const CLONE = `
  $1::jsonb || jsonb_build_object(
    '_id', 'bench_' || i,
    'orderNo', 'B' || lpad(i::text, 9, '0'),
    -- One consumer in 1,000 is the demo consumer: 1 order of 1,000, 1,000 of 1,000,000.
    'ownerOpenid', CASE WHEN i % 1000 = 0 THEN $2 ELSE 'o_bench_' || (i % 5000) END,
    'node', ($3::text[])[1 + i % cardinality($3::text[])],
    'createdAt', jsonb_build_object('$date', to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
    -- Its last move: at its ETA, except at 'delivered', where the order timer auto-completes what
    -- was delivered AUTO_COMPLETE_DAYS (7) ago: there within the last 5.8 days, so none is due.
    'updatedAt', jsonb_build_object('$date', to_char(CASE
      WHEN ($3::text[])[1 + i % cardinality($3::text[])] = 'delivered'
        THEN now() AT TIME ZONE 'UTC' - (i % 500000) * interval '1 second'
      ELSE at + interval '14 days' END, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
    -- The China date 14 days after createdAt.
    'eta', to_char(at + interval '14 days 8 hours', 'YYYY-MM-DD'),
    -- Paid, so the timer's payment housekeeping leaves them alone.
    'payment', jsonb_set($1::jsonb -> 'payment', '{state}', '"paid"'),
    -- One order in 499 of the first 10,000 has an open exception (499, not 500: so they fall on
    -- every node). A workshop resolves its exceptions, so the open ones do not grow with history;
    -- when 1 in 499 of all orders had one, the board's first page (a node's open exceptions
    -- first, up to 50) listed 50 at 1,000,000 against 2 at 10,000.
    'exception', CASE WHEN i % 499 = 7 AND i < 10000 THEN jsonb_build_object(
      'id', 'exc_' || i, 'kind', 'delayed', 'note', '面料延迟到货', 'photos', '[]'::jsonb,
      'offered', jsonb_build_array(jsonb_build_object('type', 'wait_new_eta',
        'newEta', to_char(at + interval '8 hours', 'YYYY-MM-DD'))),
      'flaggedAt', jsonb_build_object('$date', to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      'choice', null) ELSE 'null'::jsonb END
  )`

/**
 * Orders `from` … `to - 1` as clones of `template` (a stored order document, dates as the store
 * keeps them): createdAt one minute apart from 2024-01-01, nodes in turn over every node.
 */
export async function seedOrderClones(
  ctx: BenchContext,
  template: Record<string, unknown>,
  owner: string,
  from: number,
  to: number,
): Promise<void> {
  const client = new Client({ connectionString: ctx.databaseUrl })
  await client.connect()
  try {
    for (let start = from; start < to; start += CHUNK) {
      const end = Math.min(to, start + CHUNK)
      await client.query(
        `INSERT INTO local_documents (collection, id, data)
         SELECT 'orders', to_jsonb('bench_' || i)::text, ${CLONE}
           FROM generate_series($4::int, $5::int - 1) AS i,
                LATERAL (SELECT timestamp '2024-01-01' + i * interval '1 minute' AS at) AS t`,
        [JSON.stringify(template), owner, [...ORDER_NODES], start, end],
      )
      ctx.log(`orders stored: ${end}`)
    }
  } finally {
    await client.end()
  }
}
