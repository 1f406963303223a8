// Races on real PostgreSQL through the local cloud: identical calls fired together must apply
// once, and scarce stock is never oversold. Each race repeats ROUNDS times on fresh resources
// (RACE_ROUNDS to soak longer). Contention answers CONFLICT (never INTERNAL) and is retried.
import { COLLECTIONS } from '@/domain/names'
import { batchIdOf, progressFromOrders } from '@/domain/batch'
import { chinaDateOf } from '@/domain/china-date'
import { urgentQuotaId } from '@/domain/pricing'
import {
  createPayload,
  filterSelection,
  linenSelection,
  rid,
  shirtSelection,
} from '../cloud/order-helpers'
import { chinaDaytimeToday } from '../helpers/local-cloud'
import { payOrder } from '../helpers/demo-cloud'
import {
  chinaTime,
  completedOrder,
  deliveredOrder,
  openAfterSales,
  ownerOrder,
  openSlot,
  visitDay,
  visitRecord,
} from './fixtures'
import {
  call,
  consumerA,
  consumerB,
  merchant,
  recordFigures,
  report,
  useReliabilityCloud,
  WORKLOAD_TIMEOUT_MS,
} from './harness'
import { expectCountersMatchOrders } from '../helpers/order-counters'
import { expectStockNeverOversold, materialView, stockView } from '../helpers/stock'
import { storedBatch } from '../helpers/batch-count'

const env = useReliabilityCloud()
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 3)
const CONCURRENCY = 50
const ORDERS_AT_ONCE = 60
const rounds = Array.from({ length: ROUNDS }, (_, index) => index + 1)

let runs = 0
let concurrentCalls = 0
let violations = 0
/** Creates that lost a transaction conflict (CONFLICT after the SDK's retries). */
let contended = 0
/** Of those, the 60-order batch races' (each retried by the caller, as the app does). */
let batchRetries = 0
afterAll(() =>
  recordFigures('races', { runs, concurrentCalls, contended, batchRetries, violations }),
)

const together = <T>(work: (index: number) => Promise<T>) =>
  Promise.all(Array.from({ length: CONCURRENCY }, (_, index) => work(index)))

