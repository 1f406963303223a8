// The owner's staff accounts (docs/visits.md → staff): saveStaff with an invite code, joinStaff
// binding the caller's OPENID once, setHours refusing hours that leave a held visit uncovered,
// and the `staff` list; every refusal writes nothing, and each action's round trips are pinned.
import { addDays, chinaDateOf, type ChinaDate } from '@/domain/china-date'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { INVITE_ALPHABET } from '@/domain/visit-staff'
import { weekdayAhead } from '../helpers/visit-days'
import { callerFor, consumerA, merchant, useDemoCloud } from '../helpers/demo-cloud'
import { DEMO_USERS } from '../../tools/seed/demo'

const env = useDemoCloud()
const visit = callerFor(env, FUNCTIONS.visit)
const zhang = DEMO_USERS.find((user) => user.role === 'staff')!.openid
afterEach(() => env.cloud.clock.set(null))

const WANG = {
  name: '王师傅',
  skills: ['measuring'],
  districts: ['徐汇区'],
  weeklyHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
}
const CODE = new RegExp(`^[${INVITE_ALPHABET}]{8}$`)

/** Everything these actions write, to prove a refusal wrote nothing. */
const written = async () =>
  JSON.stringify([
    await env.cloud.store.find(COLLECTIONS.staff),
    await env.cloud.store.find(COLLECTIONS.availability),
  ])

async function added(fields: object = {}): Promise<{ id: string; code: string }> {
  const answer = await visit('saveStaff', { ...WANG, ...fields }, merchant)
  expect(answer).toMatchObject({ ok: true, data: { staff: { joined: false, active: true } } })
  return { id: answer.data.staff.id, code: answer.data.staff.invite.code }
}

/** A visit 张师傅 holds 10:00–12:00 on `date`. */
async function held(date: ChinaDate, id: string) {
  const start = new Date(`${date}T10:00:00+08:00`)
  await env.cloud.store.insertMany(COLLECTIONS.visits, [
    {
      _id: id,
      kind: 'measuring',
      orderId: 'order_none',
      ownerOpenid: consumerA,
      district: '徐汇区',
      window: { start, end: new Date(start.getTime() + 2 * 3600 * 1000) },
      staffId: 'staff_zhang',
      staffName: '张师傅',
      node: 'scheduled',
      version: 2,
      timeline: [],
    },
  ])
}

