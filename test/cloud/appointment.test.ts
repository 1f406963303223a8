// appointment: merchant-defined designer slots and consumer bookings, through the built function,
// the unmodified wx-server-sdk and the local cloud on PostgreSQL.
import { MAX_FUTURE_BOOKINGS, type SlotRecord } from '@/domain/appointment'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import {
  callerFor,
  consumerA,
  consumerB,
  merchant,
  useDemoCloud,
  type ActionOf,
} from '../helpers/demo-cloud'

type Action = ActionOf<typeof FUNCTIONS.appointment>
type SlotInput = { startsAt: string; minutes: number; designer: string }

const env = useDemoCloud()
const call = callerFor(env, FUNCTIONS.appointment)

const HOUR = 60 * 60 * 1000
/** An ISO instant `hours` from now, on a whole minute. */
const inHours = (hours: number) =>
  new Date(Math.floor((Date.now() + hours * HOUR) / 60_000) * 60_000).toISOString()
const slots = () => env.cloud.store.find(COLLECTIONS.appointmentSlots, {}) as Promise<SlotRecord[]>

/** Defines slots as the merchant and returns their ids. */
async function define(...batch: SlotInput[]): Promise<string[]> {
  const result = await call('defineSlots', { slots: batch }, merchant)
  expect(result).toMatchObject({ ok: true })
  return result.data.items.map((item: { id: string }) => item.id)
}

/** A slot that already started, written directly (defineSlots refuses those). */
async function insertPastSlot(id: string, bookedBy: string | null = null): Promise<void> {
  const startsAt = new Date(Date.now() - 2 * HOUR)
  await env.cloud.store.insertMany(COLLECTIONS.appointmentSlots, [
    {
      _id: id,
      designer: '历史',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      minutes: 30,
      status: bookedBy ? 'booked' : 'open',
      bookedBy,
      bookedAt: bookedBy ? startsAt : null,
      note: null,
      createdBy: merchant,
      createdAt: startsAt,
    },
  ])
}

describe('defineSlots', () => {
  test('the merchant publishes slots, stored as UTC Dates with their end', async () => {
    const startsAt = inHours(24)
    const result = await call(
      'defineSlots',
      { slots: [{ startsAt, minutes: 45, designer: '  阿青 ' }] },
      merchant,
    )
    expect(result).toMatchObject({
      ok: true,
      data: { items: [{ designer: '阿青', startsAt, minutes: 45, status: 'open' }] },
    })
    const [stored] = await env.cloud.store.find(COLLECTIONS.appointmentSlots, {
      _id: result.data.items[0].id,
    })
    expect(stored.startsAt).toEqual(new Date(startsAt))
    expect(stored.endsAt).toEqual(new Date(Date.parse(startsAt) + 45 * 60_000))
    expect(stored).toMatchObject({ status: 'open', bookedBy: null, createdBy: merchant })
  })

  test('zone offsets are honoured: +08:00 and Z name the same instant', async () => {
    const utc = new Date(Date.parse(inHours(30)))
    const china = new Date(utc.getTime() + 8 * HOUR).toISOString().replace('Z', '+08:00')
    const [id] = await define({ startsAt: china, minutes: 30, designer: '时区' })
    const [stored] = await env.cloud.store.find(COLLECTIONS.appointmentSlots, { _id: id })
    expect(stored.startsAt).toEqual(utc)
  })

  test('the same time for another designer, and back-to-back slots, are fine', async () => {
    const t = inHours(48)
    const back = new Date(Date.parse(t) + 60 * 60_000).toISOString()
    await define(
      { startsAt: t, minutes: 60, designer: '甲' },
      { startsAt: t, minutes: 60, designer: '乙' },
      { startsAt: back, minutes: 30, designer: '甲' },
    )
  })

  test.each<[string, () => SlotInput[], string]>([
    [
      'a past slot in the batch',
      () => [
        { startsAt: inHours(72), minutes: 30, designer: '丙' },
        { startsAt: inHours(-1), minutes: 30, designer: '丙' },
      ],
      'SLOT_PAST',
    ],
    [
      'two overlapping slots of one designer in the batch',
      () => [
        { startsAt: inHours(72), minutes: 60, designer: '丙' },
        { startsAt: inHours(72.5), minutes: 30, designer: '丙' },
      ],
      'SLOT_OVERLAP',
    ],
    [
      'a slot overlapping an existing one of the designer',
      () => [
        { startsAt: inHours(96), minutes: 30, designer: '丙' },
        { startsAt: inHours(48.5), minutes: 60, designer: '甲' },
      ],
      'SLOT_OVERLAP',
    ],
    [
      'a slot beyond the booking horizon',
      () => [{ startsAt: inHours(24 * 400), minutes: 30, designer: '丙' }],
      'INVALID_INPUT',
    ],
  ])('%s: refused with a clear message, nothing written', async (_case, batch, code) => {
    const before = await slots()
    const result = await call('defineSlots', { slots: batch() }, merchant)
    expect(result).toMatchObject({ ok: false, code })
    expect(result.message).toMatch(/第 \d 个时段/)
    expect(await slots()).toEqual(before)
  })

  test('a consumer gets FORBIDDEN and an anonymous caller UNAUTHENTICATED', async () => {
    const before = await slots()
    const payload = { slots: [{ startsAt: inHours(100), minutes: 30, designer: '丁' }] }
    await expect(call('defineSlots', payload, consumerA)).resolves.toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    await expect(call('defineSlots', payload, null)).resolves.toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
    expect(await slots()).toEqual(before)
  })
})

