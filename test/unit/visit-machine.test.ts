// Every (node, event, role) triple at three moments against a hand-written list of what must be
// allowed. The list is written from the product rules, not derived from VISIT_TRANSITIONS, so a
// wrong row fails here.
import { VISIT_EVENT_LABELS, VISIT_EVENT_SUBMIT_LABELS } from '@/domain/visit-labels'
import {
  availableVisitEvents,
  canVisit,
  DEFAULT_VISIT_RULES,
  MISSED_GRACE_MINUTES,
} from '@/domain/visit-machine'
import {
  VISIT_EVENTS,
  VISIT_NODES,
  VISIT_ROLES,
  type VisitNode,
  type VisitRole,
} from '@/domain/visit-types'
import { at, makeVisit, OWNER, STAFF, STRANGER, WINDOW } from './visit-factories'

const HOUR_MS = 60 * 60 * 1000
const MINUTE_MS = 60 * 1000
const identity = (role: VisitRole) =>
  role === 'consumer' ? { openid: OWNER } : role === 'staff' ? { staffId: STAFF } : {}

/** node -> "event/role" allowed; anything not listed must be refused. */
type Allowed = Partial<Record<VisitNode, string[]>>
const OWNER_OR_SYSTEM_CANCEL = ['cancel/owner', 'cancel/system']
const ON_THE_WAY = ['reschedule/owner', 'arrive/staff', ...OWNER_OR_SYSTEM_CANCEL]
const LATER_NODES: Allowed = {
  on_the_way: ON_THE_WAY,
  arrived: ['finish/staff'],
  // Booked again by the owner only; done and cancelled are final.
  missed: ['reschedule/owner'],
}

// Three days ahead: the customer may still change it; nobody sets out yet.
const DAYS_AHEAD: Allowed = {
  ...LATER_NODES,
  requested: [
    'assign/owner',
    'assign/system',
    'reschedule/consumer',
    'reschedule/owner',
    'cancel/consumer',
    ...OWNER_OR_SYSTEM_CANCEL,
  ],
  scheduled: [
    'reassign/owner',
    'reschedule/consumer',
    'reschedule/owner',
    'cancel/consumer',
    ...OWNER_OR_SYSTEM_CANCEL,
  ],
}
// Two hours before: inside the shop's notice, so the customer must call the shop; the staff sets out.
const SAME_DAY: Allowed = {
  ...LATER_NODES,
  requested: ['assign/owner', 'assign/system', 'reschedule/owner', ...OWNER_OR_SYSTEM_CANCEL],
  scheduled: ['reassign/owner', 'reschedule/owner', 'set_out/staff', ...OWNER_OR_SYSTEM_CANCEL],
}
// The window and its grace are over: the timer marks whoever has not arrived as missed.
const AFTER: Allowed = {
  ...LATER_NODES,
  requested: ['reschedule/owner', ...OWNER_OR_SYSTEM_CANCEL, 'mark_missed/system'],
  scheduled: ['reschedule/owner', 'set_out/staff', ...OWNER_OR_SYSTEM_CANCEL, 'mark_missed/system'],
  on_the_way: [...ON_THE_WAY, 'mark_missed/system'],
}

const moments: [string, Allowed, Date][] = [
  ['three days ahead', DAYS_AHEAD, new Date(WINDOW.start.getTime() - 72 * HOUR_MS)],
  ['two hours before', SAME_DAY, new Date(WINDOW.start.getTime() - 2 * HOUR_MS)],
  ['after the window', AFTER, new Date(WINDOW.end.getTime() + MISSED_GRACE_MINUTES * MINUTE_MS)],
]

describe.each(moments)('%s: exactly the listed triples are allowed', (_name, allowed, now) => {
  const triples = VISIT_NODES.flatMap((node) =>
    VISIT_EVENTS.flatMap((event) => VISIT_ROLES.map((role) => [node, event, role] as const)),
  )
  test.each(triples)('%s %s %s', (node, event, role) => {
    const verdict = canVisit(makeVisit({ node }), event, role, { ...identity(role), now })
    expect(verdict.ok).toBe((allowed[node] ?? []).includes(`${event}/${role}`))
    if (!verdict.ok) expect(verdict.reason).toMatch(/[\u4e00-\u9fa5]/)
  })
})

describe('identity', () => {
  const visit = makeVisit()
  const early = new Date(WINDOW.start.getTime() - 72 * HOUR_MS)
  test('a consumer acts only on their own visit, and must say who they are', () => {
    const mine = { ok: true, to: 'cancelled' }
    const refused = { ok: false, code: 'FORBIDDEN', reason: '只能操作自己的预约' }
    expect(canVisit(visit, 'cancel', 'consumer', { openid: OWNER, now: early })).toEqual(mine)
    expect(canVisit(visit, 'cancel', 'consumer', { openid: STRANGER, now: early })).toEqual(refused)
    expect(canVisit(visit, 'cancel', 'consumer', { now: early })).toEqual(refused)
  })
  test('only the assigned staff member moves the visit', () => {
    const onTheWay = makeVisit({ node: 'on_the_way' })
    const refused = { ok: false, code: 'FORBIDDEN', reason: '只能操作指派给自己的上门任务' }
    expect(canVisit(onTheWay, 'arrive', 'staff', { staffId: STAFF })).toEqual({
      ok: true,
      to: 'arrived',
    })
    expect(canVisit(onTheWay, 'arrive', 'staff', { staffId: 'staff_li' })).toEqual(refused)
    expect(canVisit(onTheWay, 'arrive', 'staff', {})).toEqual(refused)
    expect(canVisit(onTheWay, 'arrive', 'staff', { openid: OWNER })).toEqual(refused)
  })
  test('a role outside the row is FORBIDDEN; a wrong node is INVALID_TRANSITION', () => {
    expect(canVisit(visit, 'set_out', 'owner')).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      reason: '商家不能出发',
    })
    expect(canVisit(makeVisit({ node: 'done' }), 'arrive', 'staff', { staffId: STAFF })).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: '上门状态为「已完成」，不能到达',
    })
  })
})

