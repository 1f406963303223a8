// Automatic assignment, the slot picker and the conflict check: a worked roster written from the
// rules, boundaries, then properties over random rosters (never a clash, never a staff member
// without the skill, district or hours, the least loaded wins, the same answer in any read order).
import fc from 'fast-check'
import { addDays } from '@/domain/china-date'
import {
  chooseStaff,
  conflictsOf,
  openWindows,
  slotClaimIds,
  windowsClash,
  TRAVEL_BUFFER_MINUTES,
  type BookedVisit,
  type StaffMember,
  type VisitRequest,
} from '@/domain/visit-assign'
import { withinSpans, workingSpans } from '@/domain/visit-hours'
import { formatChinaTime } from '@/domain/time'
import { VISIT_KINDS } from '@/domain/visit-types'
import { at, DAY, WINDOW } from './visit-factories'

/** Works Monday to Saturday 09:00–18:00 unless told otherwise. */
function makeStaff(overrides: Partial<StaffMember> = {}): StaffMember {
  return {
    id: 'staff_zhang',
    name: '张师傅',
    skills: ['measuring', 'installing'],
    districts: ['浦东新区'],
    weeklyHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
    active: true,
    ...overrides,
  }
}
function booked(staffId: string, from: string, to: string, day = DAY): BookedVisit {
  return {
    id: `${staffId}@${day}T${from}`,
    staffId,
    window: { start: at(from, day), end: at(to, day) },
  }
}
const install = (window = WINDOW, visitId?: string): VisitRequest => ({
  kind: 'installing',
  district: '浦东新区',
  window,
  visitId,
})

// 2026-12-03 is a Thursday; the request is 14:00–16:00 there.
const ZHANG = makeStaff()
const ZHOU = makeStaff({ id: 'staff_zhou', name: '周师傅' })
const LI = makeStaff({ id: 'staff_li', name: '李师傅', districts: ['徐汇区'] })
const WANG = makeStaff({ id: 'staff_wang', name: '王师傅', skills: ['repairing'] })
const ZHAO = makeStaff({ id: 'staff_zhao', name: '赵师傅' })
const CHEN = makeStaff({
  id: 'staff_chen',
  name: '陈师傅',
  weeklyHours: [{ weekday: 4, from: '08:00', to: '15:00' }],
})
const SUN = makeStaff({ id: 'staff_sun', name: '孙师傅', active: false })
const ROSTER = [ZHANG, ZHOU, LI, WANG, ZHAO, CHEN, SUN]
const BOOKED = [
  booked('staff_zhang', '09:00', '11:00'),
  booked('staff_zhang', '16:30', '18:00'),
  booked('staff_zhang', '10:00', '12:00', addDays(DAY, 1)),
  booked('staff_zhou', '09:00', '10:00'),
  booked('staff_zhou', '10:30', '11:30'),
  booked('staff_zhou', '12:00', '13:00'),
  // Ends 13:45: with 30 minutes' travel it reaches into 14:00.
  booked('staff_zhao', '12:00', '13:45'),
]

