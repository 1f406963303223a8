// Contract of tools/deploy/cloudbase.ts: the real @cloudbase/manager-node runs, only its HTTP
// layer is replaced (deploy-cloudbase-stub.ts), so these pin the Tencent Cloud actions and
// parameters each live read and each step sends. Not verified against Tencent Cloud itself.
import CloudBase from '@cloudbase/manager-node'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CloudbaseAdapter } from '../../tools/deploy/cloudbase'
import { readDesired } from '../../tools/deploy/desired'
import type { FunctionSpec, Step } from '../../tools/deploy/types'
import {
  BUCKET,
  ENV_ID,
  stubManagerRequests,
  vendorError,
  type Answer,
  type Call,
} from './deploy-cloudbase-stub'
import { fixtureRepo, cleanFixtures } from './deploy-fake'

const MONGO = { DatabaseName: 'tnt-db', InstanceId: 'flexdb' }
const SECRET_ID = 'AKIDcontract0123456789'
const WX_APPID = 'wxtestappid00001'

const tables: Record<string, unknown> = {
  orders: {
    Indexes: [
      { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true },
      { Name: 'order_no', Keys: [{ Name: 'orderNo', Direction: '1' }], Unique: true },
      {
        Name: 'owner_created',
        Keys: [
          { Name: 'ownerOpenid', Direction: '1' },
          { Name: 'createdAt', Direction: '-1' },
        ],
        Unique: false,
      },
    ],
  },
}

const answer: Answer = ({ action, body }) => {
  switch (action) {
    case 'ListTables':
      return {
        Tables: [{ TableName: 'orders', Count: 3 }],
        Pager: { Offset: 0, Limit: 100, Total: 1 },
      }
    case 'DescribeTable':
      return (
        (tables[String(body.TableName)] as Record<string, unknown>) ??
        vendorError('ResourceNotFound', `table ${String(body.TableName)} not found`)
      )
    case 'DescribeSafeRule':
      return { AclTag: 'CUSTOM', Rule: '{"read":false,"write":false}' }
    case 'DescribeStorageSafeRule':
      return { AclTag: 'PRIVATE' }
    case 'ListFunctions':
      return {
        Functions: [{ FunctionName: 'order' }, { FunctionName: 'unrelated' }],
        TotalCount: 2,
      }
    case 'GetFunction':
      return {
        FunctionName: body.FunctionName,
        Status: 'Active',
        Timeout: 20,
        Description: 'deploy:abc123',
        Triggers: [
          {
            TriggerName: 'orderHousekeeping',
            Type: 'timer',
            TriggerDesc: '{"cron":"0 */10 * * * * *"}',
          },
        ],
      }
    case 'CreateTable':
      return body.TableName === 'full'
        ? vendorError('LimitExceeded', `quota; key ${SECRET_ID}`)
        : {}
  }
  return undefined
}

/** The calls that change or read state, without the SDK's status polling. */
const sent = (calls: Call[]) =>
  calls
    .filter((c) => c.action !== 'DescribeEnvInfo' && c.action !== 'GetFunction')
    .map(({ service, action, body }) => ({ service, action, body }))

const root = fixtureRepo()
// Sources beside the build output must stay out of the uploaded package.
mkdirSync(join(root, 'cloudfunctions', 'order', 'src'))
writeFileSync(join(root, 'cloudfunctions', 'order', 'src', 'secret-source.ts'), 'x')
const order: FunctionSpec = readDesired(root).functions.find((f) => f.name === 'order')!

