// Transactions and concurrency: runTransaction / startTransaction through the unmodified SDK on
// real PostgreSQL transactions (REPEATABLE READ), and atomic single-document updates.
import { Pool } from 'pg'
import { Transactions } from '../../tools/local-cloud/store/transactions'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES, runSdk, sdkFailure } from './fixtures'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ functionsRoot: FIXTURES })
  await cloud.store.insertMany('acc', [
    { _id: 'alice', balance: 100 },
    { _id: 'bob', balance: 0 },
    { _id: 'counter', n: 0 },
    { _id: 'x', v: 0 },
    { _id: 'y', v: 0 },
  ])
})
afterAll(() => cloud?.stop())

const balance = async (id: string) => (await cloud.store.find('acc', { _id: id }))[0]

test('runTransaction commits every write and returns the callback value', async () => {
  const out = await runSdk(
    cloud,
    `return await db.runTransaction(async (t) => {
       const alice = (await t.collection('acc').doc('alice').get()).data
       await t.collection('acc').doc('alice').update({ data: { balance: _.inc(-30) } })
       await t.collection('acc').doc('bob').update({ data: { balance: _.inc(30) } })
       await t.collection('acc').add({ data: { _id: 'log-1', amount: 30 } })
       return { seen: alice.balance }
     })`,
  )
  expect(out).toEqual({ seen: 100 })
  expect((await balance('alice')).balance).toBe(70)
  expect((await balance('bob')).balance).toBe(30)
  expect(await cloud.store.find('acc', { _id: 'log-1' })).toHaveLength(1)
})

test('runTransaction rolls back when the callback throws or calls rollback()', async () => {
  const thrown = await sdkFailure(
    cloud,
    `await db.runTransaction(async (t) => {
       await t.collection('acc').doc('alice').update({ data: { balance: _.inc(-1000) } })
       await t.collection('acc').add({ data: { _id: 'log-2' } })
       throw new Error('insufficient funds')
     })`,
  )
  expect(thrown.errMsg).toMatch(/insufficient funds/)
  const rolledBack = await runSdk(
    cloud,
    `try {
       await db.runTransaction(async (t) => {
         await t.collection('acc').doc('bob').update({ data: { balance: _.inc(500) } })
         await t.rollback('custom-reason')
       })
     } catch (reason) { return reason }`,
  )
  expect(rolledBack).toBe('custom-reason')
  expect((await balance('alice')).balance).toBe(70)
  expect((await balance('bob')).balance).toBe(30)
  expect(await cloud.store.find('acc', { _id: 'log-2' })).toHaveLength(0)
})

test('a write conflict fails the commit with DATABASE_TRANSACTION_CONFLICT and runTransaction retries', async () => {
  const out = await runSdk(
    cloud,
    `let attempts = 0
     const result = await db.runTransaction(async (t) => {
       attempts += 1
       const { data } = await t.collection('acc').doc('counter').get()
       if (attempts === 1) {
         // Someone else changes the document after our snapshot was taken.
         await db.collection('acc').doc('counter').update({ data: { n: _.inc(100) } })
       }
       await t.collection('acc').doc('counter').update({ data: { n: data.n + 1 } })
       return data.n
     })
     return { attempts, result }`,
  )
  expect(out).toEqual({ attempts: 2, result: 100 })
  expect((await balance('counter')).n).toBe(101)
})

test('two transactions that read then write one document: the loser conflicts, never both apply', async () => {
  const out = await runSdk(
    cloud,
    `const t1 = await db.startTransaction()
     const t2 = await db.startTransaction()
     await t1.collection('acc').doc('y').get()                    // t1's snapshot starts
     await t2.collection('acc').doc('x').get()                    // t2's snapshot starts
     const seen1 = (await t1.collection('acc').doc('x').get()).data.v
     const seen2 = (await t2.collection('acc').doc('x').get()).data.v
     await t2.collection('acc').doc('x').update({ data: { v: seen2 + 10, by: 't2' } })
     await t2.commit()
     await t1.collection('acc').doc('x').update({ data: { v: seen1 + 1, by: 't1' } })
     let conflict = null
     try { await t1.commit() } catch (e) { conflict = e.code || e.errMsg || String(e) }
     return { seen1, seen2, conflict }`,
  )
  expect(out).toEqual({ seen1: 0, seen2: 0, conflict: 'DATABASE_TRANSACTION_CONFLICT' })
  expect(await balance('x')).toEqual({ _id: 'x', v: 10, by: 't2' })
})

