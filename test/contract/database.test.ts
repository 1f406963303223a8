// The unmodified wx-server-sdk's database API, run inside a real cloud function by the local
// cloud's runner, against PostgreSQL: every call the project uses, with MongoDB semantics.
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES, runSdk, sdkFailure } from './fixtures'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await startTestCloud({ functionsRoot: FIXTURES })
  await cloud.store.insertMany('items', [
    {
      _id: 'a',
      n: 1,
      kind: 'x',
      tags: ['red', 'big'],
      owner: 'o1',
      at: new Date('2024-01-01T00:00:00Z'),
      sub: { deep: 1 },
    },
    {
      _id: 'b',
      n: 2,
      kind: 'y',
      tags: ['blue'],
      owner: 'o2',
      at: new Date('2024-02-01T00:00:00Z'),
      list: [{ k: 1 }, { k: 5 }],
    },
    { _id: 'c', n: 3, kind: 'x', tags: ['red'], owner: 'o1', at: new Date('2024-03-01T00:00:00Z') },
    {
      _id: 'd',
      n: 4,
      kind: 'z',
      tags: [],
      owner: 'o3',
      at: new Date('2024-04-01T00:00:00Z'),
      gone: true,
    },
  ])
  await cloud.store.ensureCollection('scratch')
})
afterAll(() => cloud?.stop())

const ids = (docs: { _id: string }[]) => docs.map((doc) => doc._id)

describe('add and doc()', () => {
  test('add returns the new _id; doc().get reads it back with Dates as Dates', async () => {
    const out = await runSdk(
      cloud,
      `const { _id } = await db.collection('scratch').add({ data: { n: 10, when: new Date('2024-05-05T05:05:05.123Z') } })
       const { data } = await db.collection('scratch').doc(_id).get()
       return { _id, isDate: data.when instanceof Date, iso: data.when.toISOString(), n: data.n }`,
    )
    expect(out._id).toMatch(/^[0-9a-f]{32}$/)
    expect(out).toMatchObject({ isDate: true, iso: '2024-05-05T05:05:05.123Z', n: 10 })
    const [stored] = await cloud.store.find('scratch', { _id: out._id })
    expect(stored.when).toBeInstanceOf(Date)
  })

  test('add with an explicit _id; a duplicate _id fails', async () => {
    await runSdk(cloud, `await db.collection('scratch').add({ data: { _id: 'fixed', n: 0 } })`)
    const failure = await sdkFailure(
      cloud,
      `await db.collection('scratch').add({ data: { _id: 'fixed', n: 1 } })`,
    )
    expect(failure.errCode).toBe(-502001)
    expect(failure.errMsg).toMatch(/duplicate/)
  })

  test('doc().update merges, set() replaces, remove() deletes', async () => {
    const out = await runSdk(
      cloud,
      `const ref = db.collection('scratch').doc('u1')
       await db.collection('scratch').add({ data: { _id: 'u1', a: 1, b: { c: 2 } } })
       const updated = await ref.update({ data: { b: { d: 3 }, e: 4 } })
       const afterUpdate = (await ref.get()).data
       const set = await ref.set({ data: { only: true } })
       const afterSet = (await ref.get()).data
       const removed = await ref.remove()
       const gone = await db.collection('scratch').where({ _id: 'u1' }).count()
       return { updated: updated.stats.updated, afterUpdate, set: set.stats, afterSet, removed: removed.stats.removed, gone: gone.total }`,
    )
    expect(out.updated).toBe(1)
    expect(out.afterUpdate).toEqual({ _id: 'u1', a: 1, b: { c: 2, d: 3 }, e: 4 })
    expect(out.set).toEqual({ updated: 1, created: 0 })
    expect(out.afterSet).toEqual({ _id: 'u1', only: true })
    expect(out.removed).toBe(1)
    expect(out.gone).toBe(0)
  })

  test('set() on a missing document creates it (upsert)', async () => {
    const out = await runSdk(
      cloud,
      `const res = await db.collection('scratch').doc('new-by-set').set({ data: { v: 1 } })
       return { stats: res.stats, doc: (await db.collection('scratch').doc('new-by-set').get()).data }`,
    )
    expect(out).toEqual({ stats: { updated: 0, created: 1 }, doc: { _id: 'new-by-set', v: 1 } })
  })

  test('doc().get of a missing document throws like the cloud (throwOnNotFound default)', async () => {
    const failure = await sdkFailure(cloud, `await db.collection('scratch').doc('nope').get()`)
    expect(failure.errMsg).toMatch(/document with _id nope does not exist/)
  })
})

