// The visit function on the local cloud (docs/visits.md): a curtain ordered with 上门测量安装 is
// booked, auto-assigned, reassigned, set out for, reported with sizes and photos, confirmed and
// rated; every action's refusals write nothing. Round trips of book and assign are pinned.
import { addDays, chinaDateOf, weekdayOf, type ChinaDate } from '@/domain/china-date'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { slotClaimIds } from '@/domain/visit-assign'
import { weekdayAhead } from '../helpers/visit-days'
import { callerFor, consumerA, consumerB, merchant, useDemoCloud } from '../helpers/demo-cloud'
import { customerPhotos } from '../helpers/photos'
import { createPayload, curtainSelection, makeClient, rid } from './order-helpers'

const env = useDemoCloud()
const visit = callerFor(env, FUNCTIONS.visit)
const profile = callerFor(env, FUNCTIONS.profile)
const zhang = 'o_demo_staff'
const li = 'o_demo_staff_li'
afterEach(() => env.cloud.clock.set(null))

/** Weekdays from five days ahead, one per test: 张师傅 (09–18) and 李师傅 (10–20) both work. */
const weekdaysAhead = (count: number): ChinaDate[] => {
  const days: ChinaDate[] = []
  for (let date = addDays(chinaDateOf(new Date()), 5); days.length < count; date = addDays(date, 1))
    if (weekdayOf(date) !== 0 && weekdayOf(date) !== 6) days.push(date)
  return days
}
const DAYS = weekdaysAhead(6)
let DAY = DAYS[0]
let testIndex = 0
beforeEach(() => {
  DAY = DAYS[testIndex % DAYS.length]
  testIndex += 1
})
const at = (date: ChinaDate, time: string) => `${date}T${time}:00+08:00`

async function curtainOrder(openid = consumerA): Promise<string> {
  const client = makeClient(env)
  const order = await client.create(openid, {
    productId: 'prod_curtain',
    selection: curtainSelection(),
  })
  return order._id
}

const rows = (collection: string, filter: object = {}) => env.cloud.store.find(collection, filter)
/** What a refusal must leave as it was. */
const snapshot = async () =>
  JSON.stringify(
    await Promise.all(
      [COLLECTIONS.visits, COLLECTIONS.slotClaims, COLLECTIONS.visitAudit, COLLECTIONS.orders].map(
        (name) => rows(name),
      ),
    ),
  )

/** Calls an action and counts its database round trips (docs/actions.md states them). */
async function counted(action: string, payload: unknown, openid: string | null) {
  const { result, roundTrips } = await env.cloud.invokeCounted(
    FUNCTIONS.visit,
    { action, payload },
    openid,
  )
  return { result: result as { ok: boolean; data?: any }, roundTrips } // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function book(orderId: string, time: string, kind = 'measuring', openid = consumerA) {
  return visit('book', { orderId, kind, start: at(DAY, time), requestId: rid('visit') }, openid)
}

