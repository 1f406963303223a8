// Order counters (cloud/order-counters.ts): kept in each order write's transaction, read by the
// board, and repaired by the order timer when something wrote orders around them.
import { Client } from 'pg'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { ORDER_COUNTER_SHARDS } from '@/domain/order-counters'
import { countersAndRecount, expectCountersMatchOrders } from '../helpers/order-counters'
import { consumerA, consumerB, makeClient, merchant, startOrderCloud } from './order-helpers'

const env = startOrderCloud()
const { call, create, act, walk, stored } = makeClient(env)

async function sql(text: string, values: unknown[] = []) {
  const client = new Client({ connectionString: env.cloud.databaseUrl })
  await client.connect()
  try {
    return (await client.query(text, values)).rows
  } finally {
    await client.end()
  }
}

const repair = async () =>
  (
    (await env.cloud.fireTimer(FUNCTIONS.order)) as {
      data: {
        counters: {
          checked: number
          fixed: Record<string, number>
          busy: string[]
          failed: string[]
        }
      }
    }
  ).data.counters

const boardCounts = async () => {
  const board = await call('board', {}, merchant)
  expect(board.ok).toBe(true)
  return board.data as { counts: Record<string, number>; exceptions: number; overdue: number }
}

let submitted: string

beforeAll(async () => {
  submitted = (await create(consumerA))._id
  const cancelled = (await create(consumerB))._id
  const flagged = (await create(consumerA))._id
  await act(consumerB, cancelled, 'cancel')
  await walk(flagged, [
    [merchant, 'confirm'],
    [
      merchant,
      'flag_exception',
      { kind: 'delayed', note: '布料延迟', offered: [{ type: 'cancel' }] },
    ],
  ])
})

test('creating and moving orders keeps every count equal to a recount, in the same write', async () => {
  await expectCountersMatchOrders(env.cloud)
  const { counters } = await countersAndRecount(env.cloud)
  expect(counters).toMatchObject({ submitted: 1, confirmed: 1, cancelled: 1, exceptions: 1 })
  expect(await boardCounts()).toMatchObject({
    counts: { submitted: 1, confirmed: 1 },
    exceptions: 1,
    overdue: 0,
  })
})

test('the timer finds no drift where there is none, and says what it checked', async () => {
  expect(await repair()).toEqual({ checked: 11, fixed: {}, busy: [], failed: [] })
})

test('a corrupted shard: the timer fixes it, and a second run fixes nothing more', async () => {
  // A shard counting the submitted order (which one is the writing instance's choice).
  const changed = await sql(
    `UPDATE local_documents SET data = jsonb_set(data, '{counts,submitted}', to_jsonb((data #>> '{counts,submitted}')::int + 5))
      WHERE collection = $1 AND id = (SELECT id FROM local_documents
        WHERE collection = $1 AND (data #>> '{counts,submitted}')::int > 0 LIMIT 1)
      RETURNING id`,
    [COLLECTIONS.orderCounters],
  )
  expect(changed).toHaveLength(1)
  expect((await boardCounts()).counts.submitted).toBe(6)
  expect(await repair()).toMatchObject({ fixed: { submitted: -5 }, busy: [] })
  await expectCountersMatchOrders(env.cloud)
  expect((await boardCounts()).counts.submitted).toBe(1)
  expect(await repair()).toMatchObject({ fixed: {} })
})

test('an order written around the counters (a direct insert) is counted by the next run', async () => {
  const order = await stored(submitted)
  await env.cloud.store.insertMany(COLLECTIONS.orders, [
    {
      ...order,
      _id: 'ord_direct_0001',
      orderNo: '20200101-DIRECT01',
      requestId: 'direct-0001',
      eta: '2020-01-01',
    },
  ])
  expect(await repair()).toMatchObject({ fixed: { submitted: 1 } })
  expect(await boardCounts()).toMatchObject({ counts: { submitted: 2 }, overdue: 1 })
})

test("a database with no counters yet: an order's write makes its shard, the timer the rest", async () => {
  await sql('DELETE FROM local_documents WHERE collection = $1', [COLLECTIONS.orderCounters])
  expect((await boardCounts()).counts.submitted).toBe(0)
  const another = (await create(consumerB))._id
  expect((await boardCounts()).counts.submitted).toBe(1)
  const report = await repair()
  expect(report.fixed).toEqual({ submitted: 2, confirmed: 1, cancelled: 1, exceptions: 1 })
  await expectCountersMatchOrders(env.cloud)
  expect(
    await env.cloud.store.find(COLLECTIONS.orderCounters, { shard: { $gte: 0 } }),
  ).toHaveLength(ORDER_COUNTER_SHARDS)
  await act(consumerB, another, 'cancel')
  await expectCountersMatchOrders(env.cloud)
  expect(await boardCounts()).toMatchObject({
    counts: { submitted: 2, confirmed: 1 },
    exceptions: 1,
  })
})