describe('queries', () => {
  const query = (where: string, chain = '') =>
    runSdk(cloud, `return (await db.collection('items').where(${where})${chain}.get()).data`)

  test('where / orderBy / skip / limit / field', async () => {
    const docs = await query(
      `{ kind: 'x' }`,
      `.orderBy('n', 'desc').skip(0).limit(10).field({ n: true })`,
    )
    expect(docs).toEqual([
      { _id: 'c', n: 3 },
      { _id: 'a', n: 1 },
    ])
    const page = await query(
      `{ n: _.gte(1).and(_.lte(4)) }`,
      `.orderBy('n', 'asc').skip(1).limit(2)`,
    )
    expect(ids(page)).toEqual(['b', 'c'])
  })

  test('comparison operators eq neq gt gte lt lte in nin', async () => {
    expect(ids(await query(`{ n: _.eq(2) }`))).toEqual(['b'])
    expect(ids(await query(`{ kind: _.neq('x'), n: _.lt(5) }`))).toEqual(['b', 'd'])
    expect(ids(await query(`{ n: _.gt(2).and(_.lt(5)) }`))).toEqual(['c', 'd'])
    expect(ids(await query(`{ n: _.gte(3).and(_.lte(3)) }`))).toEqual(['c'])
    expect(ids(await query(`{ kind: _.in(['y', 'z']) }`))).toEqual(['b', 'd'])
    expect(ids(await query(`{ kind: _.nin(['x']), n: _.lte(4) }`))).toEqual(['b', 'd'])
  })

  test('logical and/or, exists, elemMatch, array equality, nested fields, dates', async () => {
    expect(ids(await query(`_.or([{ n: 1 }, { owner: 'o3' }])`))).toEqual(['a', 'd'])
    expect(ids(await query(`_.and([{ kind: 'x' }, { n: _.gt(1) }])`))).toEqual(['c'])
    expect(ids(await query(`{ gone: _.exists(true) }`))).toEqual(['d'])
    expect(ids(await query(`{ list: _.elemMatch({ k: _.gt(3) }) }`))).toEqual(['b'])
    expect(ids(await query(`{ tags: 'red' }`))).toEqual(['a', 'c'])
    expect(ids(await query(`{ tags: _.in(['blue']) }`))).toEqual(['b'])
    expect(ids(await query(`{ 'sub.deep': 1 }`))).toEqual(['a'])
    expect(
      ids(
        await query(
          `{ at: _.gte(new Date('2024-02-15T00:00:00Z')).and(_.lt(new Date('2024-12-01T00:00:00Z'))) }`,
        ),
      ),
    ).toEqual(['c', 'd'])
    expect(ids(await query(`{ owner: 'o1', kind: 'x' }`, `.orderBy('at', 'desc')`))).toEqual([
      'c',
      'a',
    ])
  })

  test('count() with and without a query', async () => {
    const out = await runSdk(
      cloud,
      `return [(await db.collection('items').where({ kind: 'x' }).count()).total, (await db.collection('items').where({ n: _.lte(4) }).count()).total]`,
    )
    expect(out).toEqual([2, 4])
  })

  test('a cloud function gets at most 100 documents per get()', async () => {
    await cloud.store.insertMany(
      'many',
      Array.from({ length: 130 }, (_, i) => ({ i })),
    )
    const out = await runSdk(
      cloud,
      `return [(await db.collection('many').get()).data.length, (await db.collection('many').limit(500).get()).data.length,
               (await db.collection('many').skip(100).get()).data.length, (await db.collection('many').count()).total]`,
    )
    expect(out).toEqual([100, 100, 30, 130])
  })
})