describe('saveStaff', () => {
  test('a new person gets an invite code and no account; an edit keeps both', async () => {
    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.visit,
      { action: 'saveStaff', payload: WANG },
      merchant,
    )
    // owner check (a merchant), then the row set.
    expect(roundTrips).toBe(2)
    const { staff } = (result as { data: { staff: Record<string, any> } }).data // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(staff).toMatchObject({ name: '王师傅', role: 'staff', joined: false, active: true })
    expect(staff.invite.code).toMatch(CODE)
    expect(staff.days).toHaveLength(14)
    expect(JSON.stringify(result)).not.toContain('openid')
    const [row] = await env.cloud.store.find(COLLECTIONS.staff, { _id: staff.id })
    expect(row.openid).toBe(`invite:${staff.id}`)
    const days = (Date.parse(row.invite.expiresAt) - Date.now()) / 86_400_000
    expect(Math.round(days)).toBe(7)

    const edited = await visit(
      'saveStaff',
      { ...WANG, staffId: staff.id, districts: ['徐汇区', '长宁区'] },
      merchant,
    )
    expect(edited.data.staff).toMatchObject({ districts: ['徐汇区', '长宁区'] })
    expect(edited.data.staff.invite.code).toBe(staff.invite.code)
    const [after] = await env.cloud.store.find(COLLECTIONS.staff, { _id: staff.id })
    expect(after).toMatchObject({ openid: row.openid, role: 'staff' })
  })

  test('a retry with the same request id answers the person it added, not a second one', async () => {
    const before = (await env.cloud.store.find(COLLECTIONS.staff)).length
    const first = await visit('saveStaff', { ...WANG, requestId: 'req_staff_retry' }, merchant)
    const retried = await env.cloud.invokeCounted(
      FUNCTIONS.visit,
      { action: 'saveStaff', payload: { ...WANG, requestId: 'req_staff_retry' } },
      merchant,
    )
    expect(retried.result).toEqual(first)
    // owner check, the add refused on the duplicate id, the row read.
    expect(retried.roundTrips).toBe(3)
    expect(await env.cloud.store.find(COLLECTIONS.staff)).toHaveLength(before + 1)
    const other = await visit('saveStaff', { ...WANG, requestId: 'req_staff_other' }, merchant)
    expect(other.data.staff.id).not.toBe(first.data.staff.id)
  })

  test.each([
    ['name', { name: '一二三四五六七八九十一' }],
    ['skills', { skills: [] }],
    ['skills.0', { skills: ['cleaning'] }],
    ['districts', { districts: Array.from({ length: 21 }, (_, i) => `区${i}`) }],
    ['districts.0', { districts: ['一二三四五六七八九十一二三'] }],
    [
      'weeklyHours',
      {
        weeklyHours: [
          { weekday: 1, from: '09:00', to: '12:00' },
          { weekday: 1, from: '11:00', to: '14:00' },
        ],
      },
    ],
    ['weeklyHours.0.weekday', { weeklyHours: [{ weekday: 7, from: '09:00', to: '12:00' }] }],
    ['openid', { openid: 'o_someone' }],
    ['role', { role: 'owner' }],
  ])('a bad %s is refused, naming the field, and writes nothing', async (field, fields) => {
    const before = await written()
    const answer = await visit('saveStaff', { ...WANG, ...fields }, merchant)
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', field })
    expect(answer.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await written()).toBe(before)
  })

  test.each([
    ['a customer', consumerA],
    ['a staff member', zhang],
  ])('%s cannot save staff', async (_who, openid) => {
    const before = await written()
    expect(await visit('saveStaff', WANG, openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await written()).toBe(before)
  })

  test('deactivating someone with visits ahead, or the owner, is refused and writes nothing', async () => {
    await held(weekdayAhead(5), 'visit_held_save')
    const zhangRow = { ...WANG, name: '张师傅', staffId: 'staff_zhang', active: false }
    const before = await written()
    const busy = await visit('saveStaff', zhangRow, merchant)
    expect(busy).toMatchObject({ ok: false, code: 'STAFF_HAS_VISITS', field: 'active' })
    expect(busy.message).toContain('1 个未完成的上门')
    const owner = await visit(
      'saveStaff',
      { ...WANG, name: '青木', staffId: 'staff_owner', active: false },
      merchant,
    )
    expect(owner).toMatchObject({ ok: false, code: 'OWNER_ROW' })
    const missing = await visit('saveStaff', { ...WANG, staffId: 'staff_nobody' }, merchant)
    expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await written()).toBe(before)

    const { id } = await added({ name: '赵师傅' })
    const off = await visit('saveStaff', { ...WANG, staffId: id, active: false }, merchant)
    expect(off).toMatchObject({ ok: true, data: { staff: { active: false } } })
  })
})

describe('saveStaff narrowing', () => {
  test('taking away a skill or district a visit ahead needs is refused and writes nothing', async () => {
    await held(weekdayAhead(6), 'visit_held_narrow')
    const zhangRow = {
      ...WANG,
      name: '张师傅',
      staffId: 'staff_zhang',
      skills: ['measuring', 'installing', 'repairing'],
      districts: ['徐汇区', '闵行区', '长宁区'],
    }
    const before = await written()
    // The held visit is a measuring visit in 徐汇区.
    const noMeasuring = await visit(
      'saveStaff',
      { ...zhangRow, skills: ['installing', 'repairing'] },
      merchant,
    )
    expect(noMeasuring).toMatchObject({ ok: false, code: 'STAFF_HAS_VISITS', field: 'skills' })
    expect(noMeasuring.message).toContain('需要去掉的技能或区域')
    const noXuhui = await visit('saveStaff', { ...zhangRow, districts: ['闵行区'] }, merchant)
    expect(noXuhui).toMatchObject({ ok: false, code: 'STAFF_HAS_VISITS', field: 'districts' })
    expect(await written()).toBe(before)

    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.visit,
      {
        action: 'saveStaff',
        payload: { ...zhangRow, skills: ['measuring'], districts: ['徐汇区'] },
      },
      merchant,
    )
    expect(result).toMatchObject({ ok: true })
    // docs/actions.md: owner check, the row and its days, the count, the update.
    expect(roundTrips).toBe(5)
    expect(await visit('saveStaff', zhangRow, merchant)).toMatchObject({ ok: true })
  })
})