/** Counts a run; a failed expectation inside marks a violation before jest reports it. */
async function race(check: () => Promise<void>, calls = CONCURRENCY) {
  runs += 1
  concurrentCalls += calls
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
    // Version 2 was the payment (the fixture pays the order).
    expect(order).toMatchObject({ node: 'confirmed', version: 3 })
    expect(
      order.timeline.filter((entry: { event: string }) => entry.event === 'confirm'),
    ).toHaveLength(1)
    const audit = await env.cloud.store.find(COLLECTIONS.orderAudit, { orderId })
    expect(audit.map((row) => row.event)).toEqual(['pay', 'confirm'])
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

test.each(rounds)('50 after-sales requests on one order: one open request (round %i)', () =>
  race(async () => {
    const orderId = await deliveredOrder(env)
    const same = rid('as-race')
    const results = await together((index) =>
      call(
        env,
        'order',
        'requestAfterSales',
        {
          orderId,
          // Half send one request id (a retried tap), half a new one each (taps on two phones).
          requestId: index % 2 ? same : rid('as-race'),
          kind: 'return',
          reason: '与描述不符',
        },
        consumerA,
      ),
    )
    expect(
      results.every((r) => r.ok || ['AFTER_SALES_OPEN', 'CONFLICT'].includes(r.code ?? '')),
    ).toBe(true)
    const ids = new Set(results.filter((r) => r.ok).map((r) => r.data.request._id))
    expect(ids.size).toBe(1)
    const stored = await env.cloud.store.find(COLLECTIONS.afterSales, { orderId })
    expect(stored).toHaveLength(1)
    const [order] = await env.cloud.store.find(COLLECTIONS.orders, { _id: orderId })
    expect(order.afterSalesOpen).toBe(stored[0]._id)
  }),
)

test.each(rounds)('50 first ratings of one order: one rating, from one request (round %i)', () =>
  race(async () => {
    const orderId = await completedOrder(env)
    // Each tap rates differently, so a rating mixing two requests would show.
    const payloads = Array.from({ length: CONCURRENCY }, (_, index) => ({
      orderId,
      quality: (index % 5) + 1,
      fit: (Math.floor(index / 5) % 5) + 1,
      onTime: ((index + 3) % 5) + 1,
      text: `第 ${index} 次点评`,
    }))
    const results = await together((index) =>
      call(env, 'order', 'rateOrder', payloads[index], consumerA),
    )
    expect(results.every((r) => r.ok || r.code === 'CONFLICT')).toBe(true)
    // One created the rating; the others, finding it, changed it as the owner's edits.
    expect(results.filter((r) => r.ok && r.data.created)).toHaveLength(1)
    const stored = await env.cloud.store.find(COLLECTIONS.ratings, { orderId })
    expect(stored).toHaveLength(1)
    const [{ _id, quality, fit, onTime, text, edits }] = stored
    expect(_id).toBe(orderId)
    expect(payloads).toContainEqual({ orderId, quality, fit, onTime, text })
    expect(edits).toBe(results.filter((r) => r.ok).length - 1)
  }),
)

test.each(rounds)('50 merchant answers to one after-sales request: one applies (round %i)', () =>
  race(async () => {
    const afterSalesId = await openAfterSales(env)
    const results = await together((index) =>
      call(
        env,
        'merchant',
        'decideAfterSales',
        index % 2
          ? { afterSalesId, decision: 'accept', plan: `方案${index}`, days: 3 }
          : { afterSalesId, decision: 'decline', reason: `原因${index}` },
        merchant,
      ),
    )
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    expect(
      results
        .filter((r) => !r.ok)
        .every((r) => ['INVALID_TRANSITION', 'CONFLICT'].includes(r.code ?? '')),
    ).toBe(true)
    const [request] = await env.cloud.store.find(COLLECTIONS.afterSales, { _id: afterSalesId })
    expect(request.steps).toHaveLength(2)
    // And one 售后进度通知: only the answer that applied queued it.
    const updates = await env.cloud.store.find(COLLECTIONS.notificationQueue, {
      orderId: request.orderId,
      purpose: 'after_sales_update',
    })
    expect(updates.map((row) => row.key)).toEqual([`after_sales:${afterSalesId}:${request.state}`])
  }),
)

test.each(rounds)(
  '50 answers to a remake racing the customer’s 确认收货: one answer, one rework at most (round %i)',
  () =>
    race(async () => {
      const afterSalesId = await openAfterSales(env, 'remake')
      const [{ orderId }] = await env.cloud.store.find(COLLECTIONS.afterSales, {
        _id: afterSalesId,
      })
      const results = await together((index) =>
        index % 5 === 0
          ? call(env, 'order', 'act', { orderId, event: 'complete' }, consumerA)
          : call(
              env,
              'merchant',
              'decideAfterSales',
              index % 2
                ? { afterSalesId, decision: 'accept', plan: `重做${index}`, days: 5 }
                : { afterSalesId, decision: 'decline', reason: `原因${index}` },
              merchant,
            ),
      )
      const [request] = await env.cloud.store.find(COLLECTIONS.afterSales, { _id: afterSalesId })
      expect(request.steps).toHaveLength(2)
      const [order] = await env.cloud.store.find(COLLECTIONS.orders, { _id: orderId })
      const audit = await env.cloud.store.find(COLLECTIONS.orderAudit, { orderId })
      const reworks = audit.filter((row) => row.event === 'rework')
      // Accepted: the order went back to the workshop exactly once, from delivered or completed.
      expect(reworks).toHaveLength(request.state === 'accepted' ? 1 : 0)
      expect(order.node).toBe(request.state === 'accepted' ? 'rework' : order.node)
      if (request.state === 'accepted')
        expect(order.rework).toMatchObject({ afterSalesId, kind: 'remake' })
      // Every write bumped the version once: the timeline and the audit agree.
      expect(audit.filter((row) => row.event !== 'refund')).toHaveLength(order.timeline.length - 1)
      expect(results.every((r) => r.ok || r.code !== 'INTERNAL')).toBe(true)
    }),
)

test.each(rounds)(
  'the same 批量受理 of three requests sent twice at once: each answered once (round %i)',
  () =>
    race(async () => {
      const ids = [await openAfterSales(env), await openAfterSales(env), await openAfterSales(env)]
      const batch = { afterSalesIds: ids, decision: 'accept', plan: '上门取件后退款', days: 3 }
      const [first, second] = await Promise.all(
        [0, 1].map(() => call(env, 'merchant', 'decideAfterSalesMany', batch, merchant)),
      )
      // Each request is done in exactly one of the two batches; the other reports why not.
      type Row = { afterSalesId: string; ok: boolean; code?: string }
      const rows = [first, second].flatMap((r) => (r.data as { results: Row[] }).results)
      for (const id of ids) {
        const answers = rows.filter((row) => row.afterSalesId === id)
        expect(answers.filter((row) => row.ok)).toHaveLength(1)
        expect(['INVALID_TRANSITION', 'CONFLICT']).toContain(answers.find((row) => !row.ok)?.code)
      }
      for (const id of ids) {
        const [request] = await env.cloud.store.find(COLLECTIONS.afterSales, { _id: id })
        expect(request).toMatchObject({ state: 'accepted' })
        expect(request.steps).toHaveLength(2)
        const updates = await env.cloud.store.find(COLLECTIONS.notificationQueue, {
          orderId: request.orderId,
          purpose: 'after_sales_update',
        })
        expect(updates.map((row) => row.key)).toEqual([`after_sales:${id}:accepted`])
      }
    }, 2),
)

// Home visits (docs/visits.md): 50 requested visits, one window, the owner gives each to 张师傅 at
// once. The slot claims created in each assignment's transaction let exactly one apply.
test.each(rounds)('50 assignments of one staff member’s slot: one applies (round %i)', () =>
  race(async () => {
    const start = new Date(chinaTime(visitDay(), '11:00'))
    const window = { start, end: new Date(start.getTime() + 2 * 3600 * 1000) }
    const waiting = Array.from({ length: CONCURRENCY }, () =>
      visitRecord({ node: 'requested', staffId: null, staffName: null, window }),
    )
    await env.cloud.store.insertMany(COLLECTIONS.visits, waiting)
    const results = await together((index) =>
      call(
        env,
        'visit',
        'assign',
        { visitId: waiting[index]._id, staffId: 'staff_zhang', expectedVersion: 1 },
        merchant,
      ),
    )
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    const refused = results.filter((result) => !result.ok).map((result) => result.code)
    // Seen taken in the claims (SLOT_TAKEN) or already in the day's plan (STAFF_UNAVAILABLE).
    expect(
      refused.every((code) => ['SLOT_TAKEN', 'STAFF_UNAVAILABLE', 'CONFLICT'].includes(code!)),
    ).toBe(true)
    contended += refused.filter((code) => code === 'CONFLICT').length
    const ids = waiting.map((visit) => visit._id)
    const stored = await env.cloud.store.find(COLLECTIONS.visits, { staffId: 'staff_zhang' })
    const scheduled = stored.filter((visit) => ids.includes(visit._id))
    expect(scheduled).toHaveLength(1)
    const claims = await env.cloud.store.find(COLLECTIONS.slotClaims, {
      visitId: scheduled[0]._id,
    })
    expect(claims).toHaveLength(5)
    const all = await env.cloud.store.find(COLLECTIONS.slotClaims, { staffId: 'staff_zhang' })
    expect(all.filter((claim) => ids.includes(claim.visitId as string))).toHaveLength(5)
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

// The owner's add sent 10 times at once with one request id (taps and retries): one person, every
// answer with the code stored. Then that invite code handed to 50 people at once (visit.joinStaff):
// the transaction re-reads the row, so exactly one account is bound and the others are told the
// code is used.
test.each(rounds)('50 people joining with one invite code: one is bound (round %i)', (round) =>
  race(async () => {
    const person = {
      name: '竞赛师傅',
      skills: ['repairing'],
      districts: ['测试区'],
      weeklyHours: [],
    }
    const requestId = `req_race_staff_${round}`
    const saves = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(env, 'visit', 'saveStaff', { ...person, requestId }, merchant),
      ),
    )
    expect(saves.every((saved) => saved.ok)).toBe(true)
    const { id, invite } = saves[0].data.staff
    const [added] = await env.cloud.store.find(COLLECTIONS.staff, { _id: id })
    expect(saves.map((saved) => saved.data.staff.invite.code)).toEqual(
      Array(10).fill(added.invite.code),
    )
    const results = await together((index) =>
      call(env, 'visit', 'joinStaff', { code: invite.code }, `o_race_joiner_${round}_${index}`),
    )
    const winners = results.filter((result) => result.ok)
    expect(winners).toHaveLength(1)
    contended += results.filter((r) => !r.ok && r.code === 'CONFLICT').length
    expect(
      results.filter((r) => !r.ok).every((r) => ['INVITE_USED', 'CONFLICT'].includes(r.code!)),
    ).toBe(true)
    const [row] = await env.cloud.store.find(COLLECTIONS.staff, { _id: id })
    expect(row.openid).toMatch(new RegExp(`^o_race_joiner_${round}_\\d+$`))
  }),
)

test.each(rounds)(
  'concurrent creates crossing a batch minimum ask each 尾款 once, then reach production once (round %i)',
  () =>
    race(async () => {
      const productId = 'prod_linen_batch'
      const before = await storedBatch(env.cloud.store.find, productId)
      const sequence: number = before?.sequence ?? 1
      const already: number = before?.quantity ?? 0
      const minimum = 20
      // Enough single units to cross the minimum and start the next batch with up to five.
      const needed = minimum - already + 5
      // Like the app: a CONFLICT (contention, never INTERNAL) is retried with the same requestId.
      const results = await Promise.all(
        Array.from({ length: needed }, async (_, index) => {
          const payload = createPayload({ productId, selection: linenSelection(1) })
          const openid = `o_race_batch_${sequence}_${index}`
          for (let attempt = 1; ; attempt += 1) {
            const result = await call(env, 'order', 'create', payload, openid)
            if (result.ok || result.code !== 'CONFLICT' || attempt === 20) return result
            contended += 1
          }
        }),
      )
      expect(results.filter((result) => !result.ok)).toEqual([])
      // Only paid orders go into production: all paid at once, their callbacks racing too.
      await Promise.all(
        results.map((result, index) =>
          payOrder(env, result.data.order._id, `o_race_batch_${sequence}_${index}`),
        ),
      )
      await env.cloud.fireTimer('order') // releases what the filling order did not get to
      const reachedId = batchIdOf(productId, sequence)
      const reachedOrders = () => env.cloud.store.find(COLLECTIONS.orders, { batchId: reachedId })
      const firings = async (orderId: string) =>
        (await env.cloud.store.find(COLLECTIONS.orderAudit, { orderId })).filter(
          (row) => row.event === 'batch_reached',
        )
      // Each paid 定金 is asked for its 尾款 exactly once; the 尾款s, paid at once, start
      // production exactly once each.
      // The batch reached holds its minimum or more (orders reaching it at once each counted
      // less); the next one the rest.
      const asked = await reachedOrders()
      const reached = asked.reduce((sum, order) => sum + order.selection.quantity, 0)
      expect(reached).toBeGreaterThanOrEqual(minimum)
      expect(reached).toBeLessThanOrEqual(already + needed)
      for (const order of asked) {
        expect([order.node, order.balance?.state]).toEqual(['submitted', 'unpaid'])
        expect(await firings(order._id)).toHaveLength(1)
      }
      await Promise.all(asked.map((order) => payOrder(env, order._id, order.ownerOpenid as string)))
      await env.cloud.fireTimer('order')
      for (const order of await reachedOrders()) {
        expect(order.node).toBe('production')
        expect(await firings(order._id)).toHaveLength(2)
      }
      const after = await storedBatch(env.cloud.store.find, productId)
      expect(after).toMatchObject({ sequence: sequence + 1, quantity: already + needed - reached })
      const next = await env.cloud.store.find(COLLECTIONS.orders, {
        batchId: batchIdOf(productId, sequence + 1),
      })
      expect(next.every((order) => order.node === 'submitted')).toBe(true)
    }),
)

test.each(rounds)(
  '60 orders of one batch product at once: each batch moves on at its minimum or past it (round %i)',
  (round) =>
    race(async () => {
      const productId = 'prod_linen_batch'
      const ORDERS = 60
      const minimum = 20
      const before = await storedBatch(env.cloud.store.find, productId)
      const first: number = before?.sequence ?? 1
      const already: number = before?.quantity ?? 0
      const owner = (index: number) => `o_race_batch60_${round}_${index}`
      const results = await Promise.all(
        Array.from({ length: ORDERS }, async (_, index) => {
          const payload = createPayload({ productId, selection: linenSelection(1) })
          for (let attempt = 1; ; attempt += 1) {
            const result = await call(env, 'order', 'create', payload, owner(index))
            if (result.ok || result.code !== 'CONFLICT' || attempt === 20) return result
            contended += 1
            batchRetries += 1
          }
        }),
      )
      expect(results.filter((result) => !result.ok)).toEqual([])
      // Their 定金s paid at once, then one timer run (the backstop for any check not made).
      await Promise.all(results.map((r, index) => payOrder(env, r.data.order._id, owner(index))))
      await env.cloud.fireTimer('order')

      const ids = results.map((result) => result.data.order._id as string)
      const placed = await env.cloud.store.find(COLLECTIONS.orders, { _id: { $in: ids } })
      expect(placed).toHaveLength(ORDERS)
      // Each order in one batch: the one collecting then, or one opened since.
      const state = await storedBatch(env.cloud.store.find, productId)
      const last: number = state!.sequence
      const batches = Array.from({ length: last - first + 1 }, (_, k) =>
        batchIdOf(productId, first + k),
      )
      expect(placed.filter((order) => !batches.includes(order.batchId))).toEqual([])
      let units = 0
      for (const batchId of batches.slice(0, -1)) {
        // Its minimum or past it, by less than the orders in flight; every order released once.
        const members = await env.cloud.store.find(COLLECTIONS.orders, { batchId })
        const { quantity } = progressFromOrders(minimum, members)
        expect(quantity).toBeGreaterThanOrEqual(minimum)
        expect(quantity).toBeLessThan(minimum + ORDERS_AT_ONCE)
        units += quantity
        for (const order of members.filter((o) => ids.includes(o._id))) {
          expect([order.node, order.balance?.state]).toEqual(['submitted', 'unpaid'])
          const audit = await env.cloud.store.find(COLLECTIONS.orderAudit, { orderId: order._id })
          expect(audit.filter((row) => row.event === 'batch_reached')).toHaveLength(1)
        }
      }
      // The batch collecting now: none released, and its shards' sum equal to a recount of its
      // orders; with the batches moved on, every unit placed.
      const collecting = await env.cloud.store.find(COLLECTIONS.orders, {
        batchId: batches[batches.length - 1],
      })
      expect(collecting.filter((order) => order.balance || order.node !== 'submitted')).toEqual([])
      expect(state?.quantity).toBe(progressFromOrders(minimum, collecting).quantity)
      expect(units + state!.quantity).toBe(already + ORDERS)
    }, ORDERS_AT_ONCE),
  // Each order also writes the linen's material document, so the 60 commit one after another.
  WORKLOAD_TIMEOUT_MS,
)

test.each(rounds)('50 concurrent orders against scarce stock never oversell (round %i)', () =>
  race(async () => {
    // A fresh material only the filter uses: 2 per order, stock for CAPACITY orders and one unit over.
    const CAPACITY = 4 + (runs % 3)
    const saved = await call(
      env,
      'merchant',
      'saveMaterial',
      {
        name: `限量滤芯外壳${runs}`,
        unit: '个',
        safetyLevel: 1,
        quantity: CAPACITY * 2 + 1,
        usage: [{ productId: 'prod_filter', perUnit: 1 }],
      },
      merchant,
    )
    expect(saved.ok).toBe(true)
    const materialId: string = saved.data.material.id
    const results = await together((index) =>
      call(
        env,
        'order',
        'create',
        createPayload({
          requestId: rid('stock'),
          productId: 'prod_filter',
          selection: filterSelection(),
        }),
        index % 2 ? consumerA : consumerB,
      ),
    )
    const placed = results.filter((result) => result.ok)
    const refused = results.filter((result) => !result.ok)
    contended += refused.filter((result) => result.code === 'CONFLICT').length
    expect(refused.filter((r) => r.code !== 'OUT_OF_STOCK' && r.code !== 'CONFLICT')).toEqual([])
    // Every refusal but contention means the stock ran out: then all of it is reserved.
    if (refused.every((result) => result.code === 'OUT_OF_STOCK'))
      expect(placed).toHaveLength(CAPACITY)
    expect(placed.length).toBeLessThanOrEqual(CAPACITY)
    const stock = await materialView(env.cloud, materialId)
    expect(stock.reserved).toBe(placed.length * 2)
    expect(stock.available).toBeGreaterThanOrEqual(0)
    await expectStockNeverOversold(env.cloud)
    const held = await env.cloud.store.find(COLLECTIONS.stockReservations, {
      materialId,
      status: 'held',
    })
    expect(new Set(held.map((row) => row.orderId))).toEqual(
      new Set(placed.map((result) => result.data.order._id)),
    )
    // Restocked afterwards, so this material never limits the next round.
    const restocked = await call(
      env,
      'merchant',
      'adjustStock',
      { materialId, delta: 1000, reason: 'restock' },
      merchant,
    )
    expect(restocked.ok).toBe(true)
  }),
)

/** Calls like the app: a CONFLICT (contention, never INTERNAL) is retried as it was. */
async function retryingConflicts(send: () => ReturnType<typeof call>) {
  for (let attempt = 1; ; attempt += 1) {
    const result = await send()
    if (result.ok || result.code !== 'CONFLICT' || attempt === 20) return result
    contended += 1
  }
}

test.each(rounds)(
  '50 different orders confirmed at once: every one moves, counters equal a recount (round %i)',
  (round) =>
    race(async () => {
      // Fifty customers, one paid order each (one customer may hold only a few open orders).
      const ids: string[] = []
      for (let index = 0; index < CONCURRENCY; index += 1) {
        const owner = `o_race_counter_${round}_${index}`
        const placed = await call(
          env,
          'order',
          'create',
          createPayload({ requestId: rid('count') }),
          owner,
        )
        expect(placed.ok).toBe(true)
        await payOrder(env, placed.data.order._id, owner)
        ids.push(placed.data.order._id)
      }
      // The same two nodes, so every transaction changes the same two counter keys.
      const results = await together((index) =>
        retryingConflicts(() =>
          call(env, 'order', 'act', { orderId: ids[index], event: 'confirm' }, merchant),
        ),
      )
      expect(results.filter((result) => !result.ok)).toEqual([])
      const stored = await env.cloud.store.find(COLLECTIONS.orders, { _id: { $in: ids } })
      expect(stored.every((order) => order.node === 'confirmed')).toBe(true)
      await expectCountersMatchOrders(env.cloud)
    }),
)

test.each(rounds)(
  "one customer's 3 urgent orders cancelled in parallel: each once, slots and stock back (round %i)",
  () =>
    race(async () => {
      const now = chinaDaytimeToday() // one China day for the whole round
      env.cloud.clock.set(now)
      try {
        const quotaId = urgentQuotaId('prod_shirt', chinaDateOf(now))
        const urgentCount = async () =>
          (await env.cloud.store.find(COLLECTIONS.urgentQuotas, { _id: quotaId }))[0]?.count ?? 0
        const shirtMaterials = async () =>
          Object.fromEntries(
            (await stockView(env.cloud))
              .filter((m) => m.usage.some((u) => u.productId === 'prod_shirt'))
              .map((m) => [m.id, { quantity: m.quantity, reserved: m.reserved }]),
          )
        const quotaBefore = await urgentCount()
        const stockBefore = await shirtMaterials()
        expect(Object.keys(stockBefore).sort()).toEqual(['mat_buttons', 'mat_shirting'])
        // The demo shirt takes 3 urgent orders a day: all of them, one customer.
        const ids: string[] = []
        for (let index = 0; index < 3; index += 1) {
          const placed = await call(
            env,
            'order',
            'create',
            createPayload({ selection: shirtSelection({ urgent: true }) }),
            consumerA,
          )
          expect(placed).toMatchObject({
            ok: true,
            data: { order: { quote: { urgent: { applied: true } } } },
          })
          ids.push(placed.data.order._id)
        }
        expect(await urgentCount()).toBe(quotaBefore + 3)
        // They share the counter and the shirt's materials: the cancels' writes collide.
        const results = await Promise.all(
          ids.map((orderId) =>
            retryingConflicts(() =>
              call(env, 'order', 'act', { orderId, event: 'cancel' }, consumerA),
            ),
          ),
        )
        expect(results.filter((result) => !result.ok)).toEqual([])
        for (const orderId of ids) {
          const [order] = await env.cloud.store.find(COLLECTIONS.orders, { _id: orderId })
          expect(order).toMatchObject({ node: 'cancelled', version: 2 })
          const audit = await env.cloud.store.find(COLLECTIONS.orderAudit, { orderId })
          expect(audit.map((row) => row.event)).toEqual(['cancel'])
          const held = await env.cloud.store.find(COLLECTIONS.stockReservations, { orderId })
          expect(held.length).toBeGreaterThan(0)
          expect(held.every((row) => row.status === 'released')).toBe(true)
        }
        expect(await urgentCount()).toBe(quotaBefore)
        expect(await shirtMaterials()).toEqual(stockBefore)
        await expectStockNeverOversold(env.cloud)
      } finally {
        env.cloud.clock.set(null)
      }
    }, 3),
)

test.each(rounds)(
  'a new customer’s 50 first views racing the switch off: it stays off, every counted view has its event (round %i)',
  (round) =>
    race(async () => {
      const openid = `o_race_views_${round}_${Date.now().toString(36)}`
      const view = () => call(env, 'catalog', 'get', { productId: 'prod_shirt' }, openid)
      const [results, switched] = await Promise.all([
        together(view),
        call(env, 'user', 'setPersonalisation', { personalised: false }, openid),
      ])
      // A view never fails for its recording; the switch may meet contention and is retried.
      expect(results.every((result) => result.ok)).toBe(true)
      const off = switched.ok
        ? switched
        : await call(env, 'user', 'setPersonalisation', { personalised: false }, openid)
      expect(off).toMatchObject({ ok: true, data: { personalised: false } })
      const [preference] = await env.cloud.store.find(COLLECTIONS.preferences, { _id: openid })
      const events = await env.cloud.store.find(COLLECTIONS.behaviourEvents, {
        ownerOpenid: openid,
      })
      expect(preference.personalised).toBe(false)
      expect(preference.views.prod_shirt ?? 0).toBe(events.length)
      // Off: later views write nothing.
      await view()
      expect(
        await env.cloud.store.find(COLLECTIONS.behaviourEvents, { ownerOpenid: openid }),
      ).toHaveLength(events.length)
    }, CONCURRENCY + 1),
)

// Launch day (issue 21, goal 1): BURST orders of the shirt at once, each from its own customer
// (one may hold only a few open orders), retried on CONFLICT like the app. Every one is placed,
// the stock is never oversold and the counters equal a recount. Once, not per round: it is long.
const BURST = Number(process.env.RACE_BURST ?? 500)
/** 500 took 63 s here with the stock in shards, and 339 s on one material document before. */
const BURST_TIMEOUT_MS = 300_000
test(
  `${BURST} orders of one product at once from distinct customers: all placed, never oversold`,
  () =>
    race(async () => {
      // Stock for every one of them, whatever the rounds before took.
      for (const [materialId, perUnit] of [
        ['mat_shirting', 2],
        ['mat_buttons', 10],
      ] as const) {
        const payload = { materialId, delta: BURST * perUnit, reason: 'restock' }
        expect(await call(env, 'merchant', 'adjustStock', payload, merchant)).toMatchObject({
          ok: true,
        })
      }
      const payloads = Array.from({ length: BURST }, () =>
        createPayload({ requestId: rid('burst') }),
      )
      const started = Date.now()
      const results = await Promise.all(
        payloads.map((payload, index) =>
          retryingConflicts(() => call(env, 'order', 'create', payload, `o_race_burst_${index}`)),
        ),
      )
      report(`${BURST} orders of one product at once: ${Date.now() - started} ms`)
      expect(results.filter((result) => !result.ok)).toEqual([])
      await expectStockNeverOversold(env.cloud)
      await expectCountersMatchOrders(env.cloud)
    }, BURST),
  BURST_TIMEOUT_MS,
)
