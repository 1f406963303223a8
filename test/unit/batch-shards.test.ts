// The batch count in shards (src/domain/batch-shards.ts): a join's home shard, the join that moves
// a batch on, the full batch a later join moves on, deadlines, cancels, and a model of racing
// transactions (snapshot reads, a conflict when a written shard changed) in which an order joins
// the batch collecting at its start or one it opens, and none moves on short of its minimum.
import { newBatchState, type BatchState } from '@/domain/batch'
import {
  BATCH_SHARDS,
  batchExpired,
  countBatch,
  planJoin,
  planLeave,
  type BatchShard,
  type JoinPlan,
} from '@/domain/batch-shards'
import { NOW, product } from './order-factories'

const linen = product('prod_linen_batch') // minimum 20, 14 days to collect
const DAY = 24 * 3600 * 1000

interface Stored {
  state: BatchState | null
  shards: Array<BatchShard | null>
}
const empty = (): Stored => ({ state: null, shards: Array(BATCH_SHARDS).fill(null) })

/** What a committed plan leaves stored. */
function apply(stored: Stored, plan: JoinPlan, now = NOW): Stored {
  const shards = [...stored.shards]
  for (const { k, ...write } of plan.shards)
    shards[k] = { _id: `prod_linen_batch-s${k}`, productId: linen._id, ...write, updatedAt: now }
  return { state: plan.state ?? stored.state, shards }
}

const join = (stored: Stored, quantity: number, home: number, now = NOW) =>
  planJoin({ ...stored, product: linen, quantity, home, now })
const count = (stored: Stored) => countBatch(stored.state!, stored.shards)

test('a join takes all its units on its home shard, whatever that shard holds', () => {
  let stored = empty()
  stored = apply(stored, join(stored, 6, 0))
  const plan = join(stored, 3, 0)
  expect(plan.shards).toEqual([expect.objectContaining({ k: 0, sequence: 1, quantity: 9 })])
  expect(join(stored, 2, 5).shards).toEqual([expect.objectContaining({ k: 5, quantity: 2 })])
})

test('units join until the minimum; the order reaching it moves the batch on', () => {
  let stored = empty()
  for (let index = 0; index < 19; index += 1) {
    const plan = join(stored, 1, index % BATCH_SHARDS)
    expect(plan).toMatchObject({ batchId: 'prod_linen_batch-b1', closes: [], before: index })
    // Only the first order writes the state (it creates it); the others, one shard each.
    expect(plan.state === null).toBe(index > 0)
    expect(plan.shards).toHaveLength(1)
    stored = apply(stored, plan)
  }
  expect(count(stored)).toMatchObject({ quantity: 19, sequence: 1 })
  const reaching = join(stored, 1, 3)
  expect(reaching).toMatchObject({
    batchId: 'prod_linen_batch-b1',
    before: 19,
    closes: ['prod_linen_batch-b1'],
    state: { sequence: 2, lastReachedAt: NOW },
  })
  // No shard written: batch 2 counts only shards at its sequence, so the joins of batch 1 in
  // flight do not conflict with this one (each may still land in batch 1: a few more).
  expect(reaching.shards).toEqual([])
  stored = apply(stored, reaching)
  expect(count(stored)).toMatchObject({ quantity: 0, sequence: 2, deadlineAt: null })
  expect(join(stored, 1, 0).batchId).toBe('prod_linen_batch-b2')
})

test('an order of several units that crosses the minimum reaches it, as one order', () => {
  let stored = empty()
  for (let k = 0; k < 17; k += 1) stored = apply(stored, join(stored, 1, k % BATCH_SHARDS))
  expect(join(stored, 5, 0)).toMatchObject({ before: 17, closes: ['prod_linen_batch-b1'] })
})

test('a batch filled at once but not moved on: the next join moves it on and joins the next', () => {
  let stored = empty()
  for (let k = 0; k < 18; k += 1) stored = apply(stored, join(stored, 1, k % BATCH_SHARDS))
  // Two orders read the same 18 and take the last two places, each on its own home shard.
  const [a, b] = [join(stored, 1, 2), join(stored, 1, 9)]
  expect([a.closes, b.closes]).toEqual([[], []])
  expect(a.shards[0].k).not.toBe(b.shards[0].k)
  stored = apply(apply(stored, a), b)
  expect(count(stored)).toMatchObject({ quantity: 20, sequence: 1 })
  const next = join(stored, 1, BATCH_SHARDS - 1)
  expect(next).toMatchObject({
    batchId: 'prod_linen_batch-b2',
    before: 0,
    closes: ['prod_linen_batch-b1'],
    state: { sequence: 2 },
  })
  stored = apply(stored, next)
  expect(count(stored)).toMatchObject({ quantity: 1, sequence: 2 })
  expect(next.shards).toEqual([expect.objectContaining({ k: BATCH_SHARDS - 1, sequence: 2 })])
})

test('shards left at an older sequence count 0', () => {
  const state = { ...newBatchState(linen, NOW), sequence: 3 }
  const shard = (sequence: number, quantity: number) =>
    ({ sequence, quantity, deadlineAt: null }) as BatchShard
  expect(countBatch(state, [shard(2, 9), shard(3, 4), null, shard(3, 1)]).quantity).toBe(5)
})