describe('listSlots', () => {
  test('anyone pages through future open slots with a cursor, ties included', async () => {
    const t = inHours(120)
    await define(
      ...['一', '二', '三', '四', '五'].map((designer) => ({ startsAt: t, minutes: 30, designer })),
    )
    await insertPastSlot('slot_past_open')
    const now = Date.now()
    const expected = (await slots())
      .filter((slot) => slot.status === 'open' && slot.startsAt.getTime() > now)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a._id < b._id ? -1 : 1))
      .map((slot) => slot._id)

    const seen: string[] = []
    let after: unknown
    for (let page = 0; page < 50; page += 1) {
      const result = await call('listSlots', { limit: 2, ...(after ? { after } : {}) }, null)
      expect(result.ok).toBe(true)
      seen.push(...result.data.items.map((item: { id: string }) => item.id))
      after = result.data.next
      if (!after) break
    }
    expect(seen).toEqual(expected)
    expect(seen).not.toContain('slot_past_open')
  })
})

describe('book, cancel, mine, bookings', () => {
  test('a consumer books an open slot; a retry is ok; another user finds it taken', async () => {
    const [id] = await define({ startsAt: inHours(150), minutes: 30, designer: '订' })
    const booked = await call('book', { slotId: id, note: '想做西装' }, consumerA)
    expect(booked).toMatchObject({ ok: true, data: { id, status: 'booked', note: '想做西装' } })
    const [stored] = await env.cloud.store.find(COLLECTIONS.appointmentSlots, { _id: id })
    expect(stored).toMatchObject({ status: 'booked', bookedBy: consumerA, note: '想做西装' })
    expect(stored.bookedAt).toBeInstanceOf(Date)

    await expect(call('book', { slotId: id }, consumerA)).resolves.toMatchObject({ ok: true })
    const taken = await call('book', { slotId: id }, consumerB)
    expect(taken).toMatchObject({ ok: false, code: 'SLOT_TAKEN' })
    expect(taken.message).toMatch(/已被预约/)
    expect((await env.cloud.store.find(COLLECTIONS.appointmentSlots, { _id: id }))[0]).toEqual(
      stored,
    )

    const listed = await call('listSlots', { limit: 50 }, null)
    expect(listed.data.items.map((item: { id: string }) => item.id)).not.toContain(id)
  })

  test('past, missing and anonymous bookings are refused', async () => {
    await insertPastSlot('slot_past_book')
    const before = await slots()
    await expect(call('book', { slotId: 'slot_past_book' }, consumerB)).resolves.toMatchObject({
      ok: false,
      code: 'SLOT_PAST',
    })
    await expect(call('book', { slotId: 'no_such_slot' }, consumerB)).resolves.toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    await expect(call('book', { slotId: 'slot_past_book' }, null)).resolves.toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
    expect(await slots()).toEqual(before)
  })

  test(`a user holds at most ${MAX_FUTURE_BOOKINGS} future bookings`, async () => {
    const openid = 'o_booking_limit'
    const ids = await define(
      ...Array.from({ length: MAX_FUTURE_BOOKINGS + 1 }, (_, i) => ({
        startsAt: inHours(200 + i),
        minutes: 30,
        designer: '限',
      })),
    )
    for (const id of ids.slice(0, MAX_FUTURE_BOOKINGS))
      await expect(call('book', { slotId: id }, openid)).resolves.toMatchObject({ ok: true })
    const refused = await call('book', { slotId: ids[MAX_FUTURE_BOOKINGS] }, openid)
    expect(refused).toMatchObject({ ok: false, code: 'BOOKING_LIMIT' })
    const [last] = await env.cloud.store.find(COLLECTIONS.appointmentSlots, {
      _id: ids[MAX_FUTURE_BOOKINGS],
    })
    expect(last.status).toBe('open')
    // A retry of a held booking is still ok; a past booking does not count towards the limit.
    await expect(call('book', { slotId: ids[0] }, openid)).resolves.toMatchObject({ ok: true })
    await insertPastSlot('slot_past_held', openid)
    await expect(call('cancel', { slotId: ids[0] }, openid)).resolves.toMatchObject({ ok: true })
    await expect(call('book', { slotId: ids[MAX_FUTURE_BOOKINGS] }, openid)).resolves.toMatchObject(
      { ok: true },
    )
  })

  test('another consumer cannot cancel a booking; the booker and the merchant can', async () => {
    const [first, second] = await define(
      { startsAt: inHours(300), minutes: 30, designer: '退' },
      { startsAt: inHours(301), minutes: 30, designer: '退' },
    )
    await call('book', { slotId: first }, consumerA)
    await call('book', { slotId: second }, consumerA)

    const before = await slots()
    const byOther = await call('cancel', { slotId: first }, consumerB)
    expect(byOther).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    await expect(call('cancel', { slotId: first }, null)).resolves.toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
    expect(await slots()).toEqual(before)

    await expect(call('cancel', { slotId: first }, consumerA)).resolves.toMatchObject({
      ok: true,
      data: { id: first, status: 'open' },
    })
    await expect(call('cancel', { slotId: second }, merchant)).resolves.toMatchObject({
      ok: true,
      data: { id: second, status: 'open' },
    })
    for (const id of [first, second]) {
      const [stored] = await env.cloud.store.find(COLLECTIONS.appointmentSlots, { _id: id })
      expect(stored).toMatchObject({ status: 'open', bookedBy: null, bookedAt: null, note: null })
    }
    // Cancelling again (a retry) is ok and writes nothing; the slot can be booked again.
    const settled = await slots()
    await expect(call('cancel', { slotId: first }, consumerA)).resolves.toMatchObject({ ok: true })
    expect(await slots()).toEqual(settled)
    await expect(call('book', { slotId: first }, consumerB)).resolves.toMatchObject({ ok: true })
  })

  test('a booking about the caller’s own order carries it; another’s order is NOT_FOUND', async () => {
    // A booker of their own: consumerA's earlier bookings would add the limit's re-reads.
    const booker = 'o_appt_linked'
    await env.cloud.store.insertMany(COLLECTIONS.orders, [
      {
        _id: 'order_appt_linked',
        ownerOpenid: booker,
        orderNo: 'A20260101',
        productSnapshot: { name: '窗帘' },
      },
    ])
    const [mineId, otherId] = await define(
      { startsAt: inHours(350), minutes: 30, designer: '单' },
      { startsAt: inHours(351), minutes: 30, designer: '单' },
    )
    const before = await slots()
    const refused = await call('book', { slotId: otherId, orderId: 'order_appt_linked' }, consumerB)
    expect(refused).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '没有找到这个订单' })
    expect(await slots()).toEqual(before)

    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.appointment,
      { action: 'book', payload: { slotId: mineId, orderId: 'order_appt_linked' } },
      booker,
    )
    const linked = { orderId: 'order_appt_linked', orderNo: 'A20260101', productName: '窗帘' }
    expect(result).toMatchObject({ ok: true, data: linked })
    // docs/actions.md: book's 5 (+2) and the order get.
    expect(roundTrips).toBe(8)
    const mine = await call('mine', undefined, booker)
    expect(mine.data.items).toContainEqual(expect.objectContaining({ id: mineId, ...linked }))
    // Cancelled, the slot forgets the order.
    await call('cancel', { slotId: mineId }, booker)
    const [freed] = await env.cloud.store.find(COLLECTIONS.appointmentSlots, { _id: mineId })
    expect(freed).toMatchObject({ orderId: null, orderNo: null, productName: null })
  })

  test('a booking that has started can no longer be cancelled', async () => {
    await insertPastSlot('slot_past_cancel', consumerA)
    await expect(call('cancel', { slotId: 'slot_past_cancel' }, consumerA)).resolves.toMatchObject({
      ok: false,
      code: 'SLOT_PAST',
    })
  })

  test('mine lists only the caller’s own bookings, upcoming first, then ended ones', async () => {
    const [id] = await define({ startsAt: inHours(400), minutes: 30, designer: '我的' })
    await call('book', { slotId: id, note: '改裤长' }, 'o_mine')
    await insertPastSlot('slot_past_mine', 'o_mine')
    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.appointment,
      { action: 'mine' },
      'o_mine',
    )
    const mine = result as { data: { items: Record<string, unknown>[] } }
    expect(mine.data.items).toEqual([
      expect.objectContaining({ id, note: '改裤长', status: 'booked' }),
      expect.objectContaining({ id: 'slot_past_mine', designer: '历史' }),
    ])
    // docs/actions.md: the upcoming and the ended bookings, read at once.
    expect(roundTrips).toBe(2)
    expect(mine.data.items[0]).not.toHaveProperty('bookedBy')
    const others = await call('mine', undefined, consumerB)
    expect(others.data.items.map((item: { id: string }) => item.id)).not.toContain(id)
    await expect(call('mine', undefined, null)).resolves.toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
  })

  test('the merchant sees who booked what in a range; consumers may not', async () => {
    const [id] = await define({ startsAt: inHours(500), minutes: 30, designer: '查' })
    await call('book', { slotId: id }, consumerB)
    const range = { from: inHours(499), to: inHours(501) }
    await expect(call('bookings', range, merchant)).resolves.toEqual({
      ok: true,
      data: {
        items: [expect.objectContaining({ id, bookedBy: consumerB, designer: '查' })],
        next: null,
      },
    })
    await expect(call('bookings', range, consumerB)).resolves.toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    await expect(
      call('bookings', { from: inHours(0), to: inHours(24 * 32) }, merchant),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    await expect(
      call('bookings', { from: inHours(10), to: inHours(5) }, merchant),
    ).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  test('20 users booking one slot at once: exactly one wins, the rest get SLOT_TAKEN', async () => {
    const [id] = await define({ startsAt: inHours(600), minutes: 60, designer: '抢' })
    const users = Array.from({ length: 20 }, (_, i) => `o_racer_${i}`)
    const results = await Promise.all(users.map((openid) => call('book', { slotId: id }, openid)))
    const winners = results.flatMap((result, i) => (result.ok ? [users[i]] : []))
    expect(winners).toHaveLength(1)
    expect(results.filter((result) => !result.ok).map((result) => result.code)).toEqual(
      Array(19).fill('SLOT_TAKEN'),
    )
    const [stored] = await env.cloud.store.find(COLLECTIONS.appointmentSlots, { _id: id })
    expect(stored).toMatchObject({ status: 'booked', bookedBy: winners[0] })
  })
})

describe('malformed payloads write nothing', () => {
  const good = () => ({ startsAt: inHours(700), minutes: 30, designer: '坏' })
  test.each<[string, Action, () => unknown, string | null]>([
    ['defineSlots: slots is an object', 'defineSlots', () => ({ slots: { $gt: '' } }), merchant],
    ['defineSlots: empty list', 'defineSlots', () => ({ slots: [] }), merchant],
    [
      'defineSlots: 51 slots',
      'defineSlots',
      () => ({
        slots: Array.from({ length: 51 }, (_, i) => ({ ...good(), startsAt: inHours(700 + i) })),
      }),
      merchant,
    ],
    [
      'defineSlots: 10 minutes',
      'defineSlots',
      () => ({ slots: [{ ...good(), minutes: 10 }] }),
      merchant,
    ],
    [
      'defineSlots: 241 minutes',
      'defineSlots',
      () => ({ slots: [{ ...good(), minutes: 241 }] }),
      merchant,
    ],
    [
      'defineSlots: fractional minutes',
      'defineSlots',
      () => ({ slots: [{ ...good(), minutes: 30.5 }] }),
      merchant,
    ],
    [
      'defineSlots: minutes as text',
      'defineSlots',
      () => ({ slots: [{ ...good(), minutes: '30' }] }),
      merchant,
    ],
    [
      'defineSlots: negative minutes',
      'defineSlots',
      () => ({ slots: [{ ...good(), minutes: -30 }] }),
      merchant,
    ],
    [
      'defineSlots: time without a zone',
      'defineSlots',
      () => ({ slots: [{ ...good(), startsAt: '2031-03-01T10:00:00' }] }),
      merchant,
    ],
    [
      'defineSlots: 30 February',
      'defineSlots',
      () => ({ slots: [{ ...good(), startsAt: '2031-02-30T10:00:00Z' }] }),
      merchant,
    ],
    [
      'defineSlots: startsAt as an operator',
      'defineSlots',
      () => ({ slots: [{ ...good(), startsAt: { $gt: '' } }] }),
      merchant,
    ],
    [
      'defineSlots: huge designer',
      'defineSlots',
      () => ({ slots: [{ ...good(), designer: '设'.repeat(100_000) }] }),
      merchant,
    ],
    [
      'defineSlots: 21-character designer',
      'defineSlots',
      () => ({ slots: [{ ...good(), designer: '设'.repeat(21) }] }),
      merchant,
    ],
    [
      'defineSlots: status smuggled in',
      'defineSlots',
      () => ({ slots: [{ ...good(), status: 'booked' }] }),
      merchant,
    ],
    ['listSlots: limit 0', 'listSlots', () => ({ limit: 0 }), null],
    ['listSlots: limit 51', 'listSlots', () => ({ limit: 51 }), null],
    ['listSlots: cursor as an operator', 'listSlots', () => ({ after: { $gt: '' } }), null],
    [
      'listSlots: cursor id as an operator',
      'listSlots',
      () => ({ after: { startsAt: inHours(1), id: { $ne: null } } }),
      null,
    ],
    ['book: slotId as an operator', 'book', () => ({ slotId: { $gt: '' } }), consumerA],
    ['book: slotId as a number', 'book', () => ({ slotId: 7 }), consumerA],
    [
      'book: 101-character note',
      'book',
      () => ({ slotId: 'x', note: '备'.repeat(101) }),
      consumerA,
    ],
    ['book: bookedBy smuggled in', 'book', () => ({ slotId: 'x', bookedBy: consumerB }), consumerA],
    ['cancel: missing slotId', 'cancel', () => ({}), consumerA],
    ['mine: unexpected field', 'mine', () => ({ bookedBy: consumerB }), consumerA],
    [
      'bookings: from as an operator',
      'bookings',
      () => ({ from: { $gt: '' }, to: inHours(1) }),
      merchant,
    ],
  ])('%s -> INVALID_INPUT', async (_case, action, payload, openid) => {
    const before = await slots()
    const result = await call(action, payload(), openid)
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await slots()).toEqual(before)
  })
})