describe('joinStaff', () => {
  test('of 20 parallel joins with one code exactly one binds; its retry answers ok', async () => {
    const { id, code } = await added({ name: '钱师傅' })
    const callers = Array.from({ length: 20 }, (_, i) => `o_join_race_${i}`)
    const answers = await Promise.all(
      callers.map((openid) => visit('joinStaff', { code: code.toLowerCase() }, openid)),
    )
    const winners = callers.filter((_, i) => answers[i].ok)
    expect(winners).toHaveLength(1)
    expect(answers.filter((a) => !a.ok).map((a) => a.code)).toEqual(Array(19).fill('INVITE_USED'))
    const [row] = await env.cloud.store.find(COLLECTIONS.staff, { _id: id })
    expect(row.openid).toBe(winners[0])

    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.visit,
      { action: 'joinStaff', payload: { code } },
      winners[0],
    )
    expect(result).toMatchObject({ ok: true, data: { name: '钱师傅', already: true } })
    // the code's row; start, the row, commit (nothing written).
    expect(roundTrips).toBe(4)
    const list = await visit('staff', {}, merchant)
    const view = list.data.staff.find((s: { id: string }) => s.id === id)
    expect(view).toMatchObject({ joined: true, invite: null })
  })

  test('a first join: its round trips', async () => {
    const { code } = await added({ name: '孙师傅' })
    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.visit,
      { action: 'joinStaff', payload: { code } },
      'o_join_first',
    )
    expect(result).toMatchObject({ ok: true, data: { name: '孙师傅', already: false } })
    // the code's row; start, the row, the caller's rows, update, commit.
    expect(roundTrips).toBe(6)
  })

  test('staff already, an unknown or expired code, or no account: refused, nothing written', async () => {
    const { code } = await added({ name: '周师傅' })
    const before = await written()
    expect(await visit('joinStaff', { code }, zhang)).toMatchObject({ code: 'ALREADY_STAFF' })
    expect(await visit('joinStaff', { code }, null)).toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(await visit('joinStaff', { code: 'ABCDEFGH' }, 'o_join_x')).toMatchObject({
      code: 'INVITE_INVALID',
      field: 'code',
    })
    expect(await visit('joinStaff', { code: 'AB0' }, 'o_join_x')).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'code',
    })
    env.cloud.clock.set(new Date(Date.now() + 8 * 86_400_000))
    expect(await visit('joinStaff', { code }, 'o_join_x')).toMatchObject({
      code: 'INVITE_EXPIRED',
    })
    expect(await written()).toBe(before)
  })
})