describe('visit.windows and visit.book', () => {
  test('offers the district’s open windows, books one and assigns it automatically', async () => {
    const orderId = await curtainOrder()
    const windows = await visit('windows', { orderId, kind: 'measuring', date: DAY }, consumerA)
    expect(windows.ok).toBe(true)
    const starts = windows.data.windows.map((w: { window: { start: string } }) => w.window.start)
    expect(starts[0]).toBe(new Date(at(DAY, '09:00')).toISOString())
    expect(windows.data.windows[0].staffCount).toBe(1) // 李师傅 starts at 10:00

    const requestId = rid('visit')
    // The place the customer pinned on the map (chooseLocation): stored for the staff's 导航.
    const location = { latitude: 31.2304, longitude: 121.4737, name: '人民广场' }
    const payload = { orderId, kind: 'measuring', start: at(DAY, '09:00'), requestId, location }
    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.visit,
      { action: 'book', payload },
      consumerA,
    )
    expect(result).toMatchObject({
      ok: true,
      data: { assigned: true, visit: { node: 'scheduled', staffName: '张师傅', version: 2 } },
    })
    // order, visit, product, the order's visits, 3 for the day; create (start, get, set, commit);
    // assign (start, visit, 5 claim gets, 5 claim sets, visit set, audit add, commit).
    expect(roundTrips).toBe(26)
    const id = (result as { data: { visit: { id: string } } }).data.visit.id
    expect(result).toMatchObject({ data: { visit: { location } } })
    expect(await rows(COLLECTIONS.visits, { _id: id })).toMatchObject([{ location }])
    expect(await rows(COLLECTIONS.slotClaims, { visitId: id })).toHaveLength(5)
    expect(await rows(COLLECTIONS.visitAudit, { visitId: id })).toHaveLength(1)

    // A retry after a lost answer returns the visit as it is and writes nothing.
    const before = await snapshot()
    const again = await visit('book', payload, consumerA)
    expect(again).toMatchObject({ ok: true, data: { visit: { id, version: 2 } } })
    expect(await snapshot()).toBe(before)
    // One open visit per order and kind.
    await expect(book(orderId, '14:00')).resolves.toMatchObject({ code: 'VISIT_BOOKED' })
    expect(await snapshot()).toBe(before)
  })

  test('refuses what the order does not include, others’ orders and closed windows', async () => {
    const orderId = await curtainOrder()
    const shirt = await makeClient(env).create(consumerA, createPayload())
    const before = await snapshot()
    await expect(book(orderId, '09:00', 'measuring', consumerB)).resolves.toMatchObject({
      code: 'NOT_FOUND',
    })
    await expect(book(shirt._id, '09:00')).resolves.toMatchObject({ code: 'NO_VISIT_SERVICE' })
    await expect(book(orderId, '09:00', 'repairing')).resolves.toMatchObject({
      code: 'NO_VISIT_SERVICE',
    })
    await expect(book(orderId, '03:00')).resolves.toMatchObject({ code: 'WINDOW_CLOSED' })
    // A working day past the 30-day horizon: the windows offer nothing, and book says so too.
    const far = weekdayAhead(31)
    const farStart = { orderId, kind: 'measuring', start: at(far, '10:00'), requestId: rid() }
    await expect(visit('book', farStart, consumerA)).resolves.toMatchObject({
      code: 'WINDOW_CLOSED',
    })
    await expect(book(orderId, '09:00', 'measuring', null as never)).resolves.toMatchObject({
      code: 'UNAUTHENTICATED',
    })
    const bad = await visit(
      'book',
      { orderId, kind: 'measuring', start: '2026-01-01 09:00', requestId: rid() },
      consumerA,
    )
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', field: 'start' })
    expect(bad.message).toMatch(/时区/)
    // A pinned place must be numbers within China's rough bounds (New York, a string, a pole).
    for (const location of [
      { latitude: 40.7128, longitude: -74.006 },
      { latitude: '31.2', longitude: 121.47 },
      { latitude: 90, longitude: 121.47 },
      { latitude: 31.2, longitude: 121.47, name: 'x'.repeat(51) },
    ]) {
      const start = at(DAY, '10:00')
      const payload = { orderId, kind: 'measuring', start, requestId: rid(), location }
      await expect(visit('book', payload, consumerA)).resolves.toMatchObject({
        code: 'INVALID_INPUT',
      })
    }
    await expect(
      visit('windows', { orderId, kind: 'measuring', date: DAY }, consumerB),
    ).resolves.toMatchObject({ code: 'NOT_FOUND' })
    expect(await snapshot()).toBe(before)
  })
})

