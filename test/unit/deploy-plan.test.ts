// The deploy planner against the in-memory FakeEnvironment: what a plan holds, and that applying
// it leaves nothing to plan.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { applyPlan } from '../../tools/deploy/apply'
import { readDesired } from '../../tools/deploy/desired'
import { planDeploy } from '../../tools/deploy/plan'
import type { DesiredState, Step } from '../../tools/deploy/types'
import { COLLECTIONS } from '../../src/domain/names'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import { FakeEnvironment, fixtureRepo, cleanFixtures } from './deploy-fake'

const quiet = () => undefined
const kinds = (steps: Step[]) => steps.map((s) => s.kind)

async function deployed(desired: DesiredState, env = new FakeEnvironment(), prune = false) {
  const plan = planDeploy(desired, await env.readLive(), { prune })
  await applyPlan(plan, env, quiet, [])
  return env
}

describe('deploy plan', () => {
  afterAll(cleanFixtures)
  let root: string
  beforeEach(() => {
    root = fixtureRepo()
  })

  it('plans every collection, index, rule, function and trigger of the repository into an empty environment', async () => {
    const desired = readDesired(root)
    const plan = planDeploy(desired, await new FakeEnvironment().readLive(), { prune: false })
    const count = (kind: Step['kind']) => plan.steps.filter((s) => s.kind === kind).length
    const indexCount = Object.values(desired.indexes).flat().length
    expect(count('create-collection')).toBe(Object.keys(COLLECTIONS).length)
    expect(count('create-index')).toBe(indexCount)
    expect(count('set-rule')).toBe(Object.keys(COLLECTIONS).length)
    expect(count('set-storage-rule')).toBe(1)
    expect(count('create-function')).toBe(desired.functions.length)
    // order, message, refill, user (behaviourRetention) and visit (visitHousekeeping).
    expect(count('set-trigger')).toBe(5)
    // A collection exists before its indexes, a function before its trigger.
    const at = (pred: (s: Step) => boolean) => plan.steps.findIndex(pred)
    expect(at((s) => s.kind === 'create-collection' && s.collection === 'orders')).toBeLessThan(
      at((s) => s.kind === 'create-index' && s.collection === 'orders'),
    )
    expect(at((s) => s.kind === 'create-function' && s.fn.name === 'refill')).toBeLessThan(
      at((s) => s.kind === 'set-trigger' && s.fn === 'refill'),
    )
    const unique = plan.steps.find((s) => s.kind === 'create-index' && s.index.name === 'order_no')
    expect(unique).toMatchObject({ collection: 'orders', index: { unique: true } })
  })

  it('plans nothing on a second run', async () => {
    const desired = readDesired(root)
    const env = await deployed(desired)
    expect(planDeploy(desired, await env.readLive(), { prune: false })).toEqual({
      steps: [],
      notices: [],
    })
  })

  it('plans an index added to database/indexes.json, and once applied, not again', async () => {
    const env = await deployed(readDesired(root))
    const file = join(root, 'database', 'indexes.json')
    const indexes = JSON.parse(readFileSync(file, 'utf8'))
    indexes.coupons.push({
      name: 'owner_expires',
      fields: [
        ['owner', 'asc'],
        ['expiresAt', 'desc'],
      ],
    })
    writeFileSync(file, JSON.stringify(indexes))

    const desired = readDesired(root)
    const plan = planDeploy(desired, await env.readLive(), { prune: false })
    expect(plan.steps).toEqual([
      {
        kind: 'create-index',
        collection: 'coupons',
        index: {
          name: 'owner_expires',
          fields: [
            ['owner', 'asc'],
            ['expiresAt', 'desc'],
          ],
          unique: false,
        },
      },
    ])
    await applyPlan(plan, env, quiet, [])
    expect(planDeploy(desired, await env.readLive(), { prune: false }).steps).toEqual([])
  })

  it('rebuilds an index whose field order or uniqueness differs', async () => {
    const desired = readDesired(root)
    const env = await deployed(desired)
    const orderNo = env.live.collections.orders.indexes.find((i) => i.name === 'order_no')!
    orderNo.unique = false
    const ownerCreated = env.live.collections.orders.indexes.find(
      (i) => i.name === 'owner_created',
    )!
    ownerCreated.fields = [...ownerCreated.fields].reverse()
    const plan = planDeploy(desired, await env.readLive(), { prune: false })
    expect(plan.steps.map((s) => s.kind === 'replace-index' && s.index.name)).toEqual([
      'order_no',
      'owner_created',
    ])
  })

  it('reports an index the file does not list, and drops it only with --prune', async () => {
    const desired = readDesired(root)
    const env = await deployed(desired)
    env.live.collections.orders.indexes.push({
      name: 'by_hand',
      fields: [['x', 'asc']],
      unique: false,
    })

    const kept = planDeploy(desired, await env.readLive(), { prune: false })
    expect(kept.steps).toEqual([])
    expect(kept.notices).toEqual([expect.stringContaining('by_hand')])

    const pruned = planDeploy(desired, await env.readLive(), { prune: true })
    expect(pruned.steps).toEqual([{ kind: 'drop-index', collection: 'orders', name: 'by_hand' }])
    await applyPlan(pruned, env, quiet, [])
    expect(planDeploy(desired, await env.readLive(), { prune: true }).steps).toEqual([])
  })

  it('seeds the demo catalog into an empty products collection only', async () => {
    const withSeed = readDesired(root, { seedDemo: true })
    const fresh = planDeploy(withSeed, await new FakeEnvironment().readLive(), { prune: false })
    const seed = fresh.steps.filter((s) => s.kind === 'seed')
    expect(seed).toEqual([{ kind: 'seed', collection: 'products', documents: DEMO_PRODUCTS }])
    expect(fresh.steps.at(-1)?.kind).toBe('seed')

    // Not without --seed-demo, and never into a collection that has data.
    expect(
      kinds(
        planDeploy(
          readDesired(root),
          { collections: {}, storageRule: null, functions: {} },
          { prune: false },
        ).steps,
      ),
    ).not.toContain('seed')
    const env = await deployed(readDesired(root))
    env.live.collections.products.count = 1
    const busy = planDeploy(withSeed, await env.readLive(), { prune: false })
    expect(busy.steps).toEqual([])
    expect(busy.notices).toEqual([expect.stringContaining('products 已有 1 条数据')])

    // Seeded once, then not again.
    const seeded = await deployed(withSeed)
    expect(planDeploy(withSeed, await seeded.readLive(), { prune: false }).steps).toEqual([])
  })

  it('uploads new code together with the config that records its hash; a timeout alone is config only', async () => {
    const desired = readDesired(root)
    const env = await deployed(desired)
    env.live.functions.order.codeHash = 'old'
    env.live.functions.user.timeout = 3
    const plan = planDeploy(desired, await env.readLive(), { prune: false })
    expect(
      plan.steps.map(
        (s) => `${s.kind} ${'fn' in s ? (typeof s.fn === 'string' ? s.fn : s.fn.name) : ''}`,
      ),
    ).toEqual([
      'update-function-code order',
      'update-function-config order',
      'update-function-config user',
    ])
  })

  it('updates a timer whose cron changed and reports a trigger config.json does not list', async () => {
    const desired = readDesired(root)
    const env = await deployed(desired)
    env.live.functions.message.triggers[0].config = '0 */30 * * * * *'
    env.live.functions.user.triggers.push({ name: 'old', type: 'timer', config: '0 0 1 * * * *' })
    const plan = planDeploy(desired, await env.readLive(), { prune: false })
    expect(plan.steps).toEqual([
      {
        kind: 'set-trigger',
        fn: 'message',
        trigger: { name: 'messageDrain', type: 'timer', config: '0 */5 * * * * *' },
        replace: true,
      },
    ])
    expect(plan.notices).toEqual([expect.stringContaining('user 有触发器 old')])
  })
})