describe('chooseStaff on a worked roster', () => {
  const { choice, rejected } = chooseStaff(install(), ROSTER, BOOKED)

  test('skill, district, hours and no clash first, then the lowest load that day', () => {
    expect(choice).toEqual({
      staffId: 'staff_zhang',
      name: '张师傅',
      load: 2,
      explanation: '张师傅：会安装，负责浦东新区，当天 2 单',
    })
  })

  test('everyone else is told why, in staff id order', () => {
    expect(rejected.map((entry) => entry.explanation)).toEqual([
      '陈师傅：14:00–16:00 不在工作时间',
      '李师傅：不负责浦东新区',
      '孙师傅：已停用',
      '王师傅：不会安装',
      '赵师傅：与 12:00–13:45 的上门冲突（含路程 30 分钟）',
      '周师傅：当天 3 单，多于张师傅的 2 单',
    ])
  })

  test('nobody fits: no choice, every reason given', () => {
    const none = chooseStaff({ ...install(), district: '闵行区' }, ROSTER, BOOKED)
    expect(none.choice).toBeNull()
    expect(none.rejected).toHaveLength(ROSTER.length)
  })

  test('equal load goes to the lower staff id, and says so', () => {
    const twin = makeStaff({ id: 'staff_a', name: '安师傅' })
    const result = chooseStaff(install(), [ZHANG, twin], [])
    expect(result.choice?.staffId).toBe('staff_a')
    expect(result.rejected[0].explanation).toBe('张师傅：当天同为 0 单，按编号排在安师傅之后')
  })

  test('a visit being rescheduled does not clash with or count against itself', () => {
    const own = booked('staff_zhang', '13:00', '15:00')
    expect(chooseStaff(install(), [ZHANG], [own]).choice).toBeNull()
    expect(chooseStaff(install(WINDOW, own.id), [ZHANG], [own]).choice).toMatchObject({ load: 0 })
  })
})

describe('boundaries', () => {
  const window = (from: string, to: string, day = DAY) => ({
    start: at(from, day),
    end: at(to, day),
  })
  test.each([
    ['09:00', '11:00', true],
    ['16:00', '18:00', true],
    ['08:59', '11:00', false],
    ['16:00', '18:01', false],
  ])('working hours 09:00–18:00: %s–%s fits %s', (from, to, fits) => {
    expect(chooseStaff(install(window(from, to)), [ZHANG], []).choice !== null).toBe(fits)
  })

  test('travel time: free exactly 30 minutes after the last visit ends, not a minute sooner', () => {
    const earlier = [booked('staff_zhang', '10:00', '11:30')]
    expect(chooseStaff(install(window('12:00', '14:00')), [ZHANG], earlier).choice).not.toBeNull()
    expect(chooseStaff(install(window('11:59', '13:59')), [ZHANG], earlier).choice).toBeNull()
    // And before the next one: a visit ending 13:30 leaves travel time to a 14:00 start.
    const later = [booked('staff_zhang', '14:00', '15:00')]
    expect(chooseStaff(install(window('11:30', '13:30')), [ZHANG], later).choice).not.toBeNull()
    expect(chooseStaff(install(window('11:31', '13:31')), [ZHANG], later).choice).toBeNull()
  })

  test("a day's availability replaces the weekly hours: leave and Sunday overtime", () => {
    const sunday = addDays(DAY, 3)
    const leave = [{ staffId: 'staff_zhang', date: DAY, hours: [] }]
    const overtime = [
      { staffId: 'staff_zhang', date: sunday, hours: [{ from: '10:00', to: '16:00' }] },
    ]
    expect(chooseStaff(install(), [ZHANG], [], { overrides: leave }).choice).toBeNull()
    const onSunday = install(window('10:00', '12:00', sunday))
    expect(chooseStaff(onSunday, [ZHANG], []).choice).toBeNull()
    expect(chooseStaff(onSunday, [ZHANG], [], { overrides: overtime }).choice).not.toBeNull()
  })

  test('malformed hours are no hours', () => {
    const odd = makeStaff({
      weeklyHours: [
        { weekday: 4, from: '18:00', to: '09:00' },
        { weekday: 4, from: '9:00', to: '12:00' },
      ],
    })
    expect(workingSpans(odd, DAY)).toEqual([])
  })
})

test('conflictsOf: that person only, earliest first, the visit itself left out', () => {
  const visits = [
    booked('staff_zhang', '15:00', '16:00'),
    booked('staff_li', '14:00', '15:00'),
    booked('staff_zhang', '13:00', '14:00'),
    booked('staff_zhang', '09:00', '10:00'),
  ]
  expect(conflictsOf('staff_zhang', WINDOW, visits).map((visit) => visit.id)).toEqual([
    'staff_zhang@2026-12-03T13:00',
    'staff_zhang@2026-12-03T15:00',
  ])
  const except = { exceptVisitId: 'staff_zhang@2026-12-03T13:00' }
  expect(conflictsOf('staff_zhang', WINDOW, visits, except)).toHaveLength(1)
})