describe('the owner’s dispatch and assignment', () => {
  test('dispatch explains the choice; assign reassigns, refuses clashes and stale versions', async () => {
    const orderId = await curtainOrder()
    const booked = await book(orderId, '11:00')
    expect(booked.data.visit.staffName).toBe('李师傅') // both free, equal load: the lower id
    const id = booked.data.visit.id

    // A visit nobody took (written as the timer's missed would leave it).
    const waiting = { ...booked.data.visit }
    const [stored] = await rows(COLLECTIONS.visits, { _id: id })
    await env.cloud.store.insertMany(COLLECTIONS.visits, [
      {
        ...stored,
        _id: `${id}_w`,
        requestId: 'waiting',
        node: 'requested',
        staffId: null,
        staffName: null,
        window: { start: new Date(at(DAY, '15:00')), end: new Date(at(DAY, '17:00')) },
      },
    ])
    void waiting
    const dispatch = await visit('dispatch', { date: DAY }, merchant)
    expect(dispatch.ok).toBe(true)
    const item = dispatch.data.items.find(
      (i: { visit: { id: string } }) => i.visit.id === `${id}_w`,
    )
    expect(item.assignment.choice.explanation).toMatch(/会测量，负责徐汇区，当天 \d 单/)
    expect(item.assignment.rejected.map((r: { explanation: string }) => r.explanation)).toContain(
      '青木（店主）：不负责徐汇区',
    )
    for (const caller of [consumerA, zhang])
      await expect(visit('dispatch', { date: DAY }, caller)).resolves.toMatchObject({
        code: 'FORBIDDEN',
      })

    const before = await snapshot()
    const refusals: [unknown, string][] = [
      [{ visitId: id, staffId: 'staff_owner', expectedVersion: 2 }, 'STAFF_UNAVAILABLE'],
      [{ visitId: id, staffId: 'staff_nobody', expectedVersion: 2 }, 'NOT_FOUND'],
      [{ visitId: id, staffId: 'staff_zhang', expectedVersion: 1 }, 'CONFLICT'],
      [{ visitId: 'vis_none', expectedVersion: 1 }, 'NOT_FOUND'],
    ]
    for (const [payload, code] of refusals)
      await expect(visit('assign', payload, merchant)).resolves.toMatchObject({ ok: false, code })
    await expect(
      visit('assign', { visitId: id, staffId: 'staff_zhang', expectedVersion: 2 }, consumerA),
    ).resolves.toMatchObject({ code: 'FORBIDDEN' })
    expect(await snapshot()).toBe(before)

    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.visit,
      { action: 'assign', payload: { visitId: id, staffId: 'staff_zhang', expectedVersion: 2 } },
      merchant,
    )
    expect(result).toMatchObject({ ok: true, data: { visit: { staffName: '张师傅', version: 3 } } })
    // merchant check, visit, 3 for the day; then start, visit, 5 claim gets, 5 removes of
    // 李师傅's claims, 5 sets, visit set, audit add, commit.
    expect(roundTrips).toBe(25)
    const claims = await rows(COLLECTIONS.slotClaims, { visitId: id })
    expect(claims.map((c) => c._id).sort()).toEqual(
      slotClaimIds('staff_zhang', {
        start: new Date(at(DAY, '11:00')),
        end: new Date(at(DAY, '13:00')),
      }).sort(),
    )

    // The waiting 15:00 visit may not go to 张师傅 at 12:00–14:00 of another: it clashes.
    const other = await book(await curtainOrder(), '12:00')
    expect(other.data.visit.staffName).toBe('李师傅')
    await expect(
      visit(
        'assign',
        { visitId: other.data.visit.id, staffId: 'staff_zhang', expectedVersion: 2 },
        merchant,
      ),
    ).resolves.toMatchObject({ code: 'STAFF_UNAVAILABLE' })
  })
})

