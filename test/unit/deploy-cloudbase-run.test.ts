// The whole command over the real manager-node and the TencentCloudStandIn behind its HTTP
// layer: a failure half-way, a rerun that finishes, and a third run with nothing to do.
// One function keeps it fast (the SDK polls a new function's status once a second).
import { runDeploy } from '../../tools/deploy/cli'
import { CloudbaseAdapter } from '../../tools/deploy/cloudbase'
import { readDesired } from '../../tools/deploy/desired'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import { ENV_ID, stubManagerRequests } from './deploy-cloudbase-stub'
import { fixtureRepo, cleanFixtures } from './deploy-fake'
import { TencentCloudStandIn } from './deploy-tencent-stand-in'

const ENV = {
  TENCENTCLOUD_SECRETID: 'AKIDstandIn0123456789',
  TENCENTCLOUD_SECRETKEY: 'standInKey-abcdef',
}

describe('npm run deploy over manager-node and the Tencent Cloud stand-in', () => {
  afterAll(cleanFixtures)
  const root = fixtureRepo()
  const cloud = new TencentCloudStandIn()
  let stub: ReturnType<typeof stubManagerRequests>
  const lines: string[] = []
  const run = (...argv: string[]) => {
    lines.length = 0
    return runDeploy(['--env', ENV_ID, ...argv], {
      env: ENV,
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
      build: async () => undefined,
      readDesired: (options) => {
        const desired = readDesired(root, options)
        return { ...desired, functions: desired.functions.filter((f) => f.name === 'message') }
      },
      connect: (envId, credentials) =>
        CloudbaseAdapter.connect(envId, credentials, 'wxtestappid00001'),
    })
  }

  beforeAll(() => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined)
    stub = stubManagerRequests(cloud.answer)
  })
  afterAll(() => {
    stub.restore()
    jest.restoreAllMocks()
  })

  it('stops at a vendor error half-way, then a rerun completes only the rest', async () => {
    cloud.failOnce(
      (c) => c.action === 'UpdateTable' && c.body.TableName === 'orders',
      'LimitExceeded.IndexCount',
      `too many indexes (key ${ENV.TENCENTCLOUD_SECRETKEY})`,
    )
    expect(await run('--seed-demo')).toBe(1)
    const failed = lines.join('\n')
    expect(failed).toMatch(/第 \d+\/\d+ 步失败：创建索引 orders\.order_no（orderNo ↑，唯一）/)
    expect(failed).toContain('[LimitExceeded.IndexCount] [UpdateTable] too many indexes (key ***)')
    expect(failed).not.toContain(ENV.TENCENTCLOUD_SECRETKEY)
    expect(cloud.functions.size).toBe(0)

    const before = stub.calls.length
    expect(await run('--seed-demo')).toBe(0)
    const rerun = stub.calls.slice(before)
    // Collections made before the failure are not created again.
    expect(rerun.filter((c) => c.action === 'CreateTable')).toEqual([])
    const desired = readDesired(root)
    for (const [name, indexes] of Object.entries(desired.indexes))
      expect(
        cloud.tables
          .get(name)!
          .indexes.map((i) => i.Name)
          .sort(),
      ).toEqual(['_id_', ...indexes.map((i) => i.name)].sort())
    expect(cloud.tables.get('orders')!.acl).toEqual({
      AclTag: 'CUSTOM',
      Rule: '{"read":false,"write":false}',
    })
    expect(cloud.tables.get('products')!.count).toBe(DEMO_PRODUCTS.length)
    expect(cloud.functions.get('message')).toMatchObject({ Timeout: 30, uploads: 1 })
    expect(cloud.functions.get('message')!.Triggers).toEqual([
      { TriggerName: 'messageDrain', Type: 'timer', TriggerDesc: '{"cron":"0 */5 * * * * *"}' },
    ])
  }, 30000)

  it('a third run reads everything back and plans nothing', async () => {
    const before = stub.calls.length
    expect(await run('--seed-demo')).toBe(0)
    expect(lines.at(-1)).toBe('环境已与仓库一致，无需变更。')
    const writes = stub.calls.slice(before).filter((c) => !/^(Describe|List|Get)/.test(c.action))
    expect(writes).toEqual([])
  })
})
