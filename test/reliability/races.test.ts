// Races on real PostgreSQL through the local cloud: identical calls fired together must apply
// once. Each race repeats ROUNDS times on fresh resources (RACE_ROUNDS to soak longer).
import { COLLECTIONS } from '@/domain/names'
import { batchIdOf } from '@/domain/batch'
import { createPayload, linenSelection, rid } from '../cloud/order-helpers'
import { ownerOrder, openSlot } from './fixtures'
import { call, consumerA, merchant, recordFigures, useReliabilityCloud } from './harness'

const env = useReliabilityCloud()
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 3)
const CONCURRENCY = 50
const rounds = Array.from({ length: ROUNDS }, (_, index) => index + 1)

let runs = 0
let violations = 0
/** Batch creates that lost a transaction conflict (INTERNAL) and were retried by the client. */
let contended = 0
afterAll(() =>
  recordFigures('races', { runs, concurrentCalls: runs * CONCURRENCY, contended, violations }),
)

const together = <T>(work: (index: number) => Promise<T>) =>
  Promise.all(Array.from({ length: CONCURRENCY }, (_, index) => work(index)))

/** Counts a run; a failed expectation inside marks a violation before jest reports it. */
async function race(check: () => Promise<void>) {
  runs += 1
  try {
    await check()
  } catch (error) {
    violations += 1
    throw error
  }
}

test.each(rounds)('50 identical order.act transitions apply once (round %i)', (round) =>
  race(async () => {
    const orderId = await ownerOrder(env)
    const results = await together(() =>
      call(env, 'order', 'act', { orderId, event: 'confirm' }, merchant),
    )
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).every((r) => r.code === 'INVALID_TRANSITION')).toBe(true)
    const [order] = await env.cloud.store.find(COLLECTIONS.orders, { _id: orderId })
    expect(order).toMatchObject({ node: 'confirmed', version: 2 })
    expect(
      order.timeline.filter((entry: { event: string }) => entry.event === 'confirm'),
    ).toHaveLength(1)
    const audit = await env.cloud.store.find(COLLECTIONS.orderAudit, { orderId })
    expect(audit.map((row) => row.event)).toEqual(['confirm'])
    void round
  }),
)

test.each(rounds)('50 order.create with one requestId create one order (round %i)', () =>
  race(async () => {
    const payload = createPayload({ requestId: rid('race') })
    const results = await together(() => call(env, 'order', 'create', payload, consumerA))
    expect(results.every((result) => result.ok)).toBe(true)
    const ids = new Set(results.map((result) => result.data.order._id))
    expect(ids.size).toBe(1)
    const stored = await env.cloud.store.find(COLLECTIONS.orders, { requestId: payload.requestId })
    expect(stored).toHaveLength(1)
  }),
)

test.each(rounds)('50 users booking one designer slot: one booking (round %i)', () =>
  race(async () => {
    const slotId = await openSlot(env)
    const results = await together((index) =>
      call(env, 'appointment', 'book', { slotId }, `o_race_booker_${index}`),
    )
    const winners = results.filter((result) => result.ok)
    expect(winners).toHaveLength(1)
    expect(results.filter((r) => !r.ok).every((r) => r.code === 'SLOT_TAKEN')).toBe(true)
    const [slot] = await env.cloud.store.find(COLLECTIONS.appointmentSlots, { _id: slotId })
    expect(slot.status).toBe('booked')
    expect(slot.bookedBy).toMatch(/^o_race_booker_\d+$/)
  }),
)

test.each(rounds)(
  'concurrent creates crossing a batch minimum reach production once (round %i)',
  () =>
    race(async () => {
      const productId = 'prod_linen_batch'
      const [before] = await env.cloud.store.find(COLLECTIONS.batches, { _id: productId })
      const sequence: number = before?.sequence ?? 1
      const already: number = before?.quantity ?? 0
      const minimum = 20
      // Enough single units to cross the minimum and start the next batch with five.
      const needed = minimum - already + 5
      // Like the app: a failed submit is retried with the same requestId until it answers.
      const results = await Promise.all(
        Array.from({ length: needed }, async (_, index) => {
          const payload = createPayload({ productId, selection: linenSelection(1) })
          const openid = `o_race_batch_${sequence}_${index}`
          for (let attempt = 1; ; attempt += 1) {
            const result = await call(env, 'order', 'create', payload, openid)
            if (result.ok || attempt === 10) return result
            contended += 1
          }
        }),
      )
      expect(results.filter((result) => !result.ok)).toEqual([])
      await env.cloud.fireTimer('order') // releases what the filling order did not get to
      const reachedId = batchIdOf(productId, sequence)
      const reached = await env.cloud.store.find(COLLECTIONS.orders, { batchId: reachedId })
      expect(reached.reduce((sum, order) => sum + order.selection.quantity, 0)).toBe(minimum)
      for (const order of reached) {
        expect(order.node).toBe('production')
        const audit = await env.cloud.store.find(COLLECTIONS.orderAudit, { orderId: order._id })
        expect(audit.filter((row) => row.event === 'batch_reached')).toHaveLength(1)
      }
      const [after] = await env.cloud.store.find(COLLECTIONS.batches, { _id: productId })
      expect(after).toMatchObject({ sequence: sequence + 1, quantity: 5 })
      const next = await env.cloud.store.find(COLLECTIONS.orders, {
        batchId: batchIdOf(productId, sequence + 1),
      })
      expect(next.every((order) => order.node === 'submitted')).toBe(true)
    }),
)