describe('a visit from booking to rating', () => {
  test('staff tasks, set out, arrive, report once; the customer confirms the sizes and rates', async () => {
    const orderId = await curtainOrder()
    const booked = await book(orderId, '09:00')
    const id = booked.data.visit.id
    expect(booked.data.visit.staffName).toBe('张师傅')
    const trips: Record<string, number> = {}
    const mine = await counted('mine', { orderId }, consumerA)
    expect(mine.result).toMatchObject({
      ok: true,
      data: {
        visits: [{ id, events: ['reschedule', 'cancel'] }],
        // What the visit page books and how it labels the reported sizes.
        order: {
          productName: '全遮光定制窗帘',
          kinds: ['measuring', 'installing'],
          sizes: [
            { id: 'width', label: expect.any(String), unit: 'cm' },
            { id: 'height', label: expect.any(String), unit: 'cm' },
          ],
        },
      },
    })
    trips.mine = mine.roundTrips
    await expect(visit('mine', { orderId }, consumerB)).resolves.toMatchObject({
      ok: true,
      data: { visits: [], order: null },
    })
    await expect(visit('mine', {}, consumerA)).resolves.toMatchObject({ data: { order: null } })

    const counting = await counted('tasks', { date: DAY }, zhang)
    trips.tasks = counting.roundTrips
    const tasks = counting.result
    const task = tasks.data.items.find((i: { visit: { id: string } }) => i.visit.id === id)
    expect(task.order).toMatchObject({ productName: '全遮光定制窗帘', contact: { name: '林晓' } })
    expect(task.visit.events).toEqual([]) // sets out only on the day
    await expect(visit('tasks', {}, consumerA)).resolves.toMatchObject({ code: 'FORBIDDEN' })

    await expect(
      visit('act', { visitId: id, event: 'set_out', expectedVersion: 2 }, zhang),
    ).resolves.toMatchObject({ code: 'INVALID_TRANSITION' })
    env.cloud.clock.set(new Date(at(DAY, '08:30')))
    await expect(
      visit('act', { visitId: id, event: 'set_out', expectedVersion: 2 }, li),
    ).resolves.toMatchObject({ code: 'NOT_FOUND' })
    const setOut = await counted(
      'act',
      { visitId: id, event: 'set_out', expectedVersion: 2 },
      zhang,
    )
    expect(setOut.result).toMatchObject({
      ok: true,
      data: { already: false, visit: { node: 'on_the_way' } },
    })
    trips.act = setOut.roundTrips
    await expect(
      visit('act', { visitId: id, event: 'arrive', expectedVersion: 3 }, zhang),
    ).resolves.toMatchObject({ ok: true, data: { visit: { node: 'arrived' } } })
    // set_out sent again from the basement after its answer was lost: shown as done.
    await expect(
      visit('act', { visitId: id, event: 'set_out', expectedVersion: 2 }, zhang),
    ).resolves.toMatchObject({ ok: true, data: { already: true, visit: { node: 'arrived' } } })

    const report = {
      visitId: id,
      reportId: `report-${rid()}`.slice(0, 40).padEnd(16, 'x'),
      measurements: { width: 312.5, height: 268 },
      photos: customerPhotos(zhang, 2),
      note: '飘窗，左侧有暖气片',
    }
    const before = await snapshot()
    const refusals: [unknown, string, string][] = [
      [{ ...report, photos: customerPhotos(consumerA) }, zhang, 'INVALID_INPUT'],
      [{ ...report, measurements: { chest: 90 } }, zhang, 'INVALID_INPUT'],
      [{ ...report, measurements: { width: 9000 } }, zhang, 'INVALID_INPUT'],
      [{ ...report, measurements: {} }, zhang, 'INVALID_INPUT'],
      [{ ...report, reportId: 'short' }, zhang, 'INVALID_INPUT'],
      [report, li, 'NOT_FOUND'],
      [report, consumerA, 'FORBIDDEN'],
    ]
    for (const [payload, openid, code] of refusals)
      await expect(visit('report', payload, openid)).resolves.toMatchObject({ ok: false, code })
    await expect(visit('confirmSizes', { visitId: id }, consumerA)).resolves.toMatchObject({
      code: 'NO_SIZES',
    })
    await expect(
      visit('rate', { visitId: id, punctuality: 5, professionalism: 5 }, consumerA),
    ).resolves.toMatchObject({ code: 'INVALID_TRANSITION' })
    expect(await snapshot()).toBe(before)

    const sent = await counted('report', report, zhang)
    expect(sent.result).toMatchObject({
      ok: true,
      data: { already: false, visit: { node: 'done' } },
    })
    trips.report = sent.roundTrips
    const resent = await counted('report', report, zhang)
    expect(resent.result).toMatchObject({
      ok: true,
      data: { already: true, visit: { version: 5 } },
    })
    trips['report (resent)'] = resent.roundTrips
    expect(await rows(COLLECTIONS.visitReports, { visitId: id })).toHaveLength(1)
    expect(await rows(COLLECTIONS.slotClaims, { visitId: id })).toHaveLength(0)

    // Sizes: a profile needs the consent (refused, nothing written), then both at once.
    const beforeConsent = await snapshot()
    await expect(
      visit('confirmSizes', { visitId: id, profileName: '客厅窗户' }, consumerA),
    ).resolves.toMatchObject({ code: 'CONSENT_REQUIRED' })
    await expect(visit('confirmSizes', { visitId: id }, consumerB)).resolves.toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(await snapshot()).toBe(beforeConsent)
    await profile('consent', { granted: true }, consumerA)
    const confirming = await counted(
      'confirmSizes',
      { visitId: id, profileName: '客厅窗户' },
      consumerA,
    )
    trips['confirmSizes (with a profile)'] = confirming.roundTrips
    const confirmed = confirming.result
    expect(confirmed).toMatchObject({ ok: true })
    expect(confirmed.data.profileId).toEqual(expect.any(String))
    const [order] = await rows(COLLECTIONS.orders, { _id: orderId })
    expect(order.selection.measurements).toEqual({ width: 312.5, height: 268 })
    expect(order.productSnapshot.details).toContainEqual(
      expect.objectContaining({ value: expect.stringContaining('312.5') }),
    )
    const [saved] = await rows(COLLECTIONS.measurementProfiles, { _id: confirmed.data.profileId })
    expect(saved).toMatchObject({ kind: 'window', values: { width: 312.5, height: 268 } })

    const rating = { visitId: id, punctuality: 5, professionalism: 4 }
    await expect(visit('rate', { ...rating, punctuality: 6 }, consumerA)).resolves.toMatchObject({
      code: 'INVALID_INPUT',
    })
    await expect(visit('rate', rating, consumerB)).resolves.toMatchObject({ code: 'NOT_FOUND' })
    const rated = await counted('rate', rating, consumerA)
    expect(rated.result).toMatchObject({
      ok: true,
      data: { visit: { rating: { punctuality: 5, professionalism: 4 } } },
    })
    trips.rate = rated.roundTrips
    await expect(visit('rate', rating, consumerA)).resolves.toMatchObject({
      code: 'ALREADY_RATED',
    })
    expect(trips).toEqual({
      // the visits, and the order then its product alongside
      mine: 3,
      // staff row, the day's visits, their orders, and the measured product's sizes
      tasks: 4,
      // staff row; the transaction: visit, the queued 预约提醒 it may withdraw (setting out on the
      // visit's day), visit set, audit row, commit
      act: 7,
      report: 16,
      'report (resent)': 8,
      'confirmSizes (with a profile)': 12,
      rate: 4,
    })
  })
})