test("the deadline counts from the batch's first join, is kept, and clears when it moves on", () => {
  let stored = apply(empty(), join(empty(), 2, 0))
  const deadline = new Date(NOW.getTime() + 14 * DAY)
  expect(count(stored).deadlineAt).toEqual(deadline)
  const later = new Date(NOW.getTime() + 3 * DAY)
  stored = apply(stored, join(stored, 1, BATCH_SHARDS - 1, later), later) // another shard, the same deadline
  expect(count(stored).deadlineAt).toEqual(deadline)
  expect(batchExpired(count(stored), new Date(deadline.getTime() - 1))).toBe(false)
  expect(batchExpired(count(stored), deadline)).toBe(true)
  stored = apply(stored, join(stored, 17, 4, later), later)
  expect(count(stored)).toMatchObject({ sequence: 2, deadlineAt: null })
  expect(batchExpired(count(stored), new Date(NOW.getTime() + 99 * DAY))).toBe(false)
})

test('a cancel gives units back only to the batch still collecting', () => {
  let stored = empty()
  stored = apply(stored, join(stored, 2, 0))
  const state = stored.state!
  const leave = (batchId: string, quantity: number, k: number) =>
    planLeave(state, stored.shards[k], k, { batchId, quantity })
  expect(leave('prod_linen_batch-b1', 1, 0)).toMatchObject({ k: 0, sequence: 1, quantity: 1 })
  // Its units may sit in another shard than the one it leaves: that shard goes below 0.
  expect(leave('prod_linen_batch-b1', 2, 6)).toMatchObject({ k: 6, quantity: -2 })
  expect(leave('prod_linen_batch-b0', 2, 0)).toBeNull()
})

/**
 * Racing orders as snapshot isolation runs them: each attempt plans on the stored documents of
 * its start; at commit it conflicts if a document it writes changed since (and retries on the
 * new snapshot, with the next home shard). Every order joins the batch collecting when it
 * commits, one it opens, or (started before) one that reached its minimum since; a batch moves
 * on at its minimum or past it, by less than the orders in flight, and the shards count exactly
 * the orders of the batch collecting.
 */
test('orders racing in random interleavings reach every minimum; late joins only add to a batch reached', () => {
  let seed = 7
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const IN_FLIGHT = 12
  let conflicts = 0
  let overfilled = 0
  let late = 0
  for (let round = 0; round < 50; round += 1) {
    let stored = empty()
    let version: Record<string, number> = {}
    const members: Record<string, number> = {}
    type Attempt = { plan: JoinPlan; seen: Record<string, number>; order: number; attempt: number }
    const start = (order: number, attempt: number): Attempt => ({
      plan: join(stored, 1, (order * 7 + attempt) % BATCH_SHARDS),
      seen: { ...version },
      order,
      attempt,
    })
    let running: Attempt[] = Array.from({ length: IN_FLIGHT }, (_, order) => start(order, 0))
    let nextOrder = IN_FLIGHT
    while (running.length) {
      const index = Math.floor(random() * running.length)
      const { plan, seen, order, attempt } = running[index]
      running = running.filter((_, i) => i !== index)
      const writes = [...(plan.state ? ['state'] : []), ...plan.shards.map((w) => `s${w.k}`)]
      if (writes.some((key) => (version[key] ?? 0) !== (seen[key] ?? 0))) {
        conflicts += 1
        running.push(start(order, attempt + 1))
        continue
      }
      const collecting = stored.state?.sequence ?? 1
      expect(plan.sequence).toBeLessThanOrEqual(collecting + 1)
      if (plan.sequence > collecting)
        expect(plan.closes).toContain(`prod_linen_batch-b${collecting}`)
      if (plan.sequence < collecting) late += 1
      stored = apply(stored, plan)
      version = { ...version, ...Object.fromEntries(writes.map((k) => [k, (version[k] ?? 0) + 1])) }
      members[plan.batchId] = (members[plan.batchId] ?? 0) + 1
      if (nextOrder < 60) running.push(start(nextOrder++, 0))
    }
    // 60 orders of one unit; the batches moved on hold 20 or more, by less than the orders in
    // flight; the last one the rest.
    const sizes = Object.keys(members)
      .sort()
      .map((id) => members[id])
    const movedOn = sizes.slice(0, count(stored).sequence - 1)
    for (const size of movedOn) expect(size).toBeGreaterThanOrEqual(20)
    for (const size of movedOn) expect(size).toBeLessThan(20 + IN_FLIGHT)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(60)
    expect(count(stored).quantity).toBe(60 - movedOn.reduce((a, b) => a + b, 0))
    overfilled += movedOn.filter((size) => size > 20).length
  }
  expect(conflicts).toBeGreaterThan(0) // the model did race
  expect(overfilled).toBeGreaterThan(0) // and took some batches past their minimum
  expect(late).toBeGreaterThan(0) // some of it by joins that started before the batch moved on
})