describe('openWindows', () => {
  const query = {
    date: DAY,
    kind: 'installing' as const,
    district: '浦东新区',
    notBefore: at('00:00'),
  }
  const starts = (windows: ReturnType<typeof openWindows>) =>
    windows.map(
      ({ window, staffCount }) => `${formatChinaTime(window.start, 'HH:mm')}×${staffCount}`,
    )

  test('two-hour windows on the hour where someone eligible is free, with how many', () => {
    // 张 holds 11:00–13:00 and 周 14:00–15:00; each needs 30 minutes' travel after a visit.
    const visits = [booked('staff_zhang', '11:00', '13:00'), booked('staff_zhou', '14:00', '15:00')]
    expect(starts(openWindows(query, [ZHANG, ZHOU, LI, WANG], visits))).toEqual([
      '09:00×1', // 周 (张 would reach 11:00 without travel time)
      '10:00×1',
      '11:00×1', // 周: done at 13:00, travels until 13:30, before his 14:00
      // 12:00 and 13:00: both busy
      '14:00×1', // 张, free from 13:30
      '15:00×1',
      '16:00×2', // 周 is free again from 15:30
    ])
  })

  test('nothing before notBefore; nothing on a day without hours', () => {
    const late = openWindows({ ...query, notBefore: at('15:30') }, [ZHANG], [])
    expect(late.map(({ window }) => window.start)).toEqual([at('16:00')])
    expect(openWindows({ ...query, date: addDays(DAY, 3) }, [ZHANG], [])).toEqual([])
  })

  test('every offered window is one chooseStaff assigns', () => {
    for (const { window } of openWindows(query, ROSTER, BOOKED))
      expect(chooseStaff(install(window), ROSTER, BOOKED).choice).not.toBeNull()
  })
})

describe('slot claims', () => {
  test('a visit claims the half-hour cells of its window and travel time', () => {
    expect(slotClaimIds('staff_zhang', WINDOW)).toEqual([
      'staff_zhang__202612031400',
      'staff_zhang__202612031430',
      'staff_zhang__202612031500',
      'staff_zhang__202612031530',
      'staff_zhang__202612031600',
    ])
  })
})

// Random rosters on one day: quarter-hour grid between 08:00 and 20:00 China time.
const QUARTER = 15 * 60 * 1000
const DAY_START = at('08:00').getTime()
const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 2, max: 12 }))
  .map(([from, length]) => ({
    start: new Date(DAY_START + from * QUARTER),
    end: new Date(DAY_START + (from + length) * QUARTER),
  }))
const STAFF_IDS = ['s1', 's2', 's3', 's4', 's5']
const staffArb = fc.record({
  skills: fc.subarray([...VISIT_KINDS]),
  districts: fc.subarray(['浦东新区', '徐汇区', '静安区']),
  from: fc.constantFrom('08:00', '09:00', '12:00'),
  to: fc.constantFrom('14:00', '18:00', '20:00'),
  active: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
})
const rosterArb = fc.array(staffArb, { minLength: 1, maxLength: 5 }).map((members) =>
  members.map((member, index) =>
    makeStaff({
      id: STAFF_IDS[index],
      name: `师傅${index + 1}`,
      skills: member.skills,
      districts: member.districts,
      weeklyHours: [{ weekday: 4, from: member.from, to: member.to }],
      active: member.active,
    }),
  ),
)
const bookedArb = fc
  .array(fc.tuple(fc.constantFrom(...STAFF_IDS), windowArb), { maxLength: 12 })
  .map((entries) =>
    entries.map(([staffId, window], index) => ({ id: `b${index}`, staffId, window })),
  )