describe('a repair visit', () => {
  test('needs the order’s accepted after-sales repair', async () => {
    const delivered = await makeClient(env).deliveredShirt(consumerA)
    const asked = await callerFor(env, FUNCTIONS.order)(
      'requestAfterSales',
      {
        orderId: delivered,
        requestId: rid(),
        kind: 'repair',
        reason: '使用中损坏',
        note: '轨道滑轮坏了',
        photos: customerPhotos(consumerA),
      },
      consumerA,
    )
    expect(asked).toMatchObject({ ok: true })
    const afterSalesId = asked.data.request._id
    const payload = {
      orderId: delivered,
      kind: 'repairing',
      start: at(DAY, '09:00'),
      requestId: rid('repair'),
      afterSalesId,
    }
    // Not yet accepted by the shop.
    await expect(visit('book', payload, consumerA)).resolves.toMatchObject({
      code: 'NO_VISIT_SERVICE',
    })
    const merchantCall = callerFor(env, FUNCTIONS.merchant)
    const decided = await merchantCall(
      'decideAfterSales',
      { afterSalesId, decision: 'accept', plan: '上门维修', days: 3 },
      merchant,
    )
    expect(decided).toMatchObject({ ok: true })
    await expect(visit('book', payload, consumerA)).resolves.toMatchObject({
      ok: true,
      data: { visit: { kind: 'repairing', afterSalesId, staffName: '张师傅' } },
    })
  })
})