describe('time guards', () => {
  const scheduled = makeVisit()
  const consumer = (now: Date, rules = DEFAULT_VISIT_RULES) =>
    canVisit(scheduled, 'reschedule', 'consumer', { openid: OWNER, now, rules })
  const hoursBefore = (hours: number) => new Date(WINDOW.start.getTime() - hours * HOUR_MS)

  test(`the customer changes it up to ${DEFAULT_VISIT_RULES.changeNoticeHours} hours before, not a moment later`, () => {
    expect(consumer(hoursBefore(24))).toEqual({ ok: true, to: 'scheduled' })
    expect(consumer(new Date(hoursBefore(24).getTime() + 1))).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      reason: '距上门不足 24 小时，请联系商家改约或取消',
    })
  })
  test("the shop's own notice is the rule", () => {
    const rules = { changeNoticeHours: 4 }
    expect(consumer(hoursBefore(5), rules)).toMatchObject({ ok: true })
    expect(consumer(hoursBefore(3), rules)).toMatchObject({ reason: /不足 4 小时/ })
  })
  test('without the time, time guards refuse', () => {
    expect(canVisit(scheduled, 'cancel', 'consumer', { openid: OWNER })).toMatchObject({
      ok: false,
    })
    expect(canVisit(scheduled, 'mark_missed', 'system')).toMatchObject({ ok: false })
    expect(canVisit(scheduled, 'set_out', 'staff', { staffId: STAFF })).toMatchObject({ ok: false })
    expect(canVisit(makeVisit({ node: 'requested' }), 'assign', 'system')).toMatchObject({
      ok: false,
    })
  })
  test('a staff member sets out from China midnight of the visit day', () => {
    const setOut = (now: Date) => canVisit(scheduled, 'set_out', 'staff', { staffId: STAFF, now })
    expect(setOut(new Date(at('00:00').getTime() - 1))).toMatchObject({
      reason: '上门当天才能出发',
    })
    expect(setOut(at('00:00'))).toEqual({ ok: true, to: 'on_the_way' })
  })
  test(`missed only ${MISSED_GRACE_MINUTES} minutes after the window`, () => {
    const due = WINDOW.end.getTime() + MISSED_GRACE_MINUTES * MINUTE_MS
    const missed = (now: number) =>
      canVisit(scheduled, 'mark_missed', 'system', { now: new Date(now) })
    expect(missed(due - 1)).toMatchObject({ ok: false, reason: '预约时段尚未结束' })
    expect(missed(due)).toEqual({ ok: true, to: 'missed' })
  })
  test('assigning stops when the window starts', () => {
    const requested = makeVisit({ node: 'requested' })
    const assign = (now: number) => canVisit(requested, 'assign', 'system', { now: new Date(now) })
    expect(assign(WINDOW.start.getTime() - 1)).toEqual({ ok: true, to: 'scheduled' })
    expect(assign(WINDOW.start.getTime())).toMatchObject({
      reason: '预约时段已开始，请先改约时间',
    })
  })
})

describe('where a reschedule leads', () => {
  test.each([
    ['requested', null, 'requested'],
    ['scheduled', STAFF, 'scheduled'],
    ['on_the_way', STAFF, 'scheduled'],
    ['missed', STAFF, 'scheduled'],
    ['missed', null, 'requested'],
  ] as const)('from %s (staff %s) to %s', (node, staffId, to) => {
    expect(canVisit(makeVisit({ node, staffId }), 'reschedule', 'owner')).toEqual({ ok: true, to })
  })
})

test('availableVisitEvents lists the buttons a role sees', () => {
  const now = new Date(WINDOW.start.getTime() - HOUR_MS)
  const visit = makeVisit()
  expect(availableVisitEvents(visit, 'staff', { staffId: STAFF, now })).toEqual(['set_out'])
  expect(availableVisitEvents(visit, 'staff', { staffId: 'staff_li', now })).toEqual([])
  expect(availableVisitEvents(visit, 'consumer', { openid: OWNER, now })).toEqual([])
  expect(availableVisitEvents(visit, 'owner', { now })).toEqual([
    'reassign',
    'reschedule',
    'cancel',
  ])
})

// A word said twice in a row is what gluing a verb onto a label produces (order-labels.test.ts).
test.each(VISIT_EVENTS.map((event) => [event]))('%s: button and submit say it once', (event) => {
  expect(VISIT_EVENT_LABELS[event]).not.toMatch(/(.{2,})\1/)
  expect(VISIT_EVENT_SUBMIT_LABELS[event]).not.toMatch(/(.{2,})\1/)
})