const requestArb = fc.record({
  kind: fc.constantFrom(...VISIT_KINDS),
  district: fc.constantFrom('浦东新区', '徐汇区', '静安区'),
  window: windowArb,
})

describe('properties', () => {
  test('the choice has the skill, the district and the hours, clashes with nothing and is least loaded', () => {
    fc.assert(
      fc.property(rosterArb, bookedArb, requestArb, (roster, visits, request) => {
        const { choice, rejected } = chooseStaff(request, roster, visits)
        expect(rejected).toHaveLength(roster.length - (choice ? 1 : 0))
        if (!choice) return
        const member = roster.find((candidate) => candidate.id === choice.staffId) as StaffMember
        expect(member.active).toBe(true)
        expect(member.skills).toContain(request.kind)
        expect(member.districts).toContain(request.district)
        expect(withinSpans(request.window, workingSpans(member, DAY))).toBe(true)
        const own = visits.filter((visit) => visit.staffId === member.id)
        for (const visit of own)
          expect(windowsClash(visit.window, request.window, TRAVEL_BUFFER_MINUTES)).toBe(false)
        expect(choice.load).toBe(own.length)
        // Nobody eligible carries less that day.
        for (const other of roster) {
          const alone = chooseStaff(request, [other], visits).choice
          if (alone) expect(alone.load).toBeGreaterThanOrEqual(choice.load)
        }
      }),
      { numRuns: 300 },
    )
  })

  test('the same answer whatever order the roster and the visits are read in', () => {
    fc.assert(
      fc.property(
        rosterArb,
        bookedArb,
        requestArb,
        fc.integer(),
        (roster, visits, request, seed) => {
          const shuffle = <T>(items: T[]) =>
            items
              .map((item, index) => ({ item, key: (index * 7919 + seed) % 101 }))
              .sort((a, b) => a.key - b.key)
              .map(({ item }) => item)
          expect(chooseStaff(request, shuffle(roster), shuffle(visits))).toEqual(
            chooseStaff(request, roster, visits),
          )
        },
      ),
      { numRuns: 200 },
    )
  })

  test('assigning visit after visit never gives one person two clashing visits', () => {
    fc.assert(
      fc.property(rosterArb, fc.array(requestArb, { maxLength: 15 }), (roster, requests) => {
        const held: BookedVisit[] = []
        for (const [index, request] of requests.entries()) {
          const { choice } = chooseStaff(request, roster, held)
          if (choice)
            held.push({ id: `v${index}`, staffId: choice.staffId, window: request.window })
        }
        for (const a of held)
          for (const b of held)
            if (a !== b && a.staffId === b.staffId)
              expect(windowsClash(a.window, b.window, TRAVEL_BUFFER_MINUTES)).toBe(false)
      }),
      { numRuns: 200 },
    )
  })

  test('two clashing visits of one person always share a claim; on the hour grid, others never do', () => {
    fc.assert(
      fc.property(windowArb, windowArb, (a, b) => {
        const shared = slotClaimIds('s1', a).some((id) => slotClaimIds('s1', b).includes(id))
        const clash = windowsClash(a, b, TRAVEL_BUFFER_MINUTES)
        if (clash) expect(shared).toBe(true)
        const onGrid = [a, b].every(
          (window) =>
            window.start.getTime() % (30 * 60 * 1000) === 0 &&
            window.end.getTime() % (30 * 60 * 1000) === 0,
        )
        if (onGrid) expect(shared).toBe(clash)
      }),
      { numRuns: 500 },
    )
  })

  test('claims are per person and per day', () => {
    const tomorrow = { start: at('14:00', addDays(DAY, 1)), end: at('16:00', addDays(DAY, 1)) }
    const ids = [
      ...slotClaimIds('s1', WINDOW),
      ...slotClaimIds('s2', WINDOW),
      ...slotClaimIds('s1', tomorrow),
    ]
    expect(new Set(ids).size).toBe(ids.length)
  })
})