describe('cloudbase adapter → manager-node requests', () => {
  afterAll(cleanFixtures)
  let stub: ReturnType<typeof stubManagerRequests>
  let adapter: CloudbaseAdapter

  beforeEach(() => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined)
    stub = stubManagerRequests(answer)
    adapter = new CloudbaseAdapter(
      new CloudBase({ secretId: SECRET_ID, secretKey: 'contract-key-0123', envId: ENV_ID }),
      WX_APPID,
    )
  })
  afterEach(() => {
    stub.restore()
    jest.restoreAllMocks()
  })

  it('reads collections, indexes, rules and functions with signed TC3 requests', async () => {
    const live = await adapter.readLive(readDesired(root))
    expect(stub.calls.map((c) => `${c.service} ${c.action} ${c.version}`)).toEqual([
      'tcb DescribeEnvInfo 2018-06-08',
      'tcb ListTables 2018-06-08',
      'tcb DescribeTable 2018-06-08',
      'tcb DescribeSafeRule 2018-06-08',
      'tcb DescribeStorageSafeRule 2018-06-08',
      'tcb ListFunctions 2018-06-08',
      'scf GetFunction 2018-04-16',
    ])
    expect(stub.calls[0].authorization).toMatch(
      new RegExp(`^TC3-HMAC-SHA256 Credential=${SECRET_ID}/\\d{4}-\\d\\d-\\d\\d/tcb/tc3_request`),
    )
    expect(stub.calls[1].body).toEqual({
      EnvId: ENV_ID,
      MongoConnector: MONGO,
      MgoLimit: 100,
      MgoOffset: 0,
    })
    expect(stub.calls[3].body).toEqual({
      EnvId: ENV_ID,
      CollectionName: 'orders',
      WxAppId: WX_APPID,
    })
    expect(live).toEqual({
      collections: {
        orders: {
          name: 'orders',
          count: 3,
          indexes: [
            { name: 'order_no', fields: [['orderNo', 'asc']], unique: true },
            {
              name: 'owner_created',
              fields: [
                ['ownerOpenid', 'asc'],
                ['createdAt', 'desc'],
              ],
              unique: false,
            },
          ],
          rule: { read: false, write: false },
        },
      },
      storageRule: null,
      functions: {
        order: {
          name: 'order',
          codeHash: 'abc123',
          timeout: 20,
          triggers: [{ name: 'orderHousekeeping', type: 'timer', config: '0 */10 * * * * *' }],
        },
      },
    })
  })

  const cases: Array<
    [string, () => Step, Array<{ service: string; action: string; body: unknown }>]
  > = [
    [
      'create-collection',
      () => ({ kind: 'create-collection', collection: 'coupons' }),
      [
        {
          service: 'tcb',
          action: 'DescribeTable',
          body: { EnvId: ENV_ID, MongoConnector: MONGO, TableName: 'coupons' },
        },
        {
          service: 'tcb',
          action: 'CreateTable',
          body: { EnvId: ENV_ID, MongoConnector: MONGO, TableName: 'coupons' },
        },
      ],
    ],
    [
      'create-index',
      () => ({
        kind: 'create-index',
        collection: 'orders',
        index: {
          name: 'owner_created',
          fields: [
            ['ownerOpenid', 'asc'],
            ['createdAt', 'desc'],
          ],
          unique: true,
        },
      }),
      [
        {
          service: 'tcb',
          action: 'UpdateTable',
          body: {
            EnvId: ENV_ID,
            MongoConnector: MONGO,
            TableName: 'orders',
            CreateIndexes: [
              {
                IndexName: 'owner_created',
                MgoKeySchema: {
                  MgoIndexKeys: [
                    { Name: 'ownerOpenid', Direction: '1' },
                    { Name: 'createdAt', Direction: '-1' },
                  ],
                  MgoIsUnique: true,
                },
              },
            ],
          },
        },
      ],
    ],
    [
      'replace-index',
      () => ({
        kind: 'replace-index',
        collection: 'orders',
        index: { name: 'order_no', fields: [['orderNo', 'asc']], unique: true },
      }),
      [
        {
          service: 'tcb',
          action: 'UpdateTable',
          body: {
            EnvId: ENV_ID,
            MongoConnector: MONGO,
            TableName: 'orders',
            DropIndexes: [{ IndexName: 'order_no' }],
          },
        },
        {
          service: 'tcb',
          action: 'UpdateTable',
          body: {
            EnvId: ENV_ID,
            MongoConnector: MONGO,
            TableName: 'orders',
            CreateIndexes: [
              {
                IndexName: 'order_no',
                MgoKeySchema: {
                  MgoIndexKeys: [{ Name: 'orderNo', Direction: '1' }],
                  MgoIsUnique: true,
                },
              },
            ],
          },
        },
      ],
    ],
    [
      'drop-index',
      () => ({ kind: 'drop-index', collection: 'orders', name: 'by_hand' }),
      [
        {
          service: 'tcb',
          action: 'UpdateTable',
          body: {
            EnvId: ENV_ID,
            MongoConnector: MONGO,
            TableName: 'orders',
            DropIndexes: [{ IndexName: 'by_hand' }],
          },
        },
      ],
    ],
    [
      'set-rule',
      () => ({ kind: 'set-rule', collection: 'orders', rule: { read: false, write: false } }),
      [
        {
          service: 'tcb',
          action: 'ModifySafeRule',
          body: {
            EnvId: ENV_ID,
            CollectionName: 'orders',
            AclTag: 'CUSTOM',
            Rule: '{"read":false,"write":false}',
          },
        },
      ],
    ],
    [
      'set-storage-rule',
      () => ({ kind: 'set-storage-rule', rule: { read: 'auth != null', write: false } }),
      [
        {
          service: 'tcb',
          action: 'ModifyStorageSafeRule',
          body: {
            EnvId: ENV_ID,
            Bucket: BUCKET,
            AclTag: 'CUSTOM',
            Rule: '{"read":"auth != null","write":false}',
          },
        },
      ],
    ],
    [
      'update-function-config',
      () => ({ kind: 'update-function-config', fn: order }),
      [
        {
          service: 'scf',
          action: 'UpdateFunctionConfiguration',
          body: {
            Namespace: ENV_ID,
            FunctionName: 'order',
            Timeout: 20,
            Description: `deploy:${order.codeHash}`,
          },
        },
      ],
    ],
    [
      'set-trigger (replace)',
      () => ({ kind: 'set-trigger', fn: 'order', trigger: order.triggers[0], replace: true }),
      [
        {
          service: 'scf',
          action: 'DeleteTrigger',
          body: {
            FunctionName: 'order',
            Namespace: ENV_ID,
            TriggerName: 'orderHousekeeping',
            Type: 'timer',
          },
        },
        {
          service: 'scf',
          action: 'BatchCreateTrigger',
          body: {
            FunctionName: 'order',
            Namespace: ENV_ID,
            Triggers:
              '[{"TriggerName":"orderHousekeeping","Type":"timer","TriggerDesc":"0 */10 * * * * *"}]',
            Count: 1,
          },
        },
      ],
    ],
    [
      'seed',
      () => ({ kind: 'seed', collection: 'products', documents: [{ _id: 'p1', name: '衬衫' }] }),
      [
        {
          service: 'tcb',
          action: 'RunCommands',
          body: {
            EnvId: ENV_ID,
            MongoConnector: MONGO,
            MgoCommands: [
              {
                TableName: 'products',
                CommandType: 'INSERT',
                Command: '{"insert":"products","documents":[{"_id":"p1","name":"衬衫"}]}',
              },
            ],
          },
        },
      ],
    ],
  ]

  it.each(cases)('%s sends exactly these requests', async (_name, step, expected) => {
    await adapter.apply(step())
    expect(sent(stub.calls)).toEqual(expected)
  })

  /** File names in a zip's local headers (the package is small and stored plainly enough). */
  const zipNames = (base64: string) =>
    [
      ...Buffer.from(base64, 'base64')
        .toString('latin1')
        .matchAll(/PK\x03\x04[\s\S]{26}/g),
    ].map((m) => {
      const at = m.index! + 30
      const buf = Buffer.from(base64, 'base64')
      return buf.subarray(at, at + buf.readUInt16LE(m.index! + 26)).toString()
    })

  it('creates a function from the built files only, on the pinned runtime, hash in the description', async () => {
    await adapter.apply({ kind: 'create-function', fn: order })
    const [create] = sent(stub.calls)
    expect(create).toMatchObject({
      service: 'scf',
      action: 'CreateFunction',
      body: {
        FunctionName: 'order',
        Namespace: ENV_ID,
        Runtime: 'Nodejs16.13',
        Handler: 'index.main',
        InstallDependency: 'TRUE',
        Timeout: 20,
        Description: `deploy:${order.codeHash}`,
      },
    })
    const code = (create.body as { Code: { ZipFile: string } }).Code.ZipFile
    expect(zipNames(code).sort()).toEqual(['config.json', 'index.js', 'package.json'])
    // The SDK waits for the function to be Active before returning.
    expect(stub.calls.some((c) => c.action === 'GetFunction')).toBe(true)
  }, 20000)

  it('uploads new code as a zip and waits for the cloud install', async () => {
    await adapter.apply({ kind: 'update-function-code', fn: order })
    const actions = stub.calls.map((c) => c.action).filter((a) => a !== 'DescribeEnvInfo')
    expect(actions).toEqual(['GetFunction', 'UpdateFunctionCode', 'GetFunction'])
    const update = stub.calls.find((c) => c.action === 'UpdateFunctionCode')!
    expect(update.body).toMatchObject({
      FunctionName: 'order',
      Handler: 'index.main',
      InstallDependency: 'TRUE',
    })
    expect(zipNames((update.body as { Code: { ZipFile: string } }).Code.ZipFile).sort()).toEqual([
      'config.json',
      'index.js',
      'package.json',
    ])
  }, 20000)

  it("rejects with the vendor's code and message", async () => {
    await expect(
      adapter.apply({ kind: 'create-collection', collection: 'full' }),
    ).rejects.toMatchObject({
      code: 'LimitExceeded',
      message: expect.stringContaining('quota'),
    })
  })
})
