// Timer jobs on the largest workload we can seed quickly: each run must return well inside its
// config.json timeout, and what one run leaves (it pages) is finished by the next runs.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { COLLECTIONS } from '@/domain/names'
import { ownerOrder } from './fixtures'
import { recordFigures, useReliabilityCloud } from './harness'

const env = useReliabilityCloud()
const ROOT = join(__dirname, '..', '..')
const timeoutOf = (fn: string) =>
  JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', fn, 'config.json'), 'utf8')).timeout * 1000
const DUE = Number(process.env.TIMER_WORKLOAD ?? 250)

test(`order housekeeping completes ${DUE} due orders within its timeout, across runs`, async () => {
  const template = (
    await env.cloud.store.find(COLLECTIONS.orders, { _id: await ownerOrder(env) })
  )[0]
  const deliveredAt = new Date(Date.now() - 10 * 24 * 3600 * 1000)
  await env.cloud.store.insertMany(
    COLLECTIONS.orders,
    Array.from({ length: DUE }, (_, index) => ({
      ...template,
      _id: `ord_timer_${index}`,
      orderNo: `${template.orderNo}-${index}`,
      requestId: `timer-${index}`,
      node: 'delivered',
      version: 2,
      timeline: [
        ...template.timeline,
        { ...template.timeline[0], node: 'delivered', event: 'deliver', at: deliveredAt },
      ],
      updatedAt: deliveredAt,
    })),
  )
  const limit = timeoutOf('order')
  let runs = 0
  let slowest = 0
  for (; runs < 20;) {
    const started = Date.now()
    const result = (await env.cloud.fireTimer('order')) as {
      ok: boolean
      data: { completed: number }
    }
    const took = Date.now() - started
    slowest = Math.max(slowest, took)
    runs += 1
    expect(result.ok).toBe(true)
    expect(took).toBeLessThan(limit / 2)
    if (result.data.completed === 0) break
  }
  const left = await env.cloud.store.find(COLLECTIONS.orders, { node: 'delivered' })
  expect(left).toEqual([])
  recordFigures('timeouts', { dueOrders: DUE, runs, slowestMs: slowest, timeoutMs: limit })
})

test('every function with a timer returns inside its timeout on the seeded data', async () => {
  for (const fn of ['order', 'refill', 'message']) {
    const config = JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', fn, 'config.json'), 'utf8'))
    const started = Date.now()
    const result = (await env.cloud.fireTimer(fn)) as { ok: boolean }
    expect({ fn, ok: result.ok }).toEqual({ fn, ok: true })
    expect(Date.now() - started).toBeLessThan(config.timeout * 1000)
  }
})
