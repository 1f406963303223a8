// `npm run deploy` end to end against the FakeEnvironment: everything it prints is captured, so
// the tests see what a developer sees (and what must never be shown).
import { runDeploy, type DeployDeps } from '../../tools/deploy/cli'
import { readDesired } from '../../tools/deploy/desired'
import { planDeploy } from '../../tools/deploy/plan'
import { FakeEnvironment, emptyLive, fixtureRepo, cleanFixtures } from './deploy-fake'

const SECRET_ID = 'AKIDsecretIdValue0123456789'
const SECRET_KEY = 'secretKeyValue-abcdefghijklmnop'
const TOKEN = 'sessionTokenValue-qrstuvwxyz'
const ENV = {
  TENCENTCLOUD_SECRETID: SECRET_ID,
  TENCENTCLOUD_SECRETKEY: SECRET_KEY,
  TENCENTCLOUD_SESSIONTOKEN: TOKEN,
}

function harness(fake: FakeEnvironment, env: Record<string, string | undefined> = ENV) {
  const root = fixtureRepo()
  const out: string[] = []
  const err: string[] = []
  const connected: string[] = []
  const deps: DeployDeps = {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    build: async () => undefined,
    readDesired: (options) => readDesired(root, options),
    connect: (envId) => {
      connected.push(envId)
      return fake
    },
  }
  const run = (...argv: string[]) => runDeploy(['--env', 'prod-1a2b', ...argv], deps)
  return { root, out, err, connected, run, printed: () => [...out, ...err].join('\n') }
}

describe('npm run deploy', () => {
  afterAll(cleanFixtures)
  it('--dry-run prints the plan and writes nothing', async () => {
    const fake = new FakeEnvironment()
    const h = harness(fake)
    expect(await h.run('--dry-run')).toBe(0)
    expect(fake.calls).toBe(0)
    expect(fake.live).toEqual(emptyLive())
    expect(h.out).toContain('  1. 创建集合 users')
    expect(h.printed()).toMatch(/创建索引 orders\.order_no（orderNo ↑，唯一）/)
    expect(h.out.at(-1)).toBe('（--dry-run：未做任何修改）')
  })

  it('applies the plan, and a second run plans nothing', async () => {
    const fake = new FakeEnvironment()
    const h = harness(fake)
    expect(await h.run()).toBe(0)
    expect(fake.calls).toBeGreaterThan(50)
    expect(h.out.at(-1)).toBe('完成：环境 prod-1a2b 已与仓库一致。')
    const before = fake.calls
    expect(await h.run()).toBe(0)
    expect(fake.calls).toBe(before)
    expect(h.out.at(-1)).toBe('环境已与仓库一致，无需变更。')
  })

  it('stops at a failure half-way with the resource and the vendor error; a rerun does only the rest', async () => {
    const fake = new FakeEnvironment()
    const h = harness(fake)
    const full = planDeploy(readDesired(h.root), emptyLive(), { prune: false }).steps
    const k = 30
    fake.failAt = k
    fake.failure = Object.assign(new Error('Index orders.owner_node limit exceeded'), {
      code: 'LimitExceeded',
    })
    expect(await h.run()).toBe(1)
    expect(fake.applied).toEqual(full.slice(0, k - 1))
    const message = h.err.join('\n')
    expect(message).toContain(`第 ${k}/${full.length} 步失败`)
    expect(message).toContain('[LimitExceeded] Index orders.owner_node limit exceeded')
    expect(message).toContain('重新运行同一命令')

    fake.failAt = null
    fake.applied = []
    expect(await h.run()).toBe(0)
    expect(fake.applied).toEqual(full.slice(k - 1))
    expect(planDeploy(readDesired(h.root), await fake.readLive(), { prune: false }).steps).toEqual(
      [],
    )
  })

  it('a failure between a code upload and its config redoes both on the rerun', async () => {
    const fake = new FakeEnvironment()
    const h = harness(fake)
    await h.run()
    fake.live.functions.order.codeHash = 'old'
    fake.failAt = fake.calls + 2 // the config update after the code
    expect(await h.run()).toBe(1)
    fake.failAt = null
    fake.applied = []
    expect(await h.run()).toBe(0)
    expect(fake.applied.map((s) => s.kind)).toEqual([
      'update-function-code',
      'update-function-config',
    ])
  })

  it('never prints a credential, even when the vendor error echoes it', async () => {
    const fake = new FakeEnvironment()
    fake.failAt = 3
    fake.failure = Object.assign(
      new Error(`AuthFailure: secretId ${SECRET_ID} key ${SECRET_KEY} token ${TOKEN}`),
      { code: 'AuthFailure.SignatureFailure' },
    )
    const h = harness(fake)
    expect(await h.run()).toBe(1)
    const printed = h.printed()
    expect(printed).toContain('AuthFailure.SignatureFailure')
    for (const secret of [SECRET_ID, SECRET_KEY, TOKEN]) expect(printed).not.toContain(secret)
    expect(printed).toContain('secretId *** key *** token ***')
  })

  it('names a missing credential in Chinese and does not connect', async () => {
    const fake = new FakeEnvironment()
    const h = harness(fake, { TENCENTCLOUD_SECRETID: SECRET_ID })
    expect(await h.run('--dry-run')).toBe(1)
    expect(h.connected).toEqual([])
    expect(h.err.join('\n')).toContain('缺少环境变量 TENCENTCLOUD_SECRETKEY')
    expect(h.printed()).not.toContain(SECRET_ID)
  })

  it('refuses to run without --env', async () => {
    const h = harness(new FakeEnvironment())
    const out: string[] = []
    const code = await runDeploy(['--dry-run'], {
      ...{ env: ENV, build: async () => undefined, connect: () => new FakeEnvironment() },
      readDesired: () => readDesired(h.root),
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    })
    expect(code).toBe(1)
    expect(out.join('\n')).toContain('用法：npm run deploy -- --env <环境ID>')
  })
})