describe('reschedule and cancel', () => {
  test('the customer moves the visit to another open window, then cancels it; the claims follow', async () => {
    const orderId = await curtainOrder()
    const booked = await book(orderId, '09:00', 'installing')
    expect(booked).toMatchObject({ ok: true, data: { visit: { staffName: '张师傅' } } })
    const id = booked.data.visit.id
    const moved = await visit(
      'reschedule',
      { visitId: id, start: at(DAY, '14:00'), expectedVersion: 2 },
      consumerA,
    )
    expect(moved).toMatchObject({ ok: true, data: { visit: { node: 'scheduled', version: 3 } } })
    const claims = await rows(COLLECTIONS.slotClaims, { visitId: id })
    expect(claims).toHaveLength(5)
    expect(claims.every((c) => new Date(c.start) >= new Date(at(DAY, '14:00')))).toBe(true)

    const before = await snapshot()
    const refusals: [unknown, string | null, string][] = [
      [{ visitId: id, start: at(DAY, '03:00'), expectedVersion: 3 }, consumerA, 'WINDOW_CLOSED'],
      [{ visitId: id, start: at(DAY, '10:00'), expectedVersion: 2 }, consumerA, 'CONFLICT'],
      [{ visitId: id, start: at(DAY, '10:00'), expectedVersion: 3 }, consumerB, 'NOT_FOUND'],
      [{ visitId: id, start: at(DAY, '10:00'), expectedVersion: 3 }, null, 'UNAUTHENTICATED'],
      // The owner may pick any time, but not one already past.
      [
        { visitId: id, start: '2020-01-06T10:00:00+08:00', expectedVersion: 3 },
        merchant,
        'WINDOW_CLOSED',
      ],
    ]
    for (const [payload, openid, code] of refusals)
      await expect(visit('reschedule', payload, openid)).resolves.toMatchObject({ code })
    await expect(visit('cancel', { visitId: id }, consumerB)).resolves.toMatchObject({
      code: 'NOT_FOUND',
    })
    // Within the shop's notice only the owner may change it.
    env.cloud.clock.set(new Date(at(DAY, '07:00')))
    await expect(visit('cancel', { visitId: id }, consumerA)).resolves.toMatchObject({
      code: 'INVALID_TRANSITION',
    })
    expect(await snapshot()).toBe(before)
    env.cloud.clock.set(null)

    await expect(
      visit('cancel', { visitId: id, expectedVersion: 3 }, consumerA),
    ).resolves.toMatchObject({
      ok: true,
      data: { visit: { node: 'cancelled', events: [] } },
    })
    expect(await rows(COLLECTIONS.slotClaims, { visitId: id })).toHaveLength(0)
    // The cancelled kind may be booked again.
    await expect(book(orderId, '09:00', 'installing')).resolves.toMatchObject({ ok: true })
  })
})
