// Pins the wx-server-sdk wire protocol the local cloud implements. The SDK runs in this test
// process, pointed (by environment variables only) at a recording proxy in front of /admin, so an
// SDK upgrade that renames an action or a field fails here loudly. Also: malformed /admin requests
// get the cloud's error shape and never take the server down.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES } from './fixtures'

interface Recorded {
  contentType: string
  body: Record<string, unknown> | string
}

let cloud: TestCloud
let proxy: Server
const recorded: Recorded[] = []
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let sdk: any

beforeAll(async () => {
  cloud = await startTestCloud({ functionsRoot: FIXTURES })
  await cloud.store.ensureCollection('wire')
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      const raw = Buffer.concat(chunks)
      const contentType = String(req.headers['content-type'] ?? '')
      recorded.push({
        contentType,
        body: contentType.startsWith('application/json')
          ? JSON.parse(raw.toString())
          : raw.toString('latin1'),
      })
      // This SDK runs outside a function, so no session token carries the secret: add it here.
      const upstream = await fetch(`${cloud.url}${req.url}`, {
        method: 'POST',
        body: raw,
        headers: { 'content-type': contentType, 'x-local-cloud-secret': cloud.secret },
      })
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? '' })
      res.end(Buffer.from(await upstream.arrayBuffer()))
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const port = (proxy.address() as AddressInfo).port
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` }),
    TENCENTCLOUD_SECRETID: 'id',
    TENCENTCLOUD_SECRETKEY: 'key',
    TCB_ENV: 'local-dev',
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
  })
  sdk = require('wx-server-sdk')
  sdk.init({ env: 'local-dev' })
})
afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve))
  await cloud?.stop()
})

/** Runs `call`, returns the one /admin request body it made. */
async function wire(call: () => Promise<unknown>): Promise<Record<string, unknown>> {
  recorded.length = 0
  await call()
  expect(recorded).toHaveLength(1)
  return recorded[0].body as Record<string, unknown>
}

// Fields the SDK adds to every request (credentials/tokens the local cloud ignores).
const COMMON = [
  'action',
  'crossAuthorizationToken',
  'envName',
  'tcb_sessionToken',
  'wxCloudApiToken',
  'wxCloudbaseAccesstoken',
]
const nodeRequire = createRequire(__filename)
const keys = (body: Record<string, unknown>) => Object.keys(body).sort()

test('the installed wx-server-sdk is 4.0.2 (the protocol below is pinned to it)', () => {
  const pkg = JSON.parse(
    readFileSync(join(nodeRequire.resolve('wx-server-sdk'), '..', 'package.json'), 'utf8'),
  )
  expect(pkg.version).toBe('4.0.2')
  const node = JSON.parse(
    readFileSync(nodeRequire.resolve('@cloudbase/node-sdk/package.json'), 'utf8'),
  )
  expect(node.version).toBe('3.17.2')
})

test('database requests: action names, field names, EJSON encodings', async () => {
  const db = sdk.database()
  const _ = db.command

  const add = await wire(() =>
    db
      .collection('wire')
      .add({ data: { _id: 'w1', n: 1, at: new Date(0), s: db.serverDate({ offset: 5 }) } }),
  )
  expect(keys(add)).toEqual([...COMMON, 'collectionName', 'data'].sort())
  expect(add).toMatchObject({
    action: 'database.insertDocument',
    collectionName: 'wire',
    envName: 'local-dev',
  })
  expect(JSON.parse((add.data as string[])[0])).toEqual({
    _id: 'w1',
    n: { $numberInt: '1' },
    at: { $date: { $numberLong: '0' } },
    s: { $tcb_server_date: { offset: { $numberInt: '5' } } },
  })

  const get = await wire(() =>
    db
      .collection('wire')
      .where({ n: _.gt(0), tags: _.in(['a']) })
      .orderBy('n', 'desc')
      .skip(5)
      .limit(20)
      .field({ n: true })
      .get(),
  )
  expect(keys(get)).toEqual(
    [
      ...COMMON,
      'collectionName',
      'limit',
      'offset',
      'order',
      'projection',
      'query',
      'queryType',
    ].sort(),
  )
  expect(get).toMatchObject({
    action: 'database.getDocument',
    queryType: 'WHERE',
    offset: 5,
    limit: 20,
  })
  expect(JSON.parse(get.query as string)).toEqual({
    n: { $gt: { $numberInt: '0' } },
    tags: { $in: ['a'] },
  })
  expect(JSON.parse(get.order as string)).toEqual({ n: { $numberInt: '-1' } })
  expect(JSON.parse(get.projection as string)).toEqual({ n: { $numberInt: '1' } })

  const update = await wire(() =>
    db
      .collection('wire')
      .doc('w1')
      .update({ data: { n: _.inc(1), tags: _.push(['b']), gone: _.remove(), 'x.y': 1 } }),
  )
  expect(keys(update)).toEqual(
    [...COMMON, 'collectionName', 'data', 'merge', 'multi', 'query', 'queryType', 'upsert'].sort(),
  )
  expect(update).toMatchObject({
    action: 'database.modifyDocument',
    queryType: 'DOC',
    merge: true,
    multi: false,
    upsert: false,
  })
  expect(JSON.parse(update.query as string)).toEqual({ _id: 'w1' })
  expect(JSON.parse(update.data as string)).toEqual({
    $inc: { n: { $numberInt: '1' } },
    $push: { tags: { $each: ['b'] } },
    $unset: { gone: '' },
    $set: { 'x.y': { $numberInt: '1' } },
  })

  const set = await wire(() =>
    db
      .collection('wire')
      .doc('w1')
      .set({ data: { only: true } }),
  )
  expect(set).toMatchObject({
    action: 'database.modifyDocument',
    queryType: 'DOC',
    merge: false,
    multi: false,
    upsert: true,
  })

  const multi = await wire(() =>
    db
      .collection('wire')
      .where({ n: 2 })
      .update({ data: { n: 3 } }),
  )
  expect(multi).toMatchObject({
    action: 'database.modifyDocument',
    queryType: 'WHERE',
    merge: true,
    multi: true,
    upsert: false,
  })

  const count = await wire(() => db.collection('wire').where({ n: 3 }).count())
  expect(keys(count)).toEqual([...COMMON, 'collectionName', 'query', 'queryType'].sort())
  expect(count.action).toBe('database.calculateDocument')

  const aggregate = await wire(() =>
    db
      .collection('wire')
      .aggregate()
      .match({ n: 3 })
      .group({ _id: '$n', c: _.aggregate.sum(1) })
      .end(),
  )
  expect(keys(aggregate)).toEqual([...COMMON, 'collectionName', 'stages'].sort())
  expect(aggregate.stages).toEqual([
    { stageKey: '$match', stageValue: JSON.stringify({ n: { $numberInt: '3' } }) },
    {
      stageKey: '$group',
      stageValue: JSON.stringify({ _id: '$n', c: { $sum: { $numberInt: '1' } } }),
    },
  ])

  const remove = await wire(() => db.collection('wire').doc('w1').remove())
  expect(remove).toMatchObject({
    action: 'database.removeDocument',
    queryType: 'DOC',
    multi: false,
  })

  const create = await wire(() => db.createCollection('wire2'))
  expect(keys(create)).toEqual([...COMMON, 'collectionName'].sort())
  expect(create.action).toBe('database.addCollection')
})

test('transaction requests carry transactionId; start answers it at the top level', async () => {
  const db = sdk.database()
  recorded.length = 0
  await db.runTransaction(
    async (t: {
      collection(name: string): { doc(id: string): { set(o: object): Promise<unknown> } }
    }) => {
      await t
        .collection('wire')
        .doc('t1')
        .set({ data: { v: 1 } })
    },
  )
  const bodies = recorded.map((r) => r.body as Record<string, unknown>)
  expect(bodies.map((b) => b.action)).toEqual([
    'database.startTransaction',
    'database.modifyDocument',
    'database.commitTransaction',
  ])
  const id = bodies[1].transactionId
  expect(typeof id).toBe('string')
  expect(bodies[2].transactionId).toBe(id)
  expect(keys(bodies[2])).toEqual([...COMMON, 'transactionId'].sort())
})

test('openapi requests are multipart wx.openApi with a protobuf requestData', async () => {
  recorded.length = 0
  await expect(
    sdk.openapi.subscribeMessage.send({
      touser: 'o_1',
      templateId: 'T',
      data: { thing1: { value: 'x' } },
    }),
  ).resolves.toMatchObject({ errCode: 0 })
  expect(recorded).toHaveLength(1)
  expect(recorded[0].contentType).toMatch(/^multipart\/form-data; boundary=/)
  const text = recorded[0].body as string
  for (const field of ['action', 'apiName', 'requestData', 'envName'])
    expect(text).toContain(`name="${field}"`)
  expect(text).toContain('wx.openApi')
  expect(text).toContain('subscribeMessage.send')
  // protobuf pairs carry snake_case keys with JSON values
  expect(text).toContain('template_id')
  expect(text).toContain('"T"')
})

describe('malformed /admin requests get {requestId, code, message} and never crash the server', () => {
  const admin = async (body: string | Buffer, contentType = 'application/json') => {
    const response = await fetch(`${cloud.url}/admin`, {
      method: 'POST',
      body: body as unknown as BodyInit,
      headers: { 'content-type': contentType, 'x-local-cloud-secret': cloud.secret },
    })
    expect(response.status).toBe(200)
    const json = (await response.json()) as { requestId: string; code: string; message: string }
    expect(json.requestId).toEqual(expect.any(String))
    expect(json.message).toEqual(expect.any(String))
    return json.code
  }
  const call = (body: object) => admin(JSON.stringify(body))

  test.each([
    ['not JSON', () => admin('{"action": "database.getDocument",'), 'INVALID_PARAM'],
    ['a JSON array', () => admin('[1,2]'), 'INVALID_PARAM'],
    ['binary garbage', () => admin(Buffer.from([0, 255, 1, 254, 10, 13])), 'INVALID_PARAM'],
    ['no action', () => call({ collectionName: 'wire' }), 'INVALID_PARAM'],
    ['unknown action', () => call({ action: 'database.dropEverything' }), 'INVALID_ACTION'],
    [
      'bad EJSON query',
      () =>
        call({
          action: 'database.getDocument',
          collectionName: 'wire',
          query: '{"n":{"$numberInt":"x"',
        }),
      'INVALID_PARAM',
    ],
    [
      'query of the wrong type',
      () => call({ action: 'database.getDocument', collectionName: 'wire', query: { n: 1 } }),
      'INVALID_PARAM',
    ],
    [
      'collectionName not a string',
      () => call({ action: 'database.getDocument', collectionName: 42 }),
      'INVALID_PARAM',
    ],
    [
      'negative limit',
      () => call({ action: 'database.getDocument', collectionName: 'wire', limit: -1 }),
      'INVALID_PARAM',
    ],
    [
      'insert data not an array',
      () => call({ action: 'database.insertDocument', collectionName: 'wire', data: '{}' }),
      'INVALID_PARAM',
    ],
    [
      'insert data not EJSON objects',
      () => call({ action: 'database.insertDocument', collectionName: 'wire', data: ['[1]'] }),
      'INVALID_PARAM',
    ],
    [
      'merge not a boolean',
      () =>
        call({
          action: 'database.modifyDocument',
          collectionName: 'wire',
          data: '{}',
          merge: 'yes',
        }),
      'INVALID_PARAM',
    ],
    [
      'set with operators',
      () =>
        call({
          action: 'database.modifyDocument',
          collectionName: 'wire',
          data: '{"$inc":{"n":1}}',
          merge: false,
        }),
      'INVALID_PARAM',
    ],
    [
      'stages not an array',
      () =>
        call({ action: 'database.aggregateDocuments', collectionName: 'wire', stages: '$match' }),
      'INVALID_PARAM',
    ],
    [
      'a bad stage',
      () =>
        call({
          action: 'database.aggregateDocuments',
          collectionName: 'wire',
          stages: [{ stageKey: 'match', stageValue: '{}' }],
        }),
      'INVALID_PARAM',
    ],
    [
      'an unknown update operator',
      () =>
        call({
          action: 'database.modifyDocument',
          collectionName: 'wire',
          query: '{}',
          data: '{"$explode":{"n":1}}',
          multi: true,
        }),
      'DATABASE_REQUEST_FAILED',
    ],
    [
      'an unknown transaction',
      () => call({ action: 'database.getDocument', collectionName: 'wire', transactionId: 'nope' }),
      'DATABASE_TRANSACTION_FAIL',
    ],
    [
      'commit of an unknown transaction',
      () => call({ action: 'database.commitTransaction', transactionId: 'nope' }),
      'DATABASE_TRANSACTION_FAIL',
    ],
    [
      'multipart garbage',
      () => admin('--x\r\nnonsense', 'multipart/form-data; boundary=x'),
      'INVALID_PARAM',
    ],
    ['multipart without boundary', () => admin('abc', 'multipart/form-data'), 'INVALID_PARAM'],
  ])('%s', async (_name, send, code) => {
    expect(await send()).toBe(code)
  })

  test('wx.openApi with a garbage protobuf answers an error, then the server still works', async () => {
    const boundary = 'b0undary'
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.openApi\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="apiName"\r\n\r\nsubscribeMessage.send\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="requestData"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x12]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    expect(await admin(body, `multipart/form-data; boundary=${boundary}`)).toBe('INVALID_PARAM')
    const ok = await fetch(`${cloud.url}/admin`, {
      method: 'POST',
      body: JSON.stringify({ action: 'database.calculateDocument', collectionName: 'wire' }),
      headers: { 'content-type': 'application/json', 'x-local-cloud-secret': cloud.secret },
    })
    expect(await ok.json()).toMatchObject({ data: { total: expect.any(Number) } })
  })
})