describe('setHours', () => {
  const date = weekdayAhead(12)

  test('the owner gives a day off; it shows in the list and 派单 no longer counts the person', async () => {
    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.visit,
      { action: 'setHours', payload: { staffId: 'staff_li', date, hours: [], note: '请假' } },
      merchant,
    )
    expect(result).toMatchObject({ ok: true, data: { date, hours: [] } })
    // merchant and staff row of the caller in parallel, then the row and the day's visits, then the set.
    expect(roundTrips).toBe(5)
    const [row] = await env.cloud.store.find(COLLECTIONS.availability, {
      _id: `staff_li__${date}`,
    })
    expect(row).toMatchObject({ staffId: 'staff_li', date, hours: [], note: '请假' })
    const dispatch = await visit('dispatch', { date }, merchant)
    const li = dispatch.data.staff.find((s: { id: string }) => s.id === 'staff_li')
    expect(li.hours).toEqual([])
  })

  test('a staff member sets their own day (named or not), not another’s', async () => {
    const own = await visit(
      'setHours',
      { staffId: 'staff_zhang', date, hours: [{ from: '13:00', to: '18:00' }] },
      zhang,
    )
    expect(own).toMatchObject({ ok: true })
    const leave = await visit('setHours', { date: addDays(date, 1), hours: [] }, zhang)
    expect(leave).toMatchObject({ ok: true })
    const [left] = await env.cloud.store.find(COLLECTIONS.availability, {
      _id: `staff_zhang__${addDays(date, 1)}`,
    })
    expect(left).toMatchObject({ staffId: 'staff_zhang', hours: [] })
    const before = await written()
    const other = await visit('setHours', { staffId: 'staff_li', date, hours: [] }, zhang)
    expect(other).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const customer = await visit('setHours', { staffId: 'staff_li', date, hours: [] }, consumerA)
    expect(customer).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await written()).toBe(before)
  })

  test('hours that leave a held visit uncovered, a past or far date: refused, nothing written', async () => {
    const day = weekdayAhead(15)
    await held(day, 'visit_held_hours')
    const before = await written()
    const off = await visit('setHours', { staffId: 'staff_zhang', date: day, hours: [] }, merchant)
    expect(off).toMatchObject({ ok: false, code: 'HOURS_HOLD_VISITS', field: 'hours' })
    expect(off.message).toContain('10:00–12:00')
    const short = await visit(
      'setHours',
      { staffId: 'staff_zhang', date: day, hours: [{ from: '11:00', to: '18:00' }] },
      merchant,
    )
    expect(short).toMatchObject({ ok: false, code: 'HOURS_HOLD_VISITS' })
    const today = chinaDateOf(new Date())
    for (const bad of [addDays(today, -1), addDays(today, 61)]) {
      const answer = await visit(
        'setHours',
        { staffId: 'staff_zhang', date: bad, hours: [] },
        merchant,
      )
      expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'date' })
    }
    const overlap = await visit(
      'setHours',
      {
        staffId: 'staff_zhang',
        date: day,
        hours: [
          { from: '09:00', to: '12:00' },
          { from: '10:00', to: '13:00' },
        ],
      },
      merchant,
    )
    expect(overlap).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'hours' })
    expect(await written()).toBe(before)
    const covering = await visit(
      'setHours',
      { staffId: 'staff_zhang', date: day, hours: [{ from: '09:30', to: '12:00' }] },
      merchant,
    )
    expect(covering).toMatchObject({ ok: true })
  })
})

describe('staff', () => {
  test('the owner’s list: everyone, no openid, the next 14 days with a day’s own hours', async () => {
    const date = weekdayAhead(3)
    await visit('setHours', { staffId: 'staff_li', date, hours: [] }, merchant)
    const { result, roundTrips } = await env.cloud.invokeCounted(
      FUNCTIONS.visit,
      { action: 'staff', payload: {} },
      merchant,
    )
    // owner check, then the rows and the days' own hours in parallel.
    expect(roundTrips).toBe(3)
    expect(JSON.stringify(result)).not.toMatch(/openid|o_demo/)
    const { staff } = (result as { data: { staff: any[] } }).data // eslint-disable-line @typescript-eslint/no-explicit-any
    const li = staff.find((s) => s.id === 'staff_li')
    expect(li).toMatchObject({ joined: true, invite: null, active: true })
    expect(li.days.find((d: { date: string }) => d.date === date)).toEqual({
      date,
      hours: [],
      own: true,
    })
    expect(await visit('staff', {}, zhang)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  test('a person nobody has joined as is not offered by 派单', async () => {
    await added({ name: '吴师傅' })
    const dispatch = await visit('dispatch', { date: weekdayAhead(4) }, merchant)
    const names = dispatch.data.staff.map((s: { name: string }) => s.name)
    expect(names).toContain('张师傅')
    expect(names).not.toContain('吴师傅')
  })
})