describe('update operators', () => {
  test('inc mul push(each) pull addToSet remove set min max rename', async () => {
    await cloud.store.insertMany('ops', [
      {
        _id: 'o',
        n: 1,
        m: 2,
        tags: ['a', 'b'],
        set: ['x'],
        drop: 1,
        low: 5,
        high: 5,
        old: 'v',
        obj: { a: 1 },
      },
    ])
    const doc = await runSdk(
      cloud,
      `const ref = db.collection('ops').doc('o')
       await ref.update({ data: { n: _.inc(2), m: _.mul(3), tags: _.push(['c', 'd']), set: _.addToSet('x'), drop: _.remove(),
                                  low: _.min(1), high: _.max(9), obj: _.set({ b: 2 }) } })
       await ref.update({ data: { tags: _.pull('a'), set: _.addToSet('y') } })
       await ref.update({ data: { tags: _.pull(_.in(['b', 'c'])) } })
       return (await ref.get()).data`,
    )
    expect(doc).toEqual({
      _id: 'o',
      n: 3,
      m: 6,
      tags: ['d'],
      set: ['x', 'y'],
      low: 1,
      high: 9,
      old: 'v',
      obj: { b: 2 },
    })
  })

  test('where().update updates every match (multi) and where().remove removes every match', async () => {
    await cloud.store.insertMany('multi', [
      { g: 1, v: 0 },
      { g: 1, v: 0 },
      { g: 2, v: 0 },
    ])
    const out = await runSdk(
      cloud,
      `const u = await db.collection('multi').where({ g: 1 }).update({ data: { v: _.inc(5) } })
       const none = await db.collection('multi').where({ g: 99 }).update({ data: { v: 1 } })
       const after = (await db.collection('multi').orderBy('g', 'asc').get()).data.map((d) => [d.g, d.v])
       const r = await db.collection('multi').where({ g: 1 }).remove()
       return { updated: u.stats.updated, none: none.stats.updated, after, removed: r.stats.removed, left: (await db.collection('multi').count()).total }`,
    )
    expect(out).toEqual({
      updated: 2,
      none: 0,
      after: [
        [1, 5],
        [1, 5],
        [2, 0],
      ],
      removed: 2,
      left: 1,
    })
  })

  test('db.serverDate() (with offset) is the server time', async () => {
    const before = Date.now()
    const out = await runSdk(
      cloud,
      `const { _id } = await db.collection('scratch').add({ data: { at: db.serverDate(), later: db.serverDate({ offset: 60000 }) } })
       await db.collection('scratch').doc(_id).update({ data: { touched: db.serverDate() } })
       const { data } = await db.collection('scratch').doc(_id).get()
       return { at: data.at.getTime(), later: data.later.getTime(), touched: data.touched instanceof Date }`,
    )
    const after = Date.now()
    expect(out.at).toBeGreaterThanOrEqual(before - 5)
    expect(out.at).toBeLessThanOrEqual(after)
    expect(out.later - out.at).toBeGreaterThanOrEqual(59_990)
    expect(out.later - out.at).toBeLessThanOrEqual(60_100)
    expect(out.touched).toBe(true)
  })
})

describe('aggregate', () => {
  test('match / group / sort / project / lookup', async () => {
    await cloud.store.insertMany('owners', [
      { _id: 'o1', name: '林晓' },
      { _id: 'o2', name: '周然' },
      { _id: 'o3', name: '商家' },
    ])
    const out = await runSdk(
      cloud,
      `const $ = db.command.aggregate
       const res = await db.collection('items').aggregate()
         .match({ n: _.lte(4) })
         .group({ _id: '$owner', total: $.sum('$n'), count: $.sum(1) })
         .lookup({ from: 'owners', localField: '_id', foreignField: '_id', as: 'who' })
         .sort({ total: -1, _id: 1 })
         .project({ _id: 1, total: 1, count: 1, name: $.arrayElemAt(['$who.name', 0]) })
         .end()
       return res.list`,
    )
    expect(out).toEqual([
      { _id: 'o1', total: 4, count: 2, name: '林晓' },
      { _id: 'o3', total: 4, count: 1, name: '商家' },
      { _id: 'o2', total: 2, count: 1, name: '周然' },
    ])
  })
})

describe('collections', () => {
  test('a missing collection answers DATABASE_COLLECTION_NOT_EXIST (-502005) for get, add, update, remove, count', async () => {
    for (const call of [
      `await db.collection('ghost').get()`,
      `await db.collection('ghost').doc('x').get()`,
      `await db.collection('ghost').add({ data: { a: 1 } })`,
      `await db.collection('ghost').where({ a: 1 }).update({ data: { a: 2 } })`,
      `await db.collection('ghost').where({ a: 1 }).remove()`,
      `await db.collection('ghost').count()`,
    ]) {
      const failure = await sdkFailure(cloud, call)
      expect([call, failure.errCode]).toEqual([call, -502005])
    }
    // aggregate() rethrows the raw error (the SDK gives it errCode -1); the message names the cause.
    const failure = await sdkFailure(
      cloud,
      `await db.collection('ghost').aggregate().match({}).end()`,
    )
    expect(failure.errMsg).toMatch(/not exist: ghost/)
  })

  test('db.createCollection creates one; creating it again fails', async () => {
    const out = await runSdk(
      cloud,
      `const created = await db.createCollection('fresh')
       await db.collection('fresh').add({ data: { ok: 1 } })
       let again = null
       try { await db.createCollection('fresh') } catch (e) { again = e.errCode; if (!/exist/.test(e.errMsg)) throw e }
       return { errMsg: created.errMsg, count: (await db.collection('fresh').count()).total, again }`,
    )
    // The SDK wraps this failure as errCode -1 (a thrown TcbError), as it does against the cloud.
    expect(out).toEqual({ errMsg: 'createCollection:ok', count: 1, again: -1 })
  })
})