test('startTransaction: reads its own writes, others see nothing until commit; rollback discards', async () => {
  const out = await runSdk(
    cloud,
    `const t = await db.startTransaction()
     await t.collection('acc').doc('bob').update({ data: { balance: _.inc(1) } })
     const inside = (await t.collection('acc').doc('bob').get()).data.balance
     const outside = (await db.collection('acc').doc('bob').get()).data.balance
     await t.commit()
     const committed = (await db.collection('acc').doc('bob').get()).data.balance
     const t2 = await db.startTransaction()
     await t2.collection('acc').doc('bob').set({ data: { balance: -1 } })
     await t2.collection('acc').add({ data: { _id: 'never' } })
     await t2.rollback()
     const after = (await db.collection('acc').doc('bob').get()).data.balance
     const never = (await db.collection('acc').where({ _id: 'never' }).count()).total
     return { inside, outside, committed, after, never }`,
  )
  expect(out).toEqual({ inside: 31, outside: 30, committed: 31, after: 31, never: 0 })
})

test('parallel read-modify-write transactions from separate invocations lose no update', async () => {
  const code = `return await db.runTransaction(async (t) => {
     const ref = t.collection('acc').doc('rmw')
     const { data } = await ref.get()
     await ref.set({ data: { n: (data ? data.n : 0) + 1 } })
     return true
   })`
  // Uses the project's get-or-create pattern (missing document reads as null).
  const src = code.replace(
    'const { data } = await ref.get()',
    'let data = null; try { data = (await ref.get()).data } catch (e) { if (!/does not exist/.test(e.errMsg)) throw e }',
  )
  const results = await Promise.all(Array.from({ length: 10 }, () => runSdk(cloud, src)))
  expect(results.every(Boolean)).toBe(true)
  expect((await balance('rmw')).n).toBe(10)
})

test('20 concurrent _.inc(1) on one document add exactly 20 (separate invocations and one Promise.all)', async () => {
  await cloud.store.insertMany('acc', [{ _id: 'hits', n: 0 }])
  await Promise.all(
    Array.from({ length: 20 }, () =>
      runSdk(cloud, `await db.collection('acc').doc('hits').update({ data: { n: _.inc(1) } })`),
    ),
  )
  expect((await balance('hits')).n).toBe(20)
  await runSdk(
    cloud,
    `await Promise.all(Array.from({ length: 20 }, () => db.collection('acc').doc('hits').update({ data: { n: _.inc(1) } })))`,
  )
  expect((await balance('hits')).n).toBe(40)
})

test('a transaction idle longer than the limit is rolled back and its id stops working', async () => {
  const pool = new Pool({ connectionString: cloud.databaseUrl, max: 2 })
  const lines: string[] = []
  const transactions = new Transactions(pool, (line) => lines.push(line), 200)
  try {
    const id = await transactions.start()
    await transactions.run(id, undefined, (db) =>
      db.query("INSERT INTO local_collections (name) VALUES ('idle_probe')"),
    )
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(transactions.size).toBe(0)
    await expect(transactions.commit(id)).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
    })
    const { rowCount } = await pool.query(
      "SELECT 1 FROM local_collections WHERE name = 'idle_probe'",
    )
    expect(rowCount).toBe(0)
    expect(lines.join('\n')).toMatch(/idle/)
  } finally {
    await transactions.closeAll()
    await pool.end()
  }
})
